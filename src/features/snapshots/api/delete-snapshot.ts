import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import type { Page, Snapshot } from '@contract/schemas';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export function useDeleteSnapshot(site: string, env: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (snapshot: Snapshot) => api.deleteSnapshot(site, snapshot.id),
    onSuccess: async (_, snapshot) => {
      // Take the row out where it is, rather than refetching every loaded page of a long history.
      client.setQueriesData<InfiniteData<Page<Snapshot>>>(
        { queryKey: queryKeys.snapshots.list(site, env) },
        (old) =>
          old
            ? {
                ...old,
                pages: old.pages.map((page) => ({
                  ...page,
                  data: page.data.filter((s) => s.id !== snapshot.id),
                })),
              }
            : old,
      );
      client.removeQueries({ queryKey: queryKeys.snapshots.detail(site, snapshot.id) });
      await client.invalidateQueries({ queryKey: queryKeys.environments.site(site) });
    },
  });
}
