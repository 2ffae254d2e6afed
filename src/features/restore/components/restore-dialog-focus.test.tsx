import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '@/testing/mocks/db';
import { renderApp } from '@/testing/render';

// The restore dialog is opened by a route, not by a trigger of its own: closing it must still give the
// focus back to the link that opened it, not drop it to <body>.
const environmentPath = (env: string) => `/sites/acme-store/environments/${env}`;

async function restoreLink(id: string) {
  const list = await screen.findByRole('list', { name: 'Snapshots, newest first' });
  const links = within(list).getAllByRole('link', { name: /^Restore snapshot from / });
  const link = links.find((element) => element.getAttribute('href')?.endsWith(`/restore/${id}`));
  if (!link) throw new Error(`no Restore link for ${id}`);
  return link;
}

async function openFromHistory(env: string, id: string, name: string) {
  renderApp(environmentPath(env));
  await userEvent.click(await restoreLink(id));
  return screen.findByRole('dialog', { name });
}

describe('restore dialog focus', () => {
  const ways = {
    Escape: () => userEvent.keyboard('{Escape}'),
    Cancel: () => userEvent.click(screen.getByRole('button', { name: 'Cancel' })),
    'the close button': () => userEvent.click(screen.getByRole('button', { name: 'Close' })),
  };
  it.each(Object.entries(ways))('gives the focus back to the Restore link after %s', async (_, close) => {
    const { newer } = seedDemo();
    await openFromHistory('production', newer.id, 'Restore production');
    await close();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(async () => expect(await restoreLink(newer.id)).toHaveFocus());
  });

  it('opened from its address, gives the focus to the history’s link to the same restore point', async () => {
    const { older } = seedDemo();
    renderApp(`${environmentPath('production')}/restore/${older.id}`);
    await screen.findByRole('dialog', { name: 'Restore production' });
    expect(document.body).not.toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await waitFor(async () => expect(await restoreLink(older.id)).toHaveFocus());
  });

  it('after starting a restore, gives the focus back to the link, or to the page of another environment', async () => {
    const { stagingSnapshot } = seedDemo();
    let dialog = await openFromHistory('staging', stagingSnapshot.id, 'Restore staging');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Restore staging' }));
    await screen.findByText('Restore of staging started');
    await waitFor(async () => expect(await restoreLink(stagingSnapshot.id)).toHaveFocus());

    // Into production: the staging history and its link are gone; the production page has the focus.
    await userEvent.click(await restoreLink(stagingSnapshot.id));
    dialog = await screen.findByRole('dialog', { name: 'Restore staging' });
    await userEvent.selectOptions(within(dialog).getByLabelText('Restore into'), 'production');
    await userEvent.type(within(dialog).getByLabelText(/Type production to confirm/), 'production');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Restore production' }));
    await screen.findByRole('heading', { level: 1, name: 'production' });
    await waitFor(() => expect(screen.getByRole('main')).toHaveFocus());
  });
});
