import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { refreshAfterBackupAccepted } from '@/lib/job-cache';
import { singleFlight } from '@/lib/single-flight';

/**
 * "Run now": a backup of the environment as its policy would take it. Settles once the environment shows it
 * as the policy's last run, so the panel goes from "Starting…" to the run's progress without a gap.
 */
export function useRunBackupPolicy(site: string, env: string) {
  const client = useQueryClient();
  return useMutation({
    /** One key per intent: a retry after an error, or a double click, never starts a second run. */
    mutationFn: (idempotencyKey: string) =>
      singleFlight(idempotencyKey, () => api.runBackupPolicy(site, env, { idempotencyKey })),
    onSuccess: (job) => refreshAfterBackupAccepted(client, site, job),
  });
}
