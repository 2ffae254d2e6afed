import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { db, requestsTo, seedDemo } from '@/testing/mocks/db';
import { ago, buildSnapshot, time } from '@/testing/mocks/fixtures';
import { problem } from '@/testing/mocks/problem';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/render';

const restorePath = (env: string, snap: string) => `/sites/acme-store/environments/${env}/restore/${snap}`;
const restores = () => requestsTo('POST', /^\/v1\/sites\/acme-store\/snapshots\/[^/]+\/restore$/);

describe('restore dialog', () => {
  it('states what is overwritten and sends the selectors as chosen', async () => {
    const { stagingSnapshot } = seedDemo();
    const { router } = renderApp(restorePath('staging', stagingSnapshot.id));

    const dialog = await screen.findByRole('dialog', { name: 'Restore staging' });
    expect(dialog).toHaveTextContent(
      'This overwrites staging’s database and files (db, uploads) with their state at',
    );
    expect(dialog).toHaveTextContent(/with their state at [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    expect(dialog).toHaveTextContent('(2 hours ago)');
    expect(dialog).toHaveTextContent(
      'First, Rewind takes a pre-restore snapshot of staging, so you can undo this restore.',
    );
    expect(within(dialog).queryByLabelText(/Type .* to confirm/)).not.toBeInTheDocument();

    await userEvent.click(within(dialog).getByRole('checkbox', { name: /Files/ }));
    expect(dialog).toHaveTextContent('This overwrites staging’s database (db) with its state at');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Restore staging' }));

    expect(await screen.findByText('Restore of staging started')).toBeInTheDocument();
    const [sent] = restores();
    expect(sent?.path).toBe(`/v1/sites/acme-store/snapshots/${stagingSnapshot.id}/restore`);
    expect(sent?.body).toEqual({ selectors: ['db'], environment: 'staging' });
    expect(sent?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent?.headers.get('x-csrf-token')).toBe(db.csrf);
    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/sites/acme-store/environments/staging'),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('asks for the production name to be typed before the Restore button is enabled', async () => {
    const { newer } = seedDemo();
    renderApp(restorePath('production', newer.id));
    const dialog = await screen.findByRole('dialog', { name: 'Restore production' });
    const restore = within(dialog).getByRole('button', { name: 'Restore production' });
    const confirm = within(dialog).getByLabelText(
      'production is a production environment. Type production to confirm.',
    );

    expect(restore).toBeDisabled();
    await userEvent.type(confirm, 'Production');
    expect(restore).toBeDisabled();
    await userEvent.clear(confirm);
    await userEvent.type(confirm, 'production');
    expect(restore).toBeEnabled();

    await userEvent.click(within(dialog).getByRole('checkbox', { name: /Database/ }));
    await userEvent.click(restore);
    await screen.findByText('Restore of production started');
    // The typed name goes to the server, which restores into production only with it.
    expect(restores().map((request) => request.body)).toEqual([
      { selectors: ['files'], environment: 'production', confirm: 'production' },
    ]);
  });

  it('restores into another environment of the site, gating production there too', async () => {
    const { stagingSnapshot } = seedDemo();
    const { router } = renderApp(restorePath('staging', stagingSnapshot.id));
    const dialog = await screen.findByRole('dialog', { name: 'Restore staging' });
    await userEvent.selectOptions(within(dialog).getByLabelText('Restore into'), 'production');

    expect(dialog).toHaveAccessibleName('Restore production');
    expect(dialog).toHaveTextContent(
      'This overwrites production’s database and files (db, uploads) with staging’s database and files as they were at',
    );
    const restore = within(dialog).getByRole('button', { name: 'Restore production' });
    expect(restore).toBeDisabled();
    await userEvent.type(within(dialog).getByLabelText(/Type production to confirm/), 'production');
    await userEvent.click(restore);

    await screen.findByText('Restore of production started');
    expect(restores()[0]?.body).toEqual({
      selectors: ['db', 'files'],
      environment: 'production',
      confirm: 'production',
    });
    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/sites/acme-store/environments/production'),
    );
  });

  it('offers to undo a finished restore, restoring its pre-restore snapshot the same way', async () => {
    const { stagingSnapshot } = seedDemo();
    renderApp(restorePath('staging', stagingSnapshot.id));
    const dialog = await screen.findByRole('dialog', { name: 'Restore staging' });
    await userEvent.click(within(dialog).getByRole('checkbox', { name: /Database/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Restore staging' }));
    await screen.findByText('Restore of staging started');

    const job = db.jobs[0]!;
    db.jobSteps.set(job.id, [
      { status: 'running', progress: { phase: 'swapping' } },
      { status: 'succeeded' },
    ]);
    expect(await screen.findByText('Restored staging', {}, { timeout: 3000 })).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: 'Undo restore' }));
    const confirm = await screen.findByRole('dialog', { name: 'Undo the last restore of staging' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Undo restore' }));

    await waitFor(() => expect(restores()).toHaveLength(2));
    const undo = restores()[1]!;
    expect(job.pre_restore_snapshot_id).toMatch(/^snap_/);
    expect(undo.path).toBe(`/v1/sites/acme-store/snapshots/${job.pre_restore_snapshot_id}/restore`);
    expect(undo.body).toEqual({ selectors: ['files'], environment: 'staging' });
    expect(undo.headers.get('idempotency-key')).not.toBe(restores()[0]!.headers.get('idempotency-key'));
    expect(await screen.findByText('Undoing the restore of staging')).toBeInTheDocument();
  });

  it('shows the server’s reason when a restore is refused', async () => {
    const { newer } = seedDemo();
    server.use(
      http.post('/v1/sites/:site/snapshots/:snap/restore', () =>
        problem(409, 'snapshot_expired', 'Snapshot expired', 'This restore point is no longer restorable.'),
      ),
    );
    renderApp(restorePath('staging', newer.id));
    const dialog = await screen.findByRole('dialog', { name: 'Restore production' });
    await userEvent.type(within(dialog).getByLabelText(/Type production to confirm/), 'production');
    const listed = requestsTo('GET', /\/environments\/[^/]+\/snapshots$/).length;
    await userEvent.click(within(dialog).getByRole('button', { name: 'Restore production' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Snapshot expired');
    expect(alert).toHaveTextContent('This restore point is no longer restorable.');
    // The history behind the dialog is stale now: it is asked for again.
    await waitFor(() =>
      expect(requestsTo('GET', /\/environments\/[^/]+\/snapshots$/).length).toBeGreaterThan(listed),
    );
  });

  it('does not offer to restore an expired restore point', async () => {
    const { production } = seedDemo();
    const expired = buildSnapshot(production, {
      created_at: ago(20 * time.day),
      expires_at: ago(6 * time.day),
    });
    db.snapshots.push(expired);
    renderApp(restorePath('production', expired.id));
    const dialog = await screen.findByRole('dialog', { name: 'Restore production' });
    expect(dialog).toHaveTextContent('can no longer be restored');
    expect(within(dialog).getByRole('button', { name: 'Restore production' })).toBeDisabled();
  });
});
