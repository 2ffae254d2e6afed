import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { SnapshotKind } from '@contract/schemas';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export const snapshotPageSize = 50;

/**
 * An environment's snapshot history, newest first, a page at a time (cursor pagination); with `kinds`, only
 * those kinds (the server filters, so every page is full). Unfiltered, its key is the history's own.
 */
export function snapshotsInfiniteQueryOptions(
  site: string,
  env: string,
  kinds: readonly SnapshotKind[] = [],
) {
  const kind = kinds.join(',');
  return infiniteQueryOptions({
    queryKey: kind ? [...queryKeys.snapshots.list(site, env), { kind }] : queryKeys.snapshots.list(site, env),
    queryFn: ({ pageParam }) =>
      api.listSnapshots(site, env, {
        limit: snapshotPageSize,
        ...(pageParam ? { cursor: pageParam } : {}),
        ...(kind ? { kind } : {}),
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.next_cursor,
  });
}

export function useSnapshots(site: string, env: string, kinds: readonly SnapshotKind[] = []) {
  return useInfiniteQuery(snapshotsInfiniteQueryOptions(site, env, kinds));
}
