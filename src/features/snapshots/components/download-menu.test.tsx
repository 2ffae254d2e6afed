import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { buildEnvironment, buildSite, buildSnapshot } from '@/testing/mocks/fixtures';
import { renderWithProviders } from '@/testing/render';
import { DownloadMenu } from './download-menu';

const snapshot = buildSnapshot(buildEnvironment(buildSite()));
const base = `/v1/sites/acme-store/snapshots/${snapshot.id}/download`;

function renderMenu() {
  renderWithProviders(<DownloadMenu site="acme-store" snapshot={snapshot} name="snapshot from today" />);
  return screen.getByRole('button', { name: 'Download snapshot from today' });
}

const links = (menu: HTMLElement) => within(menu).getAllByRole('menuitem');

describe('download menu', () => {
  it('offers .tar.gz, chosen, and .tar.zst, with the parts as links to the chosen format', async () => {
    await userEvent.click(renderMenu());
    const menu = await screen.findByRole('menu');
    const format = within(menu).getByRole('group', { name: 'Format' });
    expect(within(format).getByRole('menuitemradio', { name: /^\.tar\.gz/ })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    expect(within(format).getByRole('menuitemradio', { name: /^\.tar\.zst/ })).toHaveAttribute(
      'aria-checked',
      'false',
    );
    expect(links(menu).map((link) => link.getAttribute('href'))).toEqual([
      `${base}?selectors=db,files&format=tar.gz`,
      `${base}?selectors=db&format=tar.gz`,
      `${base}?selectors=files&format=tar.gz`,
    ]);
    expect(within(menu).getByRole('menuitem', { name: /^Whole archive as \.tar\.gz/ })).toHaveAttribute(
      'download',
    );
  });

  it('switches the links to .tar.zst from the keyboard, keeping the menu open to pick a part', async () => {
    const trigger = renderMenu();
    trigger.focus();
    await userEvent.keyboard('{Enter}');
    const menu = await screen.findByRole('menu');
    // Down from the first item (.tar.gz) to .tar.zst, then choose it.
    await userEvent.keyboard('{ArrowDown}');
    const zst = within(menu).getByRole('menuitemradio', { name: /^\.tar\.zst/ });
    expect(zst).toHaveFocus();
    await userEvent.keyboard('{Enter}');

    expect(screen.getByRole('menu')).toBe(menu);
    expect(zst).toHaveAttribute('aria-checked', 'true');
    expect(links(menu).map((link) => link.getAttribute('href'))).toEqual([
      `${base}?selectors=db,files&format=tar.zst`,
      `${base}?selectors=db&format=tar.zst`,
      `${base}?selectors=files&format=tar.zst`,
    ]);
    await userEvent.keyboard('{ArrowDown}');
    expect(within(menu).getByRole('menuitem', { name: /^Whole archive as \.tar\.zst/ })).toHaveFocus();
  });

  it('cannot be opened for a snapshot that is not ready', () => {
    renderWithProviders(
      <DownloadMenu
        site="acme-store"
        snapshot={{ ...snapshot, status: 'pending' }}
        name="snapshot from today"
      />,
    );
    expect(screen.getByRole('button', { name: 'Download snapshot from today' })).toBeDisabled();
  });
});
