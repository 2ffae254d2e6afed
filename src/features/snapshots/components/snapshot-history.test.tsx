import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Environment } from '@contract/schemas';
import { describe, expect, it } from 'vitest';
import { formatShortTime } from '@/lib/format';
import { db, requestsTo, seedDemo, seedFinishedRestore } from '@/testing/mocks/db';
import { buildSnapshot, iso } from '@/testing/mocks/fixtures';
import { renderApp, renderWithProviders } from '@/testing/render';
import { virtualViewport } from '@/testing/setup';
import { SnapshotHistory } from './snapshot-history';
import { rowHeights } from './snapshot-list';

const historyPath = '/v1/sites/acme-store/environments/production/snapshots';

/** The environment's history: `count` manual snapshots a minute apart, "Snapshot 0" the newest. */
function seedHistory(env: Environment, count: number) {
  db.snapshots = [];
  const start = Date.now() - 60_000;
  for (let index = 0; index < count; index += 1) {
    db.snapshots.push(
      buildSnapshot(env, { label: `Snapshot ${index}`, created_at: iso(start - index * 60_000) }),
    );
  }
}

describe('snapshot history', () => {
  it('loads the history a page at a time, following next_cursor as the list is scrolled', async () => {
    const { production } = seedDemo();
    seedHistory(production, 120);
    renderWithProviders(<SnapshotHistory site="acme-store" env="production" production />);

    const list = await screen.findByRole('list', { name: 'Snapshots, newest first' });
    expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent('Snapshot 0');
    const [first] = requestsTo('GET', historyPath);
    expect(first?.search.get('limit')).toBe('50');
    expect(first?.search.has('cursor')).toBe(false);

    const scroller = list.parentElement!;
    act(() => {
      scroller.scrollTop = 50 * rowHeights.wide - virtualViewport.height;
      fireEvent.scroll(scroller);
    });
    await waitFor(() => expect(requestsTo('GET', historyPath)).toHaveLength(2));
    expect(requestsTo('GET', historyPath)[1]?.search.get('cursor')).toBe('c50');
    expect(await within(list).findByText('Snapshot 50')).toBeInTheDocument();
    expect(list).toHaveStyle({ height: `${(100 + 1) * rowHeights.wide}px` });
  });
});

