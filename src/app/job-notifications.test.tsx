import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Environment, Job, Selector, Snapshot } from '@contract/schemas';
import { db, requestsTo, seedDemo, seedFinishedRestore } from '@/testing/mocks/db';
import { buildJob, buildService } from '@/testing/mocks/fixtures';
import { renderApp } from '@/testing/render';

const page = (env: string) => `/sites/acme-store/environments/${env}`;
const restores = () => requestsTo('POST', /^\/v1\/sites\/acme-store\/snapshots\/[^/]+\/restore$/);
const toastOf = (text: string | RegExp) =>
  screen.findByText(text, {}, { timeout: 5000 }).then((node) => node.closest('[data-sonner-toast]')!);

/** A restore of `point` into `env`, running, that the fake server ends as scripted (one step per poll). */
function runningRestore(env: Environment, point: Snapshot, selectors: Selector[], end: Partial<Job> = {}) {
  const job = buildJob(env, {
    type: 'restore',
    snapshot_id: point.id,
    selectors,
    progress: { phase: 'swapping', done_bytes: 0, total_bytes: 0 },
  });
  db.jobs.push(job);
  db.jobSteps.set(job.id, [
    { status: 'running' },
    { status: 'succeeded', progress: { phase: 'done' }, ...end },
  ]);
  return job;
}

describe('restore toasts', () => {
  it('say what came back, agreeing with one database, several, files or both', async () => {
    const { production, staging, newer, stagingSnapshot } = seedDemo();
    staging.services.push(buildService({ name: 'cache', type: 'redis', selector: 'db' }));
    const preview = db.environments.find((env) => env.name === 'preview-checkout')!;
    runningRestore(production, newer, ['db']);
    runningRestore(staging, stagingSnapshot, ['db']);
    runningRestore(preview, stagingSnapshot, ['files']);
    renderApp('/');

    expect(await toastOf('Restored production')).toHaveTextContent(
      'The database of acme-store / production is back as it was at the restore point.',
    );
    expect(await toastOf('Restored staging')).toHaveTextContent(
      'The databases of acme-store / staging are back as they were at the restore point.',
    );
    expect(await toastOf('Restored preview-checkout')).toHaveTextContent(
      'The files of acme-store / preview-checkout are back as they were at the restore point.',
    );
  });

  it('follow an undo from the toast: running, then its real outcome; its Undo is gone once used', async () => {
    const { staging, stagingSnapshot } = seedDemo();
    runningRestore(staging, stagingSnapshot, ['db', 'files']);
    renderApp(page('staging'));

    const restored = await toastOf('Restored staging');
    expect(restored).toHaveTextContent(
      'The database and files of acme-store / staging are back as they were at the restore point.',
    );
    await userEvent.click(
      await within(restored as HTMLElement).findByRole('button', { name: 'Undo restore' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Undo the last restore of staging' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Undo restore' }));
    await waitFor(() => expect(restores()).toHaveLength(1));
    const undo = db.jobs.at(-1)!;
    expect(restores()[0]!.body).toEqual({ selectors: ['db', 'files'], environment: 'staging' });

    // Accepted is not done: the toast says the undo is under way, and follows its job.
    const undoing = await toastOf('Undoing the restore of staging');
    expect(undoing).toHaveAttribute('data-type', 'loading');
    expect(screen.queryByText('Restored staging')).not.toBeInTheDocument();
    expect(within(undoing as HTMLElement).queryByRole('button', { name: 'Undo restore' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Undo last restore' })).not.toBeInTheDocument();
    db.jobSteps.set(undo.id, [
      { status: 'running', progress: { phase: 'pre_restore_snapshot' } },
      { status: 'running', progress: { phase: 'pre_restore_snapshot' } },
      { status: 'succeeded', progress: { phase: 'done' } },
    ]);
    expect(
      await within(undoing as HTMLElement).findByText('Taking the pre-restore snapshot…'),
    ).toBeInTheDocument();

    const done = await toastOf('Restore undone');
    expect(done).toHaveAttribute('data-type', 'success');
    expect(done).toHaveTextContent(
      'The database and files of acme-store / staging are back as they were before the restore.',
    );
    expect(screen.queryByText('Undoing the restore of staging')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Undo restore' })).not.toBeInTheDocument();
    expect(restores()).toHaveLength(1);
  });

  it('say so when the undo fails, with the server’s reason', async () => {
    const { staging, stagingSnapshot } = seedDemo();
    seedFinishedRestore(staging, stagingSnapshot);
    renderApp(page('staging'));
    await userEvent.click(
      within(await screen.findByRole('region', { name: 'Last restore' })).getByRole('button', {
        name: 'Undo last restore',
      }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Undo the last restore of staging' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Undo restore' }));
    await waitFor(() => expect(restores()).toHaveLength(1));
    const detail =
      'The pre-restore snapshot snap_1 is damaged: a checksum does not match. Nothing was changed.';
    db.jobSteps.set(db.jobs.at(-1)!.id, [
      { status: 'running', progress: { phase: 'verifying' } },
      { status: 'failed', error: { code: 'corrupt_snapshot', detail } },
    ]);

    const failed = await toastOf('Undo failed');
    expect(failed).toHaveAttribute('data-type', 'error');
    expect(failed).toHaveTextContent(`acme-store / staging: ${detail}`);
    // It changed nothing, so the restore still stands and can be undone again.
    expect(
      await within(await screen.findByRole('region', { name: 'Last restore' })).findByRole('button', {
        name: 'Undo last restore',
      }),
    ).toBeEnabled();
  });

  it('drop the Undo of a restore that a newer one replaced', async () => {
    const { staging, stagingSnapshot } = seedDemo();
    runningRestore(staging, stagingSnapshot, ['db']);
    const { client } = renderApp(page('staging'));
    const restored = (await toastOf('Restored staging')) as HTMLElement;
    expect(await within(restored).findByRole('button', { name: 'Undo restore' })).toBeInTheDocument();

    // Another restore of staging, from the command line: the dashboard learns of it when it reads staging again.
    seedFinishedRestore(staging, stagingSnapshot, { selectors: ['files'], at: new Date().toISOString() });
    await client.invalidateQueries({ queryKey: ['environments'] });
    await waitFor(() => expect(within(restored).queryByRole('button', { name: 'Undo restore' })).toBeNull());
    expect(restores()).toHaveLength(0);
  });
});
