import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { db, requestsTo, seedDemo } from '@/testing/mocks/db';
import { problem } from '@/testing/mocks/problem';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/render';

const page = '/sites/acme-store/environments/production';
const backups = () => requestsTo('POST', '/v1/sites/acme-store/backups');
const keys = () => backups().map((request) => request.headers.get('idempotency-key'));

async function openDialog() {
  await userEvent.click(await screen.findByRole('button', { name: 'Take snapshot' }));
  return screen.findByRole('dialog', { name: 'Take a snapshot of production' });
}

describe('take snapshot dialog', () => {
  it('sends the label with one Idempotency-Key, so a double click makes one snapshot, shown at once', async () => {
    seedDemo();
    renderApp(page);
    const dialog = await openDialog();
    expect(dialog).toHaveAccessibleDescription(/nothing in it is changed/);
    await userEvent.type(within(dialog).getByLabelText('Label (optional)'), 'before the 2.4 upgrade');

    const confirm = within(dialog).getByRole('button', { name: 'Take snapshot' });
    // Two clicks in the same tick, before the button can know it is busy: one intent, one request.
    fireEvent.click(confirm);
    fireEvent.click(confirm);

    expect(await screen.findByText('Snapshot started')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(backups()).toHaveLength(1);
    expect(keys()[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(backups()[0]?.body).toEqual({ environment: 'production', label: 'before the 2.4 upgrade' });
    expect(backups()[0]?.headers.get('x-csrf-token')).toBe(db.csrf);
    expect(db.jobs).toHaveLength(1);

    // The pending snapshot is in the history as soon as its job is accepted.
    const list = await screen.findByRole('list', { name: 'Snapshots, newest first' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    const first = within(list).getAllByRole('listitem')[0]!;
    expect(first).toHaveTextContent('before the 2.4 upgrade');
    expect(first).toHaveTextContent('In progress');
  });

  it('turns the new snapshot ready in the history when its job ends', async () => {
    seedDemo();
    renderApp(page);
    const dialog = await openDialog();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Take snapshot' }));
    await screen.findByText('Snapshot started');
    const job = db.jobs[0]!;
    db.jobSteps.set(job.id, [
      { status: 'running', progress: { phase: 'capturing_db', done_bytes: 1_000, total_bytes: 60_600_000 } },
      { status: 'succeeded', progress: { phase: 'done', done_bytes: 60_600_000 } },
    ]);

    expect(await screen.findByRole('region', { name: 'Taking a snapshot' })).toBeInTheDocument();
    expect(await screen.findByText('Snapshot ready', {}, { timeout: 3000 })).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Snapshots, newest first' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent('Ready'));
    expect(screen.queryByRole('region', { name: 'Taking a snapshot' })).not.toBeInTheDocument();
  });

  it('retries a failed attempt with the same key, and the next intent gets a new one', async () => {
    seedDemo();
    server.use(
      http.post(
        '/v1/sites/:site/backups',
        async ({ request }) => {
          db.requests.push({
            at: Date.now(),
            method: 'POST',
            path: new URL(request.url).pathname,
            search: new URL(request.url).searchParams,
            headers: request.headers,
            body: await request.json(),
          });
          return problem(503, 'unavailable', 'Job runner busy', 'Try again in a moment.');
        },
        { once: true },
      ),
    );
    renderApp(page);
    let dialog = await openDialog();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Take snapshot' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Job runner busy');
    expect(alert).toHaveTextContent('Try again in a moment.');

    await userEvent.click(within(dialog).getByRole('button', { name: 'Take snapshot' }));
    await screen.findByText('Snapshot started');
    expect(keys()).toHaveLength(2);
    expect(keys()[1]).toBe(keys()[0]);

    dialog = await openDialog();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Take snapshot' }));
    await waitFor(() => expect(keys()).toHaveLength(3));
    expect(keys()[2]).not.toBe(keys()[0]);
    await waitFor(() => expect(db.jobs).toHaveLength(2));
  });

  it('never makes two snapshots when the answer is lost and the user tries again', async () => {
    seedDemo();
    db.loseAnswers = 1;
    renderApp(page);
    const dialog = await openDialog();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Take snapshot' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Cannot reach Rewind');
    expect(db.jobs).toHaveLength(1);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Take snapshot' }));
    await screen.findByText('Snapshot started');
    expect(keys()).toEqual([keys()[0], keys()[0]]);
    expect(db.jobs).toHaveLength(1);
    expect(db.snapshots.filter((snapshot) => snapshot.status === 'pending')).toHaveLength(1);
  });
});
