import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Job } from '@contract/schemas';
import { db, requestsTo, seedDemo } from '@/testing/mocks/db';
import { buildSnapshot, time } from '@/testing/mocks/fixtures';
import { renderApp } from '@/testing/render';

const page = '/sites/acme-store/environments/production';

async function historyRows() {
  const list = await screen.findByRole('list', { name: 'Snapshots, newest first' });
  return within(list).getAllByRole('listitem');
}

/** The verify job the page just started runs for a moment, then ends as `status`. */
async function runVerify(path: string, status: Job['status'] = 'succeeded'): Promise<Job> {
  await waitFor(() => expect(requestsTo('POST', path)).toHaveLength(1));
  const job = db.jobs.at(-1)!;
  expect(job.type).toBe('verify');
  db.jobSteps.set(job.id, [
    { status: 'running', progress: { phase: 'verifying', done_bytes: 20_000_000, total_bytes: 60_600_000 } },
    { status: 'running', progress: { phase: 'verifying', done_bytes: 40_000_000, total_bytes: 60_600_000 } },
    { status, progress: { phase: 'done', done_bytes: 60_600_000 } },
  ]);
  return job;
}

describe('verifying snapshots on the environment page', () => {
  it('verifies a snapshot from its row, with the job’s progress, then says "Verified just now"', async () => {
    const { newer } = seedDemo();
    renderApp(page);
    const [first] = await historyRows();
    expect(first).not.toHaveTextContent('Verified');

    await userEvent.click(within(first!).getByRole('button', { name: /^Verify snapshot from/ }));
    const job = await runVerify(`/v1/sites/acme-store/snapshots/${newer.id}/verify`);
    expect(job.verify_scope).toBe('snapshot');
    const panel = await screen.findByRole('region', { name: 'Verifying a snapshot' });
    expect(within(panel).getByRole('progressbar', { name: 'Verifying a snapshot' })).toBeInTheDocument();

    await waitFor(async () => expect((await historyRows())[0]).toHaveTextContent('Verified just now'), {
      timeout: 10_000,
    });
    const badge = within((await historyRows())[0]!).getByText('Verified', { exact: false });
    expect(badge).toHaveAttribute(
      'title',
      expect.stringMatching(/^Verified .*: every content read back intact$/),
    );
    // The other snapshot was not checked.
    expect((await historyRows())[1]).not.toHaveTextContent('Verified');
  });

  it('shows an older verify in human time', async () => {
    const { production } = seedDemo();
    db.snapshots.push(
      buildSnapshot(production, {
        created_at: new Date(Date.now() - time.hour).toISOString(),
        verification: {
          status: 'ok',
          checked_at: new Date(Date.now() - 2 * time.hour).toISOString(),
          job_id: 'job_x',
          damaged: [],
          damaged_count: 0,
        },
      }),
    );
    renderApp(page);
    expect((await historyRows())[0]).toHaveTextContent('Verified 2 hours ago');
  });

  it('verifies every snapshot with "Verify all", names what is damaged, and the restore dialog refuses it', async () => {
    const { newer } = seedDemo();
    db.damage.set(newer.id, [
      {
        service: 'uploads',
        path: 'products/cup.png',
        sha256: 'a'.repeat(64),
        code: 'corrupt_blob',
        detail: 'Blob aaaa… is corrupt: its content hashes to bbbb….',
      },
    ]);
    renderApp(page);
    await historyRows();
    await userEvent.click(screen.getByRole('button', { name: 'Verify all' }));
    const job = await runVerify('/v1/sites/acme-store/environments/production/verify');
    expect(job.verify_scope).toBe('environment');
    expect(await screen.findByRole('region', { name: 'Verifying every snapshot' })).toBeInTheDocument();

    await waitFor(async () => expect((await historyRows())[0]).toHaveTextContent('Damaged'), {
      timeout: 10_000,
    });
    const [first, second] = await historyRows();
    expect(first).toHaveTextContent(
      'Damaged: uploads/products/cup.png is missing or corrupt in the store. Restore another point.',
    );
    expect(second).toHaveTextContent('Verified just now');
    expect(screen.getByRole('button', { name: 'Verify all' })).not.toHaveAttribute('aria-disabled');

    await userEvent.click(within(first!).getByRole('link', { name: /^Restore snapshot from/ }));
    const dialog = await screen.findByRole('dialog');
    const alert = within(dialog).getByRole('alert');
    expect(alert).toHaveTextContent('This restore point is damaged');
    expect(alert).toHaveTextContent('uploads/products/cup.png: corrupt');
    expect(alert).toHaveTextContent('restore another point instead');
    expect(within(dialog).getByRole('button', { name: 'Restore production' })).toBeDisabled();
    expect(within(dialog).queryByLabelText(/Type production to confirm/)).not.toBeInTheDocument();
  });
});
