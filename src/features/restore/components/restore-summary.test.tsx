import type { Selector } from '@contract/schemas';
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  buildEnvironment,
  buildService,
  buildSite,
  buildSnapshot,
  defaultServices,
  time,
} from '@/testing/mocks/fixtures';
import { RestoreSummary } from './restore-summary';

const site = buildSite();
const staging = buildEnvironment(site, { name: 'staging', type: 'staging' });
const production = buildEnvironment(site, {
  services: [...defaultServices(), buildService({ name: 'cache', type: 'redis' })],
});
const now = Date.parse('2026-12-06T16:02:00Z');
const snapshot = buildSnapshot(staging, { created_at: new Date(now - 2 * time.hour).toISOString() });

function summary(selectors: Selector[], target = staging) {
  const { container } = render(
    <RestoreSummary
      snapshot={snapshot}
      target={target}
      targetName={target.name}
      selectors={selectors}
      restorable
      now={now}
    />,
  );
  return container.querySelector('p')?.textContent;
}

describe('restore summary', () => {
  it('says what is overwritten in words that agree with one database, the files, or both', () => {
    expect(summary(['db'])).toBe(
      'This overwrites staging’s database (db) with its state at Dec 6, 2026, 2:02:00 PM UTC (2 hours ago). Changes made since then are replaced.',
    );
    expect(summary(['files'])).toMatch(
      /^This overwrites staging’s files \(uploads\) with their state at Dec 6/,
    );
    expect(summary(['db', 'files'])).toMatch(
      /^This overwrites staging’s database and files \(db, uploads\) with their state at Dec 6/,
    );
  });

  it('names several databases, and the environment the data comes from', () => {
    expect(summary(['db'], production)).toMatch(
      /^This overwrites production’s databases \(db, cache\) with staging’s database as it was at Dec 6/,
    );
    expect(summary(['db', 'files'], production)).toMatch(
      /^This overwrites production’s databases and files \(db, uploads, cache\) with staging’s database and files as they were at Dec 6/,
    );
  });
});
