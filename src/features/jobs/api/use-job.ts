import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { Job } from '@contract/schemas';
import { refreshAfterJob } from '@/lib/job-cache';
import { isActiveJob, jobQueryOptions, pollInterval } from './get-job';

export interface UseJobOptions {
  /** Poll while the job is queued or running. Exactly one observer per job polls (the header's). */
  poll?: boolean;
  /** Called once when a polled job is seen to end (succeeded, failed or canceled). */
  onFinished?: (job: Job) => void;
}

/**
 * A job, live. With `poll`, GET /v1/jobs/{id} is asked again only while the job is active, at an interval
 * that backs off; it stops by itself when the job ends, and then the environment, its history and the
 * active jobs are refreshed once.
 */
export function useJob(site: string, jobId: string, { poll = false, onFinished }: UseJobOptions = {}) {
  const client = useQueryClient();
  const query = useQuery({
    ...jobQueryOptions(jobId),
    refetchInterval: poll
      ? (current) => (isActiveJob(current.state.data) ? pollInterval(current.state.dataUpdateCount) : false)
      : false,
  });

  const job = query.data;
  const seenActive = useRef(false);
  const finished = useRef(onFinished);
  useEffect(() => {
    finished.current = onFinished;
  }, [onFinished]);

  useEffect(() => {
    if (!poll || !job) return;
    if (isActiveJob(job)) {
      seenActive.current = true;
      return;
    }
    if (!seenActive.current) return;
    seenActive.current = false;
    void refreshAfterJob(client, site, job);
    finished.current?.(job);
  }, [client, job, poll, site]);

  return query;
}
