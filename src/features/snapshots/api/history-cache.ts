import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { Page, Snapshot } from '@contract/schemas';
import { queryKeys } from '@/lib/query-keys';

/**
 * Changes the loaded pages of an environment's history where they are (every kind filter of it), rather
 * than refetching every page of a long history.
 */
export function changeLoadedHistory(
  client: QueryClient,
  site: string,
  env: string,
  change: (snapshots: Snapshot[]) => Snapshot[],
): void {
  client.setQueriesData<InfiniteData<Page<Snapshot>>>(
    { queryKey: queryKeys.snapshots.list(site, env) },
    (old) => (old ? { ...old, pages: old.pages.map((page) => ({ ...page, data: change(page.data) })) } : old),
  );
}
