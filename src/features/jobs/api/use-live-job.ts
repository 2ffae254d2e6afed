import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Job } from '@contract/schemas';
import { trackNewJob } from '@/lib/job-cache';
import { activeJobsQueryOptions } from './get-active-jobs';
import { isActiveJob, jobQueryOptions } from './get-job';

/**
 * The live state of a job known from elsewhere (an environment's `active_job`). It reads the job's cache,
 * which the header keeps polled; a job the active list does not know yet is added to it, so it is.
 */
export function useLiveJob(site: string, known: Job): Job {
  const client = useQueryClient();
  const job = useQuery({ ...jobQueryOptions(known.id), initialData: known }).data;
  const active = useQuery(activeJobsQueryOptions(site));
  const listed = active.data?.data.some((entry) => entry.id === known.id) ?? false;

  useEffect(() => {
    if (active.isSuccess && !listed && isActiveJob(job)) trackNewJob(client, site, job);
  }, [active.isSuccess, client, job, listed, site]);

  return job;
}
