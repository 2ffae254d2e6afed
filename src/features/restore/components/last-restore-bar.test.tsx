import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { db, requestsTo, seedDemo, seedFinishedRestore } from '@/testing/mocks/db';
import { ago, iso, time } from '@/testing/mocks/fixtures';
import { renderApp } from '@/testing/render';
import { formatShortTime } from '@/lib/format';

const page = (env: string) => `/sites/acme-store/environments/${env}`;
const restores = () => requestsTo('POST', /^\/v1\/sites\/acme-store\/snapshots\/[^/]+\/restore$/);
const lastRestore = () => screen.findByRole('region', { name: 'Last restore' });

/** The undo the fake server accepted goes through these steps, one per poll of its job. */
function scriptUndo(steps: Parameters<typeof db.jobSteps.set>[1]) {
  const undo = db.jobs.at(-1)!;
  db.jobSteps.set(undo.id, steps);
  return undo;
}

describe('undo last restore', () => {
  it('says what the latest restore brought back and when, and undoes it after confirming', async () => {
    const { staging, stagingSnapshot } = seedDemo();
    const { preRestore } = seedFinishedRestore(staging, stagingSnapshot, { selectors: ['db'] });
    renderApp(page('staging'));

    const bar = await lastRestore();
    expect(bar).toHaveTextContent(
      `Restored the database from the snapshot of ${formatShortTime(stagingSnapshot.created_at)} — 5 minutes ago`,
    );
    await userEvent.click(within(bar).getByRole('button', { name: 'Undo last restore' }));
    const dialog = await screen.findByRole('dialog', { name: 'Undo the last restore of staging' });
    expect(dialog).toHaveTextContent(
      `Brings the database of staging back to how it was just before the restore of ${formatShortTime(preRestore.created_at)}`,
    );
    expect(dialog).toHaveTextContent(
      'Changes made to the database since the restore (5 minutes ago) are replaced.',
    );
    expect(restores()).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Undo restore' }));

    await waitFor(() => expect(restores()).toHaveLength(1));
    expect(restores()[0]!.path).toBe(`/v1/sites/acme-store/snapshots/${preRestore.id}/restore`);
    expect(restores()[0]!.body).toEqual({ selectors: ['db'], environment: 'staging' });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // The undo's own job takes the bar's place, with its progress.
    expect(screen.queryByRole('button', { name: 'Undo last restore' })).not.toBeInTheDocument();
    scriptUndo([
      { status: 'running', progress: { phase: 'pre_restore_snapshot' } },
      { status: 'running', progress: { phase: 'swapping' } },
      { status: 'succeeded', progress: { phase: 'done' } },
    ]);
    expect(await screen.findByRole('region', { name: 'Restoring the database' })).toBeInTheDocument();

    // Undone: the page says so, and offers nothing that would undo the undo.
    const undone = await screen.findByText(/^Undid the restore of /, {}, { timeout: 5000 });
    expect(undone).toHaveTextContent(
      `Undid the restore of ${formatShortTime(preRestore.created_at)}: the database is back as it was before it`,
    );
    expect(within(await lastRestore()).queryByRole('button')).not.toBeInTheDocument();
    expect(restores()).toHaveLength(1);
  });

  it('asks for a production environment’s name and sends it as confirm', async () => {
    const { production, newer } = seedDemo();
    const { preRestore } = seedFinishedRestore(production, newer, { selectors: ['db', 'files'] });
    renderApp(page('production'));

    await userEvent.click(within(await lastRestore()).getByRole('button', { name: 'Undo last restore' }));
    const dialog = await screen.findByRole('dialog', { name: 'Undo the last restore of production' });
    expect(dialog).toHaveTextContent('Brings the database and files of production back to how they were');
    const undo = within(dialog).getByRole('button', { name: 'Undo restore' });
    const typed = within(dialog).getByLabelText(
      'production is a production environment. Type production to confirm.',
    );
    expect(undo).toBeDisabled();
    await userEvent.type(typed, 'Production');
    expect(undo).toBeDisabled();
    await userEvent.clear(typed);
    await userEvent.type(typed, 'production');
    await userEvent.dblClick(undo);

    await waitFor(() => expect(restores()).toHaveLength(1));
    expect(restores()[0]!.path).toBe(`/v1/sites/acme-store/snapshots/${preRestore.id}/restore`);
    expect(restores()[0]!.body).toEqual({
      selectors: ['db', 'files'],
      environment: 'production',
      confirm: 'production',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(restores()).toHaveLength(1);
  });

  it('names a restore point of another environment, and a pre-restore one', async () => {
    const { production, staging, stagingSnapshot } = seedDemo();
    seedFinishedRestore(production, stagingSnapshot, { selectors: ['files'], at: ago(time.hour) });
    const view = renderApp(page('production'));
    expect(await lastRestore()).toHaveTextContent(
      `Restored the files from staging's snapshot of ${formatShortTime(stagingSnapshot.created_at)} — 1 hour ago`,
    );
    view.unmount();

    const { preRestore } = seedFinishedRestore(staging, stagingSnapshot, { at: ago(2 * time.day) });
    seedFinishedRestore(production, preRestore, { selectors: ['db', 'files'] });
    renderApp(page('production'));
    expect(await lastRestore()).toHaveTextContent(
      `Restored the database and files from staging's pre-restore snapshot of ${formatShortTime(preRestore.created_at)}`,
    );
  });

  it('shows nothing while the latest restore runs', async () => {
    const { production, newer } = seedDemo();
    const { job } = seedFinishedRestore(production, newer);
    job.status = 'running';
    job.finished_at = null;
    renderApp(page('production'));
    expect(await screen.findByRole('region', { name: 'Restoring the database' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Last restore' })).not.toBeInTheDocument();
  });

  it('shows nothing once the pre-restore snapshot is no longer restorable', async () => {
    const { staging, stagingSnapshot } = seedDemo();
    const { preRestore } = seedFinishedRestore(staging, stagingSnapshot, { at: ago(15 * time.day) });
    preRestore.expires_at = iso(Date.now() - time.day);
    renderApp(page('staging'));
    expect(await screen.findByRole('list', { name: 'Snapshots, newest first' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Last restore' })).not.toBeInTheDocument();
  });
});
