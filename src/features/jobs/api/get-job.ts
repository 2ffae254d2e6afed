import { queryOptions } from '@tanstack/react-query';
import type { Job } from '@contract/schemas';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export function isActiveJob(job: Job | null | undefined): job is Job {
  return job?.status === 'queued' || job?.status === 'running';
}

/**
 * How long to wait before asking again, after `answers` answers: 500 ms at first so a short job feels
 * live, growing by a quarter each time up to 5 s, so a long job costs a request every few seconds.
 */
export function pollInterval(answers: number): number {
  return Math.min(5000, Math.round(500 * 1.25 ** Math.max(0, answers - 1)));
}

/**
 * A job's state. Never stale by age: it changes only by polling (while active) or by a fresh copy from
 * the active jobs list, so mounting another reader or focusing the window asks nothing.
 */
export function jobQueryOptions(jobId: string) {
  return queryOptions({
    queryKey: queryKeys.jobs.detail(jobId),
    queryFn: () => api.getJob(jobId),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
