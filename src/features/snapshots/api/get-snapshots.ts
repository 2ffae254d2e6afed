import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export const snapshotPageSize = 50;

/** An environment's snapshot history, newest first, a page at a time (cursor pagination). */
export function snapshotsInfiniteQueryOptions(site: string, env: string) {
  return infiniteQueryOptions({
    queryKey: queryKeys.snapshots.list(site, env),
    queryFn: ({ pageParam }) =>
      api.listSnapshots(site, env, { limit: snapshotPageSize, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.next_cursor,
  });
}

export function useSnapshots(site: string, env: string) {
  return useInfiniteQuery(snapshotsInfiniteQueryOptions(site, env));
}