describe('pre-restore snapshots in the history', () => {
  const page = '/sites/acme-store/environments/production';
  const rows = async () =>
    within(await screen.findByRole('list', { name: 'Snapshots, newest first' })).getAllByRole('listitem');

  it('say what they protect, linking to the restore point in the history of its environment', async () => {
    const { production, newer, stagingSnapshot } = seedDemo();
    seedFinishedRestore(production, stagingSnapshot, { selectors: ['files'], at: iso(Date.now() - 60_000) });
    seedFinishedRestore(production, newer, { selectors: ['db', 'files'], at: iso(Date.now() - 120_000) });
    // One from before pre-restore snapshots recorded their restore: its label says it.
    db.snapshots.push(
      buildSnapshot(production, {
        kind: 'pre_restore',
        label: 'Before restoring the database of snap_0',
        created_at: iso(Date.now() - 30 * 60_000),
      }),
    );
    renderApp(page);

    const [crossing, own, old] = await rows();
    expect(crossing).toHaveTextContent(
      `Before restoring production's files from staging's snapshot of ${formatShortTime(stagingSnapshot.created_at)}`,
    );
    expect(within(crossing!).getByRole('link', { name: /^staging's snapshot of / })).toHaveAttribute(
      'href',
      `/sites/acme-store/environments/staging?snapshot=${stagingSnapshot.id}`,
    );
    expect(own).toHaveTextContent(
      `Before restoring production's database and files from the snapshot of ${formatShortTime(newer.created_at)}`,
    );
    expect(within(own!).getByRole('link', { name: /^the snapshot of / })).toHaveAttribute(
      'href',
      `${page}?snapshot=${newer.id}`,
    );
    expect(old).toHaveTextContent('Pre-restore');
    expect(old).toHaveTextContent('Before restoring the database of snap_0');
  });

  it('filter by kind, kept in the URL through back, forward and reload', async () => {
    const { production, newer } = seedDemo();
    seedFinishedRestore(production, newer);
    const { router } = renderApp(page);
    expect(await rows()).toHaveLength(3);
    const filter = screen.getByRole('group', { name: 'Show snapshots of kind' });
    expect(within(filter).getByRole('button', { name: 'All' })).toHaveAttribute('aria-pressed', 'true');

    await userEvent.click(within(filter).getByRole('button', { name: 'Manual' }));
    await userEvent.click(within(filter).getByRole('button', { name: 'Scheduled' }));
    await waitFor(() => expect(router.state.location.search).toBe('?kind=manual%2Cscheduled'));
    await waitFor(async () => expect(await rows()).toHaveLength(2));
    for (const row of await rows()) expect(row).not.toHaveTextContent('Pre-restore');
    expect(requestsTo('GET', historyPath).at(-1)?.search.get('kind')).toBe('manual,scheduled');
    expect(within(filter).getByRole('button', { name: 'All' })).toHaveAttribute('aria-pressed', 'false');

    await act(() => router.navigate(-1));
    expect(router.state.location.search).toBe('?kind=manual');
    await waitFor(async () => expect(await rows()).toHaveLength(1));
    expect(within(filter).getByRole('button', { name: 'Manual' })).toHaveAttribute('aria-pressed', 'true');
    expect(within(filter).getByRole('button', { name: 'Scheduled' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
    await act(() => router.navigate(1));
    await waitFor(async () => expect(await rows()).toHaveLength(2));

    await userEvent.click(within(filter).getByRole('button', { name: 'All' }));
    await waitFor(async () => expect(await rows()).toHaveLength(3));
    expect(router.state.location.search).toBe('');
  });

  it('say "No pre-restore snapshots" when the filter leaves none, with a way back to all', async () => {
    seedDemo();
    const { router } = renderApp(`${page}?kind=pre_restore`);
    expect(await screen.findByText('No pre-restore snapshots')).toBeInTheDocument();
    expect(
      within(screen.getByRole('group', { name: 'Show snapshots of kind' })).getByRole('button', {
        name: 'Pre-restore',
      }),
    ).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'Show all snapshots' }));
    expect(await rows()).toHaveLength(2);
    expect(router.state.location.search).toBe('');
  });

  it('scroll to and highlight the restore point a link points at, loading older pages until it is there', async () => {
    const { production } = seedDemo();
    seedHistory(production, 120);
    const target = db.snapshots[110]!;
    seedFinishedRestore(production, target, { at: iso(Date.now() - 1000) });
    renderApp(page);

    const [first] = await rows();
    await userEvent.click(within(first!).getByRole('link', { name: /^the snapshot of / }));
    const status = await screen.findByText(
      `Showing the snapshot of ${formatShortTime(target.created_at)}, highlighted below.`,
    );
    expect(status).toHaveAttribute('role', 'status');
    expect(requestsTo('GET', historyPath).map((request) => request.search.get('cursor'))).toEqual([
      null,
      'c50',
      'c100',
    ]);
    const list = screen.getByRole('list', { name: 'Snapshots, newest first' });
    const highlighted = () =>
      within(list)
        .getAllByRole('listitem')
        .filter((item) => item.getAttribute('aria-current') === 'true');
    await waitFor(() => expect(highlighted()).toHaveLength(1));
    expect(highlighted()[0]).toHaveTextContent('Snapshot 110');
    expect(list.parentElement!.scrollTop).toBeGreaterThan(100 * rowHeights.wide);
  });

  it('say when the kind filter hides the snapshot a link points at, and show it on demand', async () => {
    const { production, newer } = seedDemo();
    seedFinishedRestore(production, newer);
    const { router } = renderApp(`${page}?kind=pre_restore&snapshot=${newer.id}`);
    expect(
      await screen.findByText('The snapshot the link points at is not of the kinds shown.'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show all kinds' }));
    expect(router.state.location.search).toBe(`?snapshot=${newer.id}`);
    await waitFor(async () =>
      expect((await rows()).filter((row) => row.getAttribute('aria-current') === 'true')).toHaveLength(1),
    );
    expect((await rows()).find((row) => row.getAttribute('aria-current'))).toHaveTextContent(
      'before upgrade',
    );
  });

  it('say when the restore point a link points at was deleted or pruned', async () => {
    const { production, newer } = seedDemo();
    seedFinishedRestore(production, newer);
    db.snapshots = db.snapshots.filter((snapshot) => snapshot.id !== newer.id);
    renderApp(`${page}?snapshot=${newer.id}`);
    expect(
      await screen.findByText(
        'That snapshot is no longer in this history: it was deleted, or pruned by the backup policy.',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/no longer in this history/)).not.toBeInTheDocument();
  });
});
