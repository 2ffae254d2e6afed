import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SnapshotPatch } from '@contract/requests';
import type { Snapshot } from '@contract/schemas';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { changeLoadedHistory } from './history-cache';

export interface UpdateSnapshotVariables {
  snapshot: Snapshot;
  changes: SnapshotPatch;
}

/** PATCH a snapshot's label or pin; the row changes where it is, without refetching a long history. */
export function useUpdateSnapshot(site: string, env: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ snapshot, changes }: UpdateSnapshotVariables) =>
      api.updateSnapshot(site, snapshot.id, changes),
    onSuccess: async (updated) => {
      changeLoadedHistory(client, site, env, (snapshots) =>
        snapshots.map((s) => (s.id === updated.id ? updated : s)),
      );
      client.setQueryData(queryKeys.snapshots.detail(site, updated.id), updated);
      await client.invalidateQueries({ queryKey: queryKeys.environments.site(site) });
    },
  });
}
