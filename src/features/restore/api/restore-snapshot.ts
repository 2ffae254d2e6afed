import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '@contract/client';
import type { Job, Selector } from '@contract/schemas';
import { api } from '@/lib/api-client';
import { trackNewJob } from '@/lib/job-cache';
import { singleFlight } from '@/lib/single-flight';
import { queryKeys } from '@/lib/query-keys';

export interface RestoreVariables {
  site: string;
  snapshotId: string;
  selectors: Selector[];
  /** The target environment's name (same site). */
  environment: string;
  /** The target's name as typed: the server restores into a production environment only with it. */
  confirm?: string;
  /** One per intent: a retry or a double click of the same restore never starts a second one. */
  idempotencyKey: string;
}

export function useRestoreSnapshot() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ site, snapshotId, selectors, environment, confirm, idempotencyKey }: RestoreVariables) =>
      singleFlight(idempotencyKey, () =>
        api.restoreSnapshot(
          site,
          snapshotId,
          { selectors, environment, ...(confirm === undefined ? {} : { confirm }) },
          { idempotencyKey },
        ),
      ),
    onSuccess: async (job, { site }) => {
      trackNewJob(client, site, job);
      // The target's pre-restore snapshot shows in its history as soon as the job takes it.
      await Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.environments.site(site) }),
        client.invalidateQueries({ queryKey: queryKeys.snapshots.list(site, job.environment) }),
      ]);
    },
    // Refused because the restore point expired or is gone: the history behind the dialog is stale, so refresh
    // it (the dialog itself keeps showing the refusal and its reason).
    onError: async (error, { site }) => {
      if (error instanceof ApiError && (error.status === 404 || error.status === 409)) {
        await client.invalidateQueries({ queryKey: [...queryKeys.snapshots.all, 'list', site] });
        await client.invalidateQueries({ queryKey: queryKeys.environments.site(site) });
      }
    },
  });
}

/** Undo a finished restore: restore its pre-restore snapshot into the same environment, same selectors. */
export function undoRestoreVariables(
  site: string,
  job: Job,
  idempotencyKey: string,
): RestoreVariables | null {
  if (job.type !== 'restore' || !job.pre_restore_snapshot_id) return null;
  return {
    site,
    snapshotId: job.pre_restore_snapshot_id,
    selectors: job.selectors,
    environment: job.environment,
    idempotencyKey,
  };
}
