import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BackupRequest } from '@contract/requests';
import { api } from '@/lib/api-client';
import { trackNewJob } from '@/lib/job-cache';
import { singleFlight } from '@/lib/single-flight';
import { queryKeys } from '@/lib/query-keys';

export interface TakeSnapshotVariables {
  body: BackupRequest;
  /** One per intent: the same for a retry or a double click, so the server starts one job. */
  idempotencyKey: string;
}

export function useTakeSnapshot(site: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: TakeSnapshotVariables) =>
      singleFlight(idempotencyKey, () => api.createBackup(site, body, { idempotencyKey })),
    onSuccess: async (job) => {
      trackNewJob(client, site, job);
      // The pending snapshot is in the history from the moment the job is accepted.
      await Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.snapshots.list(site, job.environment) }),
        client.invalidateQueries({ queryKey: queryKeys.environments.site(site) }),
      ]);
    },
  });
}
