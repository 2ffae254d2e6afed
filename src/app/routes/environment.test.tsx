import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { db, requestsTo, seedDemo } from '@/testing/mocks/db';
import { buildJob, buildSnapshot, buildStorage } from '@/testing/mocks/fixtures';
import { problem } from '@/testing/mocks/problem';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/render';

const page = '/sites/acme-store/environments/production';
const historyPath = '/v1/sites/acme-store/environments/production/snapshots';

async function historyRows() {
  const list = await screen.findByRole('list', { name: 'Snapshots, newest first' });
  return within(list).getAllByRole('listitem');
}

describe('environment page', () => {
  it('shows the environment, its services with their sizes, and its history newest first', async () => {
    const { newer, older } = seedDemo();
    renderApp(page);

    expect(await screen.findByRole('heading', { level: 1, name: 'production' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveTextContent('Production');
    expect(screen.getByText('Snapshots use 43 MB in the store')).toBeInTheDocument();
    const services = within(screen.getByRole('region', { name: 'Services' }));
    expect(services.getByText('db').closest('li')).toHaveTextContent('SQLite database');
    expect(services.getByText('db').closest('li')).toHaveTextContent('12.4 MB');
    expect(services.getByText('uploads').closest('li')).toHaveTextContent('48.2 MB');

    const [first, second] = await historyRows();
    const newest = within(first!);
    expect(newest.getByText('3 hours ago')).toHaveAttribute('title', expect.stringMatching(/UTC$/));
    expect(newest.getByText('3 hours ago')).toHaveAttribute('datetime', newer.created_at);
    expect(first).toHaveTextContent('Manual');
    expect(first).toHaveTextContent('before upgrade');
    expect(first).toHaveTextContent('by admin');
    expect(first).toHaveTextContent('60.6 MB (database 12.4 MB · files 48.2 MB, 1,204 files)');
    expect(first).toHaveTextContent('Ready');
    expect(first).toHaveTextContent('Restorable for 14 more days');
    expect(newest.getByRole('link', { name: /^Restore snapshot from/ })).toHaveAttribute(
      'href',
      `${page}/restore/${newer.id}`,
    );

    expect(second).toHaveTextContent('Scheduled');
    expect(second).toHaveTextContent('by scheduler');
    expect(second).toHaveTextContent('Restorable for 13 more days');
    expect(within(second!).getByText('yesterday')).toHaveAttribute('datetime', older.created_at);
  });

  it('offers the whole archive, the database or the files as plain download links, as .tar.gz first', async () => {
    const { newer } = seedDemo();
    renderApp(page);
    const [first] = await historyRows();
    await userEvent.click(within(first!).getByRole('button', { name: /^Download snapshot from/ }));

    const menu = await screen.findByRole('menu');
    const links = within(menu).getAllByRole('menuitem');
    const base = `/v1/sites/acme-store/snapshots/${newer.id}/download`;
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      `${base}?selectors=db,files&format=tar.gz`,
      `${base}?selectors=db&format=tar.gz`,
      `${base}?selectors=files&format=tar.gz`,
    ]);
    expect(links.map((link) => link.textContent)).toEqual([
      'Whole archive as .tar.gz, 60.6 MB',
      'Database only as .tar.gz, 12.4 MB',
      'Files only as .tar.gz, 48.2 MB',
    ]);
    for (const link of links) expect(link).toHaveAttribute('download');
  });

  it('invites to take the first snapshot when the history is empty', async () => {
    seedDemo();
    renderApp('/sites/acme-store/environments/preview-checkout');
    const empty = await screen.findByText('No snapshots yet — take the first one');
    expect(empty.parentElement).toContainElement(
      within(empty.parentElement!).getByRole('button', { name: 'Take snapshot' }),
    );
    expect(screen.getByRole('main')).toHaveTextContent('Preview');
  });

  it('keeps the reason of a failed snapshot on screen in its row', async () => {
    const { production } = seedDemo();
    const detail =
      'Service "db": the SQLite database /srv/shop.db cannot be opened (file is not a database).';
    db.snapshots.push(
      buildSnapshot(production, {
        status: 'failed',
        error: { code: 'service_unreadable', detail },
        size_bytes: 0,
      }),
    );
    renderApp(page);
    const [failed] = await historyRows();
    expect(failed).toHaveTextContent('Failed');
    expect(within(failed!).getByText(detail)).toBeVisible();
    expect(within(failed!).getByRole('button', { name: /Restore/ })).toBeDisabled();
  });

  it('explains a failed history load and loads it again on retry', async () => {
    seedDemo();
    server.use(
      http.get(
        historyPath,
        () => problem(503, 'unavailable', 'Catalog unavailable', 'The catalog is being migrated.'),
        { once: true },
      ),
    );
    renderApp(page);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Catalog unavailable');
    expect(alert).toHaveTextContent('The catalog is being migrated.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await historyRows()).toHaveLength(2);
  });

  it('deletes a snapshot of production only once its name is typed, saying what it frees, then takes its row away', async () => {
    const { newer } = seedDemo();
    db.storage.set(
      newer.id,
      buildStorage(newer, { store_usage_bytes: 41_800_000, shared_bytes: 40_600_000 }),
    );
    renderApp(page);
    const [first] = await historyRows();
    await userEvent.click(within(first!).getByRole('button', { name: /^Delete snapshot from/ }));

    const dialog = await screen.findByRole('dialog', { name: 'Delete this snapshot?' });
    expect(dialog).toHaveTextContent('before upgrade');
    expect(
      await within(dialog).findByText(
        'Frees about 1.2 MB of storage (40.6 MB of its 41.8 MB are shared with other snapshots).',
      ),
    ).toBeInTheDocument();
    const remove = within(dialog).getByRole('button', { name: 'Delete snapshot' });
    const typed = within(dialog).getByLabelText(
      'production is a production environment. Type production to confirm.',
    );
    expect(remove).toBeDisabled();
    await userEvent.type(typed, 'Production');
    expect(remove).toBeDisabled();
    await userEvent.type(typed, '{Enter}');
    expect(requestsTo('DELETE', /snapshots/)).toHaveLength(0);
    await userEvent.clear(typed);
    await userEvent.type(typed, 'production');
    await userEvent.click(remove);

    const deleted = await screen.findByText('Snapshot deleted');
    expect(deleted.closest('li')).toHaveTextContent(
      '1.2 MB of storage freed; 40.6 MB stays, shared with other snapshots.',
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await historyRows()).toHaveLength(1);
    const [deletion] = requestsTo('DELETE', `/v1/sites/acme-store/snapshots/${newer.id}`);
    expect(deletion?.headers.get('x-csrf-token')).toBe(db.csrf);
    expect(deletion?.body).toEqual({ confirm: 'production' });
  });

  it('deletes a snapshot of another environment without asking its name', async () => {
    const { stagingSnapshot } = seedDemo();
    db.storage.set(stagingSnapshot.id, buildStorage(stagingSnapshot, { shared_bytes: 0 }));
    renderApp('/sites/acme-store/environments/staging');
    const [row] = await historyRows();
    await userEvent.click(within(row!).getByRole('button', { name: /^Delete snapshot from/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this snapshot?' });
    expect(await within(dialog).findByText('Frees about 41.8 MB of storage.')).toBeInTheDocument();
    expect(within(dialog).queryByLabelText(/Type .* to confirm/)).not.toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete snapshot' }));

    expect(await screen.findByText('Snapshot deleted')).toBeInTheDocument();
    const [deletion] = requestsTo('DELETE', `/v1/sites/acme-store/snapshots/${stagingSnapshot.id}`);
    expect(deletion?.body).toBeUndefined();
  });

  it('shows why a delete was refused, inside the dialog', async () => {
    seedDemo();
    server.use(
      http.delete('/v1/sites/:site/snapshots/:snap', () =>
        problem(409, 'snapshot_pinned', 'Snapshot is pinned', 'Unpin it before deleting it.'),
      ),
    );
    renderApp(page);
    const [first] = await historyRows();
    await userEvent.click(within(first!).getByRole('button', { name: /^Delete snapshot from/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/Type production to confirm/), 'production');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete snapshot' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Snapshot is pinned');
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Unpin it before deleting it.');
  });

  it('shows the running job with its progress, phase, bytes and time left, here and in the header', async () => {
    const { production } = seedDemo();
    const job = buildJob(production, {
      progress: { phase: 'capturing_files', done_bytes: 20_000_000, total_bytes: 60_600_000 },
    });
    db.jobs.push(job);
    // Steady progress, 1 MB an answer, for as long as the test looks.
    db.jobSteps.set(
      job.id,
      Array.from({ length: 40 }, (_, step) => ({ progress: { done_bytes: 21_000_000 + step * 1_000_000 } })),
    );
    renderApp(page);

    const panel = await screen.findByRole('region', { name: 'Taking a snapshot' });
    const bar = within(panel).getByRole('progressbar', { name: 'Taking a snapshot' });
    // 20 MB of 60.6 MB when it was listed; the header's polling may have moved it on since.
    expect(Number(bar.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(33);
    expect(panel).toHaveTextContent('Capturing files');
    expect(panel).toHaveTextContent(/\b\d+ MB of 60\.6 MB/);
    await waitFor(() => expect(panel).toHaveTextContent(/About \d+ s left/), { timeout: 10_000 });

    const header = within(screen.getByRole('banner'));
    await userEvent.click(header.getByRole('button', { name: '1 job running' }));
    expect(header.getByRole('link', { name: /Taking a snapshot/ })).toHaveAttribute('href', page);
  });

  it('keeps the running job in place when the header starts listing it', async () => {
    const { production } = seedDemo();
    db.jobs.push(
      buildJob(production, { progress: { phase: 'capturing_files', done_bytes: 1, total_bytes: 9 } }),
    );
    // The site's active jobs answer only after the environment has shown its own job.
    let release!: () => void;
    const listed = new Promise<void>((resolve) => (release = resolve));
    server.use(http.get('/v1/sites/:site/jobs', () => listed.then(() => undefined)));
    renderApp(page);

    const panel = await screen.findByRole('region', { name: 'Taking a snapshot' });
    release();
    await waitFor(() => expect(requestsTo('GET', '/v1/sites/acme-store/jobs')).not.toHaveLength(0));
    await waitFor(() => expect(requestsTo('GET', /^\/v1\/jobs\//)).not.toHaveLength(0));
    expect(panel.isConnected).toBe(true);
    expect(screen.getAllByRole('region', { name: 'Taking a snapshot' })).toEqual([panel]);
  });

  it('says so when the environment does not exist', async () => {
    seedDemo();
    renderApp('/sites/acme-store/environments/nowhere');
    expect(await screen.findByText('Environment not found')).toBeInTheDocument();
    expect(screen.getByText('acme-store has no environment called nowhere.')).toBeInTheDocument();
  });

  it('asks nothing again while no job runs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    try {
      seedDemo();
      renderApp(page);
      // Fake time only moves when told to: let it run until the page has settled.
      for (
        let step = 0;
        step < 50 && !screen.queryByRole('list', { name: 'Snapshots, newest first' });
        step += 1
      ) {
        await act(() => vi.advanceTimersByTimeAsync(100));
      }
      await act(() => vi.advanceTimersByTimeAsync(1000));
      const settled = db.requests.map((request) => `${request.method} ${request.path}`);
      expect(settled).toContain(`GET ${historyPath}`);
      expect(settled).toContain('GET /v1/sites/acme-store/jobs');

      await act(() => vi.advanceTimersByTimeAsync(5 * 60_000));
      expect(db.requests.map((request) => `${request.method} ${request.path}`)).toEqual(settled);
    } finally {
      vi.useRealTimers();
    }
  });
});
