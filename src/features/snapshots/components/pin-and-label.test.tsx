import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { db, requestsTo, seedDemo } from '@/testing/mocks/db';
import { ago, buildSnapshot, time } from '@/testing/mocks/fixtures';
import { renderApp } from '@/testing/render';

const page = '/sites/acme-store/environments/production';

async function firstRow() {
  // The environment page loads on demand: the first render of a test file can take a while on a busy machine.
  const list = await screen.findByRole('list', { name: 'Snapshots, newest first' }, { timeout: 5000 });
  return within(within(list).getAllByRole('listitem')[0]!);
}

describe('pinning and labelling a snapshot', () => {
  it('pins and unpins with a toggle button, from the keyboard too', async () => {
    const { newer } = seedDemo();
    renderApp(page);
    const row = await firstRow();
    const pin = row.getByRole('button', { name: /^Pin snapshot from/ });
    expect(pin).toHaveAttribute('aria-pressed', 'false');

    pin.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(pin).toHaveAttribute('aria-pressed', 'true'));
    expect(requestsTo('PATCH', `/v1/sites/acme-store/snapshots/${newer.id}`)[0]?.body).toEqual({
      pinned: true,
    });
    expect((await firstRow()).getByText('Pinned: does not expire')).toBeInTheDocument();
    expect((await firstRow()).getByRole('button', { name: /^Delete snapshot from/ })).toBeDisabled();

    await userEvent.click(pin);
    await waitFor(() => expect(pin).toHaveAttribute('aria-pressed', 'false'));
    expect(db.snapshots.find((s) => s.id === newer.id)?.pinned).toBe(false);
  });

  it('edits the label in a small dialog, and an empty one removes it', async () => {
    const { newer } = seedDemo();
    renderApp(page);
    await userEvent.click((await firstRow()).getByRole('button', { name: /^Edit the label of snapshot/ }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Label this snapshot' }));
    const input = dialog.getByRole('textbox', { name: 'Label' });
    expect(input).toHaveValue('before upgrade');
    await userEvent.clear(input);
    await userEvent.type(input, 'release 2.4{Enter}');

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const path = `/v1/sites/acme-store/snapshots/${newer.id}`;
    expect(requestsTo('PATCH', path)[0]?.body).toEqual({ label: 'release 2.4' });
    expect(await (await firstRow()).findByText('release 2.4')).toBeInTheDocument();

    await userEvent.click((await firstRow()).getByRole('button', { name: /^Edit the label of snapshot/ }));
    const again = within(await screen.findByRole('dialog', { name: 'Label this snapshot' }));
    await userEvent.clear(again.getByRole('textbox', { name: 'Label' }));
    await userEvent.click(again.getByRole('button', { name: 'Save label' }));
    await waitFor(() => expect(requestsTo('PATCH', path)).toHaveLength(2));
    expect(requestsTo('PATCH', path)[1]?.body).toEqual({ label: null });
  });

  it('says a held snapshot past its window stays restorable until newer ones replace it', async () => {
    const { production } = seedDemo();
    db.snapshots = [
      buildSnapshot(production, {
        created_at: ago(20 * time.day),
        expires_at: ago(6 * time.day),
        held: true,
      }),
    ];
    renderApp(page);
    const row = await firstRow();
    expect(row.getByText('Kept until newer snapshots replace it')).toBeInTheDocument();
    expect(row.getByRole('link', { name: /^Restore snapshot from/ })).toBeInTheDocument();
  });
});
