import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/**
 * What a snapshot occupies in the store and what deleting it would free, asked when the delete dialog opens.
 * Always asked afresh: what it shares changes whenever a snapshot beside it is taken or deleted.
 */
export function useSnapshotStorage(site: string, snap: string | null) {
  return useQuery({
    queryKey: queryKeys.snapshots.storage(site, snap ?? ''),
    queryFn: () => api.getSnapshotStorage(site, snap!),
    enabled: snap !== null,
    staleTime: 0,
  });
}
