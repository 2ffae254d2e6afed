import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { db, requestsTo, seedDemo } from '@/testing/mocks/db';
import { renderApp } from '@/testing/render';

const page = '/sites/acme-store/environments/production';

/** A refused token: still in the field, focused and selected, and the field says why it was refused. */
function expectRefused(field: HTMLElement, token: string) {
  expect(field).toHaveValue(token);
  expect(field).toHaveFocus();
  const input = field as HTMLInputElement;
  expect([input.selectionStart, input.selectionEnd]).toEqual([0, token.length]);
  expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(field).toHaveAccessibleDescription(/That access token is not valid/);
}

describe('signing in', () => {
  it('signs in from the start-up link, drops the token from the address, and goes on', async () => {
    seedDemo();
    db.signedIn = false;
    const { router } = renderApp(`/login?next=${encodeURIComponent(page)}#token=test-token`);

    // The environment page loads on demand: its first render in a test file can take a while.
    expect(
      await screen.findByRole('heading', { level: 1, name: 'production' }, { timeout: 5000 }),
    ).toBeInTheDocument();
    expect(requestsTo('POST', '/v1/session').map((request) => request.body)).toEqual([
      { token: 'test-token' },
    ]);
    expect(router.state.location.pathname).toBe(page);
    expect(router.state.location.hash).toBe('');
    expect(router.state.historyAction).toBe('REPLACE');
  });

  it('sends a signed-out visitor to the login page and back to where they were', async () => {
    seedDemo();
    db.signedIn = false;
    const { router } = renderApp(page);

    expect(await screen.findByRole('heading', { name: 'Sign in to Rewind' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent(page)}`);

    await userEvent.type(screen.getByLabelText('Access token'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Invalid token');
    expect(alert).toHaveTextContent('That access token is not valid.');
    expectRefused(screen.getByLabelText('Access token'), 'wrong');

    // Typing replaces the selected token.
    await userEvent.keyboard('test-token');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'production' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(page);
  });

  it("keeps a sign-in link's refused token in the field, to be corrected", async () => {
    seedDemo();
    db.signedIn = false;
    const { router } = renderApp(`/login#token=test-tokem`);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Invalid token');
    expect(router.state.location.hash).toBe('');
    const field = screen.getByLabelText('Access token');
    expectRefused(field, 'test-tokem');

    await userEvent.keyboard('{End}{Backspace}n{Enter}');
    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument();
    expect(requestsTo('POST', '/v1/session').map((request) => request.body)).toEqual([
      { token: 'test-tokem' },
      { token: 'test-token' },
    ]);
  });

  it('goes back to the login page on a 401 from any request, then back again', async () => {
    seedDemo();
    const { router } = renderApp(page);
    await screen.findByRole('heading', { level: 1, name: 'production' });

    db.signedIn = false; // the session expires
    await userEvent.click(screen.getByRole('button', { name: 'Take snapshot' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Take snapshot' }));

    expect(await screen.findByRole('heading', { name: 'Sign in to Rewind' })).toBeInTheDocument();
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent(page)}`);
    await userEvent.type(screen.getByLabelText('Access token'), 'test-token');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(page));
    expect(await screen.findByRole('heading', { level: 1, name: 'production' })).toBeInTheDocument();
  });

  it('never follows a next that leaves the dashboard', async () => {
    db.signedIn = false;
    const { router } = renderApp('/login?next=//evil.example/steal#token=test-token');
    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
  });

  it('signs out', async () => {
    seedDemo();
    const { router } = renderApp('/');
    await userEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in to Rewind' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(requestsTo('DELETE', '/v1/session')[0]?.headers.get('x-csrf-token')).toBe(db.csrf);
  });
});
