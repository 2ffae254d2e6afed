import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { db, requestsTo, seedDemo } from '@/testing/mocks/db';
import { renderApp } from '@/testing/render';

const runPath = '/v1/sites/acme-store/environments/production/backup-policy/run';

async function panel() {
  // The environment page loads on demand: the first render of a test file can take a while on a busy machine.
  return within(await screen.findByRole('region', { name: 'Scheduled backups' }, { timeout: 5000 }));
}

describe('run the backup policy now', () => {
  it('starts one run, shows its progress in the panel, and is ready for the next when it ends', async () => {
    seedDemo();
    renderApp('/sites/acme-store/environments/production');
    const button = (await panel()).getByRole('button', { name: 'Run now' });
    expect(button).toHaveAccessibleDescription(/prunes what the policy no longer keeps/);

    // Two clicks before the button can know it is busy: one intent, one request, one job.
    fireEvent.click(button);
    fireEvent.click(button);
    await waitFor(() => expect(requestsTo('POST', runPath)).toHaveLength(1));
    const [request] = requestsTo('POST', runPath);
    expect(request?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(request?.headers.get('x-csrf-token')).toBe(db.csrf);
    expect(db.jobs).toHaveLength(1);
    const job = db.jobs[0]!;
    db.jobSteps.set(job.id, [
      { status: 'running', progress: { phase: 'capturing_files', done_bytes: 30, total_bytes: 100 } },
      { status: 'running', progress: { phase: 'capturing_files', done_bytes: 30, total_bytes: 100 } },
      { status: 'succeeded', progress: { phase: 'done', done_bytes: 100 } },
    ]);

    // While it runs: the button says so and keeps its place (and the focus), the panel shows the progress.
    const running = await (await panel()).findByRole('button', { name: 'Running…' });
    expect(running).toHaveAttribute('aria-disabled', 'true');
    expect(
      await (await panel()).findByRole('progressbar', { name: 'Taking a snapshot' }),
    ).toBeInTheDocument();
    expect((await panel()).getByRole('status')).toHaveTextContent(
      'A backup of production by its policy is running.',
    );
    await userEvent.click(running);
    expect(requestsTo('POST', runPath)).toHaveLength(1);

    // The pending snapshot of kind scheduled is in the history; the run ends, the button is back.
    const list = await screen.findByRole('list', { name: 'Snapshots, newest first' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent('Scheduled');
    const again = await (await panel()).findByRole('button', { name: 'Run now' }, { timeout: 5000 });
    expect((await panel()).queryByRole('progressbar')).not.toBeInTheDocument();
    expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent('Ready');

    // The next click is a new intent, with a new key.
    await userEvent.click(again);
    await waitFor(() => expect(requestsTo('POST', runPath)).toHaveLength(2));
    const keys = requestsTo('POST', runPath).map((r) => r.headers.get('idempotency-key'));
    expect(keys[1]).not.toBe(keys[0]);
  });
});
