import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { db, requestsTo, seedDemo } from '@/testing/mocks/db';
import { buildSnapshot, iso } from '@/testing/mocks/fixtures';
import { renderWithProviders } from '@/testing/render';
import { virtualViewport } from '@/testing/setup';
import { SnapshotHistory } from './snapshot-history';
import { rowHeights } from './snapshot-list';

const historyPath = '/v1/sites/acme-store/environments/production/snapshots';

describe('snapshot history', () => {
  it('loads the history a page at a time, following next_cursor as the list is scrolled', async () => {
    const { production } = seedDemo();
    db.snapshots = [];
    const start = Date.now() - 60_000;
    for (let index = 0; index < 120; index += 1) {
      db.snapshots.push(
        buildSnapshot(production, { label: `Snapshot ${index}`, created_at: iso(start - index * 60_000) }),
      );
    }
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
