import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Job, List } from '@contract/schemas';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { isActiveJob } from './get-job';

/**
 * The site's queued and running jobs (after a reload, this is how running jobs are found again). Each
 * one also seeds its job's detail, so polling starts from what the list said, without asking twice.
 */
export function activeJobsQueryOptions(site: string) {
  return queryOptions({
    queryKey: queryKeys.jobs.active(site),
    queryFn: async ({ client }): Promise<List<Job>> => {
      const list = await api.listActiveJobs(site);
      for (const job of list.data) {
        // A job already seen to finish keeps its final state.
        client.setQueryData<Job>(queryKeys.jobs.detail(job.id), (known) =>
          known && !isActiveJob(known) ? known : job,
        );
      }
      return list;
    },
  });
}

export function useActiveJobs(site: string) {
  return useQuery(activeJobsQueryOptions(site));
}
