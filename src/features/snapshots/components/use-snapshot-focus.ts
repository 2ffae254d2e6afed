import type { Snapshot } from '@contract/schemas';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { hasStatus } from '@/lib/errors';
import { snapshotQueryOptions } from '../api/get-snapshot';

interface HistoryPages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  isPending: boolean;
  fetchNextPage: () => unknown;
}

/**
 * The snapshot a link points at (`?snapshot=`): the history's pages are loaded until its row is there, so the
 * list can scroll to it. `gone` when it is not in this history: deleted or pruned since, or of another
 * environment; `hidden` when the kind filter leaves it out.
 */
export function useSnapshotFocus(
  site: string,
  env: string,
  focusId: string | null,
  snapshots: Snapshot[],
  history: HistoryPages,
): { focused: Snapshot | undefined; gone: boolean; hidden: boolean } {
  const focused = focusId === null ? undefined : snapshots.find((snapshot) => snapshot.id === focusId);
  const loaded = focused !== undefined;
  const detail = useQuery({
    ...snapshotQueryOptions(site, focusId ?? ''),
    enabled: focusId !== null && !loaded,
  });
  const elsewhere =
    focusId !== null &&
    !loaded &&
    (hasStatus(detail.error, 404) || (detail.data !== undefined && detail.data.environment !== env));
  const exhausted = !history.isPending && !history.hasNextPage;
  const notListed = focusId !== null && !loaded && exhausted;
  // Still there, in this environment, yet not listed: the kind filter leaves it out.
  const hidden = notListed && !elsewhere && detail.data !== undefined;
  const gone = !hidden && (elsewhere || (notListed && !detail.isPending));

  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = history;
  const more =
    focusId !== null && !loaded && !elsewhere && hasNextPage && !isFetchingNextPage && !isFetchNextPageError;
  // Again after each page that arrives without it (`more` may stay true from one render to the next).
  const count = snapshots.length;
  useEffect(() => {
    if (more) void fetchNextPage();
  }, [more, count, fetchNextPage]);

  return { focused, gone, hidden };
}
