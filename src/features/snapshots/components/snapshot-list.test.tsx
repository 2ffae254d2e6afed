import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Snapshot } from '@contract/schemas';
import { buildEnvironment, buildSite, buildSnapshot, iso } from '@/testing/mocks/fixtures';
import { renderWithProviders } from '@/testing/render';
import { virtualViewport } from '@/testing/setup';
import { rowHeights, SnapshotList } from './snapshot-list';

function manySnapshots(count: number): Snapshot[] {
  const env = buildEnvironment(buildSite());
  const start = Date.parse('2025-11-20T12:00:00Z');
  return Array.from({ length: count }, (_, index) =>
    buildSnapshot(env, {
      id: `snap_${index}`,
      label: `Snapshot ${index}`,
      created_at: iso(start - index * 60_000),
    }),
  );
}

function renderList(snapshots: Snapshot[], { hasNextPage = false, fetchNextPage = vi.fn() } = {}) {
  renderWithProviders(
    <SnapshotList
      snapshots={snapshots}
      hasNextPage={hasNextPage}
      isFetchingNextPage={false}
      fetchNextPage={fetchNextPage}
      renderRow={(snapshot) => <span>{snapshot.label}</span>}
    />,
  );
  const list = screen.getByRole('list', { name: 'Snapshots, newest first' });
  return { list, scroller: list.parentElement!, fetchNextPage };
}

function scrollTo(scroller: HTMLElement, top: number) {
  act(() => {
    scroller.scrollTop = top;
    fireEvent.scroll(scroller);
  });
}

describe('snapshot list', () => {
  it('keeps a bounded number of rows in the DOM for 10,000 snapshots, wherever it is scrolled', () => {
    const { list, scroller } = renderList(manySnapshots(10_000));
    const inView = Math.ceil(virtualViewport.height / rowHeights.wide);

    let rows = within(list).getAllByRole('listitem');
    expect(rows.length).toBeGreaterThanOrEqual(inView);
    expect(rows.length).toBeLessThanOrEqual(inView + 12);
    expect(rows[0]).toHaveTextContent('Snapshot 0');
    expect(list).toHaveStyle({ height: `${10_000 * rowHeights.wide}px` });

    scrollTo(scroller, 7_000 * rowHeights.wide);
    rows = within(list).getAllByRole('listitem');
    expect(rows.length).toBeLessThanOrEqual(inView + 12);
    expect(within(list).getByText('Snapshot 7000')).toBeInTheDocument();
    expect(within(list).queryByText('Snapshot 0')).not.toBeInTheDocument();
    expect(within(list).getByText('Snapshot 7000').closest('li')).toHaveAttribute('aria-posinset', '7001');
    expect(rows[0]).toHaveAttribute('aria-setsize', '10000');
  });

  it('asks for the next page when scrolled near the end of what is loaded', () => {
    const { scroller, fetchNextPage } = renderList(manySnapshots(50), { hasNextPage: true });
    expect(fetchNextPage).not.toHaveBeenCalled();
    expect(screen.getAllByRole('listitem')[0]).toHaveAttribute('aria-setsize', '-1');

    scrollTo(scroller, 45 * rowHeights.wide - virtualViewport.height);
    expect(fetchNextPage).toHaveBeenCalledTimes(1);
  });
});
