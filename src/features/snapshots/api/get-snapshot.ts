import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page, Snapshot } from '@contract/schemas';
import type { InfiniteData } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export function snapshotQueryOptions(site: string, snap: string) {
  return queryOptions({
    queryKey: queryKeys.snapshots.detail(site, snap),
    queryFn: () => api.getSnapshot(site, snap),
  });
}

/** One restore point; taken from the loaded history when it is there, asked for when it is not (a link). */
export function useSnapshot(site: string, env: string, snap: string) {
  const client = useQueryClient();
  const listKey = queryKeys.snapshots.list(site, env);
  return useQuery({
    ...snapshotQueryOptions(site, snap),
    initialData: () =>
      client
        .getQueryData<InfiniteData<Page<Snapshot>>>(listKey)
        ?.pages.flatMap((page) => page.data)
        .find((snapshot) => snapshot.id === snap),
    initialDataUpdatedAt: () => client.getQueryState(listKey)?.dataUpdatedAt,
  });
}
