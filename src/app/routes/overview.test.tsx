import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { db, seedDemo } from '@/testing/mocks/db';
import { buildJob } from '@/testing/mocks/fixtures';
import { renderApp } from '@/testing/render';

describe('overview', () => {
  it('lists every site with its environments, their latest snapshot and any running job', async () => {
    const { staging } = seedDemo();
    db.jobs.push(
      buildJob(staging, { progress: { phase: 'capturing_db', done_bytes: 25, total_bytes: 100 } }),
    );
    renderApp('/');

    const site = await within(await screen.findByRole('main')).findByRole('region', { name: 'Acme Store' });
    const cards = await within(site).findAllByRole('listitem');
    expect(cards).toHaveLength(3);
    const [production, stagingCard, preview] = cards as [HTMLElement, HTMLElement, HTMLElement];

    expect(within(production).getByRole('link', { name: 'production' })).toHaveAttribute(
      'href',
      '/sites/acme-store/environments/production',
    );
    expect(production).toHaveTextContent('Production');
    expect(production).toHaveTextContent('Latest snapshot3 hours ago·ready');
    expect(stagingCard).toHaveTextContent('Latest snapshot2 hours ago·ready');
    expect(within(stagingCard).getByRole('progressbar', { name: 'Taking a snapshot' })).toHaveAttribute(
      'aria-valuenow',
      '25',
    );
    expect(production).toHaveTextContent(/Next scheduled backup in \d+ hours?/);
    expect(preview).not.toHaveTextContent('Next scheduled backup');
    expect(preview).toHaveTextContent('No snapshots yet');
    expect(preview).toHaveTextContent('Preview');
    // The job is also in the header, wherever you are.
    expect(
      within(screen.getByRole('banner')).getByRole('button', { name: '1 job running' }),
    ).toBeInTheDocument();
  });

  it('says what to do when there are no sites', async () => {
    renderApp('/');
    expect(await screen.findByText('No sites yet', { selector: 'p.font-medium' })).toBeInTheDocument();
  });
});
