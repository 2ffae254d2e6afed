import type { Snapshot } from '@contract/schemas';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';
import { SpinnerIcon } from '@/components/ui/icons';
import { useElementWidth } from '@/hooks/use-element-width';
import { cn } from '@/lib/cn';
import type { RowLayout } from './snapshot-row';

/** Row heights are fixed per layout, so scrolling never waits for a measurement. */
export const rowHeights: Record<RowLayout, number> = { wide: 68, narrow: 152 };
// A pre-restore row's line saying what it protects: a line of its own when wide, a second line when narrow.
const protectsLine: Record<RowLayout, number> = { wide: 24, narrow: 16 };

export function rowHeightOf(snapshot: Snapshot | undefined, layout: RowLayout): number {
  return rowHeights[layout] + (snapshot?.before_restore ? protectsLine[layout] : 0);
}
const wideFrom = 720;
const prefetchWithin = 10;

interface SnapshotListProps {
  snapshots: Snapshot[];
  renderRow: (snapshot: Snapshot, layout: RowLayout) => ReactNode;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  /** The last "next page" failed: the loader row offers a retry instead of fetching again by itself. */
  nextPageError?: boolean;
  /** A snapshot a link points at: scrolled to once it is loaded, and highlighted. */
  focusedId?: string | null;
}

/**
 * A virtualized history: only the rows in view (and a few either side) are in the DOM, so ten thousand
 * snapshots scroll as smoothly as ten. Nearing the end of what is loaded asks for the next page.
 */
export function SnapshotList({
  snapshots,
  renderRow,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
  nextPageError = false,
  focusedId = null,
}: SnapshotListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const layout: RowLayout = useElementWidth(scrollRef) >= wideFrom ? 'wide' : 'narrow';
  const count = snapshots.length + (hasNextPage ? 1 : 0);

  // The app does not use the React Compiler; the virtualizer re-renders this component when it scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => rowHeightOf(snapshots[index], layout),
    getItemKey: (index) => snapshots[index]?.id ?? 'next-page',
    overscan: 6,
  });

  useEffect(() => {
    virtualizer.measure();
  }, [virtualizer, layout]);

  // Scrolled to once per link followed, so the list can be scrolled away from it afterwards.
  const focusedIndex = focusedId ? snapshots.findIndex((snapshot) => snapshot.id === focusedId) : -1;
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (focusedIndex < 0 || scrolledTo.current === focusedId) return;
    scrolledTo.current = focusedId;
    scrollRef.current?.scrollIntoView({ block: 'nearest' });
    virtualizer.scrollToIndex(focusedIndex, { align: 'center' });
  }, [focusedId, focusedIndex, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (
      hasNextPage &&
      !isFetchingNextPage &&
      !nextPageError &&
      lastIndex >= snapshots.length - prefetchWithin
    ) {
      fetchNextPage();
    }
  }, [fetchNextPage, hasNextPage, isFetchingNextPage, lastIndex, nextPageError, snapshots.length]);

  return (
    <div
      ref={scrollRef}
      data-slot="snapshot-scroll"
      className="max-h-[min(70dvh,52rem)] scroll-mt-20 overflow-y-auto overscroll-contain rounded-xl border border-border bg-surface"
    >
      <ul
        aria-label="Snapshots, newest first"
        className="relative"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const snapshot = snapshots[item.index];
          const focused = snapshot !== undefined && snapshot.id === focusedId;
          return (
            <li
              key={item.key}
              aria-posinset={item.index + 1}
              aria-setsize={hasNextPage ? -1 : snapshots.length}
              aria-current={focused || undefined}
              className={cn(
                'absolute inset-x-0 top-0 border-b border-border last:border-b-0',
                // A ring, not a tint: badges keep their contrast on the row's own background.
                focused && 'ring-2 ring-accent ring-inset',
              )}
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
            >
              {snapshot ? (
                renderRow(snapshot, layout)
              ) : (
                <div
                  role="status"
                  className="flex h-full items-center justify-center gap-2 text-sm text-ink-muted"
                >
                  {nextPageError ? (
                    <button type="button" className="underline" onClick={fetchNextPage}>
                      Loading more failed. Try again
                    </button>
                  ) : (
                    <>
                      <SpinnerIcon /> Loading more snapshots…
                    </>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
