import type { BackupPolicy } from '@contract/schemas';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { ErrorAlert, Note } from '@/components/ui/alert';
import { RelativeTime } from '@/components/ui/relative-time';
import { useNow } from '@/hooks/use-now';
import { formatExactTime } from '@/lib/format';
import { queryKeys } from '@/lib/query-keys';
import { summarizePolicy } from '../schedule-words';
import { useRunBackupPolicy } from '../api/run-backup-policy';
import { BackupPolicyDialog } from './backup-policy-dialog';
import { RunNowButton } from './run-now-button';

/** When the next run is due, ask once more for the environment and its jobs, so the run shows up. */
function useRefreshWhenDue(site: string, nextRunAt: string | null) {
  const client = useQueryClient();
  useEffect(() => {
    if (!nextRunAt) return;
    const wait = Date.parse(nextRunAt) - Date.now() + 5_000;
    if (wait < 0 || wait > 2 ** 31 - 1) return;
    const timer = setTimeout(() => {
      void client.invalidateQueries({ queryKey: queryKeys.environments.site(site) });
      void client.invalidateQueries({ queryKey: queryKeys.jobs.active(site) });
    }, wait);
    return () => clearTimeout(timer);
  }, [client, site, nextRunAt]);
}

function LastRun({ policy }: { policy: BackupPolicy }) {
  if (policy.last_run?.status === 'failed') {
    return (
      <Note tone="warning">
        The last scheduled backup failed. Nothing is pruned until one succeeds, so no restore point is lost.
      </Note>
    );
  }
  if (!policy.last_run_at) return null;
  return (
    <p>
      Last scheduled backup <RelativeTime value={policy.last_run_at} />.
    </p>
  );
}

const isActive = (run: BackupPolicy['last_run']) => run?.status === 'queued' || run?.status === 'running';

/**
 * The environment's backup policy in plain words, with its editor and "Run now". While a run of the policy
 * (started here or by the schedule) is queued or running, `runProgress` shows it in the panel.
 */
export function BackupPolicyPanel({
  site,
  env,
  policy,
  runProgress,
}: {
  site: string;
  env: string;
  policy: BackupPolicy;
  runProgress?: (jobId: string) => ReactNode;
}) {
  const now = useNow();
  const run = useRunBackupPolicy(site, env);
  const runningId = isActive(policy.last_run) ? policy.last_run!.job_id : null;
  useRefreshWhenDue(site, policy.schedule.enabled ? policy.next_run_at : null);
  const keepLast = policy.retention.keep_last;
  return (
    <section aria-labelledby="backup-policy-title" className="space-y-3">
      <div className="flex items-center justify-between gap-3">
        <h2 id="backup-policy-title" className="text-sm font-semibold tracking-wide text-ink-muted uppercase">
          Scheduled backups
        </h2>
        <div className="flex items-center gap-2">
          <RunNowButton env={env} run={run} running={runningId !== null} />
          <BackupPolicyDialog site={site} env={env} policy={policy} />
        </div>
      </div>
      <div className="space-y-2 rounded-xl border border-border bg-surface p-4">
        <p
          className="font-medium"
          title={policy.next_run_at ? `Next run ${formatExactTime(policy.next_run_at)}` : undefined}
        >
          {summarizePolicy(policy, now)}
        </p>
        <div className="space-y-2 text-sm text-ink-muted">
          <p>
            {keepLast > 1 ? `The last ${keepLast} snapshots are` : 'The newest snapshot is'} always kept, and
            pinned ones until you unpin them.
            {policy.is_default ? ' This is the default policy for this type of environment.' : null}
          </p>
          {runningId ? null : <LastRun policy={policy} />}
        </div>
        {runningId && runProgress?.(runningId)}
        {run.error && !run.isPending ? <ErrorAlert error={run.error} /> : null}
      </div>
    </section>
  );
}
