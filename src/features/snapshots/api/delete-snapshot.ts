import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Snapshot } from '@contract/schemas';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { changeLoadedHistory } from './history-cache';

export interface DeleteVariables {
  snapshot: Snapshot;
  /** The environment's name as typed: the server deletes a snapshot of production only with it. */
  confirm?: string;
}

/**
 * Deletes a snapshot; answers what that frees in the store, as the server counted it the instant before (null
 * when it could not say).
 */
export function useDeleteSnapshot(site: string, env: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ snapshot, confirm }: DeleteVariables) => {
      const storage = await api.getSnapshotStorage(site, snapshot.id).catch(() => null);
      await api.deleteSnapshot(site, snapshot.id, confirm === undefined ? {} : { confirm });
      return storage;
    },
    onSuccess: async (_, { snapshot }) => {
      // Take the row out where it is, rather than refetching every loaded page of a long history.
      changeLoadedHistory(client, site, env, (snapshots) => snapshots.filter((s) => s.id !== snapshot.id));
      client.removeQueries({ queryKey: queryKeys.snapshots.detail(site, snapshot.id) });
      client.removeQueries({ queryKey: queryKeys.snapshots.storage(site, snapshot.id) });
      await client.invalidateQueries({ queryKey: queryKeys.environments.site(site) });
    },
  });
}
