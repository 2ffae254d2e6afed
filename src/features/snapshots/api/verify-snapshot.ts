import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { trackNewJob } from '@/lib/job-cache';
import { singleFlight } from '@/lib/single-flight';

/**
 * Verifies one snapshot: a job reads back every content it names and checks it. The job is tracked at once,
 * so the environment shows its progress; when it ends, the history is refetched with the result.
 */
export function useVerifySnapshot(site: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ snapshotId, idempotencyKey }: { snapshotId: string; idempotencyKey: string }) =>
      singleFlight(idempotencyKey, () => api.verifySnapshot(site, snapshotId, { idempotencyKey })),
    onSuccess: (job) => trackNewJob(client, site, job),
  });
}

/** Verifies every ready snapshot of the environment, in one job. */
export function useVerifyEnvironment(site: string, env: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (idempotencyKey: string) =>
      singleFlight(idempotencyKey, () => api.verifyEnvironment(site, env, { idempotencyKey })),
    onSuccess: (job) => trackNewJob(client, site, job),
  });
}
