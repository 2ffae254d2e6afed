import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createQueryClient } from '@/lib/query-client';
import { db, requestsTo, seedDemo } from '@/testing/mocks/db';
import { buildSnapshot } from '@/testing/mocks/fixtures';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/render';

const banner = () => screen.queryByText('Cannot reach Rewind — retrying');

describe('the connection banner', () => {
  it('says Rewind cannot be reached while requests fail, and refreshes the page once it answers again', async () => {
    const { production } = seedDemo();
    // The app's own retry rules (tests usually turn retries off): once again soon, then only after a minute,
    // so that Rewind's return is noticed, and the page refreshed, by the banner's own look.
    const client = createQueryClient({
      queries: { gcTime: Number.POSITIVE_INFINITY, retryDelay: (n) => (n === 0 ? 50 : 60_000) },
    });
    renderApp('/sites/acme-store/environments/production', client);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'production' }, { timeout: 5000 }),
    ).toBeVisible();

    // Rewind goes away; the page asks for its data again (as on focus or a poll), and keeps asking.
    server.use(http.all('*', () => HttpResponse.error()));
    void client.invalidateQueries();
    const status = await waitFor(
      () => {
        const shown = banner();
        expect(shown).toBeInTheDocument();
        return shown!.closest('[role="status"]') as HTMLElement;
      },
      { timeout: 6000 },
    );
    expect(status).toHaveAttribute('aria-live', 'polite');
    expect(status).toHaveTextContent('refreshes by itself');
    // What was loaded stays on the page, with its controls usable.
    expect(screen.getByRole('heading', { level: 1, name: 'production' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Take snapshot' })).toBeEnabled();

    // Meanwhile a snapshot was taken; Rewind comes back.
    db.snapshots.push(buildSnapshot(production, { label: 'taken while away' }));
    server.resetHandlers();
    await waitFor(() => expect(banner()).not.toBeInTheDocument(), { timeout: 5000 });
    expect(within(status).getByText(/Rewind answers again/)).toBeInTheDocument();
    expect(requestsTo('GET', '/v1/health').length).toBeGreaterThan(0);
    expect(await screen.findByText('taken while away', {}, { timeout: 2000 })).toBeInTheDocument();
  }, 20_000);
});
