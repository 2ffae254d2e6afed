import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Snapshot } from '@contract/schemas';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { changeLoadedHistory } from './history-cache';

export function useDeleteSnapshot(site: string, env: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (snapshot: Snapshot) => api.deleteSnapshot(site, snapshot.id),
    onSuccess: async (_, snapshot) => {
      // Take the row out where it is, rather than refetching every loaded page of a long history.
      changeLoadedHistory(client, site, env, (snapshots) => snapshots.filter((s) => s.id !== snapshot.id));
      client.removeQueries({ queryKey: queryKeys.snapshots.detail(site, snapshot.id) });
      await client.invalidateQueries({ queryKey: queryKeys.environments.site(site) });
    },
  });
}
