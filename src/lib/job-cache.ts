import type { QueryClient } from '@tanstack/react-query';
import type { Job, List } from '@contract/schemas';
import { queryKeys } from './query-keys';

/**
 * A job the dashboard has just started: put it where the header indicator and the environment page look
 * (its detail and the site's active jobs), so polling begins without waiting for a list to refetch.
 */
export function trackNewJob(client: QueryClient, site: string, job: Job): void {
  client.setQueryData(queryKeys.jobs.detail(job.id), job);
  const activeKey = queryKeys.jobs.active(site);
  if (!client.getQueryData(activeKey)) {
    void client.invalidateQueries({ queryKey: activeKey });
    return;
  }
  client.setQueryData<List<Job>>(activeKey, (old) => {
    if (!old || old.data.some((known) => known.id === job.id)) return old;
    return { data: [...old.data, job] };
  });
}

/** A backup just accepted: its job is tracked, and its pending snapshot is in the history from now on. */
export async function refreshAfterBackupAccepted(client: QueryClient, site: string, job: Job): Promise<void> {
  trackNewJob(client, site, job);
  await Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.snapshots.list(site, job.environment) }),
    client.invalidateQueries({ queryKey: queryKeys.environments.site(site) }),
  ]);
}

/** After a job ends: what it changed (its environment, its history) and the active jobs, refetched once. */
export async function refreshAfterJob(client: QueryClient, site: string, job: Job): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.snapshots.list(site, job.environment) }),
    client.invalidateQueries({ queryKey: queryKeys.environments.site(site) }),
    client.invalidateQueries({ queryKey: queryKeys.jobs.active(site) }),
  ]);
}
