// What a restore says it overwrites before it is confirmed, and what it says it did.
import { describe, expect, it } from 'vitest';
import type { Environment, Job, Snapshot } from '../contract/schemas.ts';
import { describeRestore, describeRestored } from './confirm-restore.ts';

const environment = (name: string, type: Environment['type']) =>
  ({
    name,
    type,
    services: [
      { name: 'db', type: 'sqlite', selector: 'db', size_bytes: 1 },
      { name: 'uploads', type: 'files', selector: 'files', size_bytes: 1 },
    ],
  }) as Environment;

describe('describeRestore', () => {
  it('names what will be overwritten and the restore point', () => {
    const snapshot = {
      id: 'snap_1',
      label: 'before deploy',
      environment: 'production',
      created_at: '2025-01-01T10:00:00Z',
    } as Snapshot;
    const text = describeRestore(
      { site: 'acme-store', snapshot, target: environment('staging', 'staging'), selectors: ['files'] },
      Date.parse('2025-01-01T10:03:00Z'),
    );
    expect(text).toContain('overwrites uploads (files) of acme-store/staging (staging)');
    expect(text).toContain('snap_1 "before deploy", taken 3 min ago from production');
    expect(text).not.toContain('db (database)');
  });
});

describe('describeRestored', () => {
  const job = { id: 'job_1', environment: 'production', selectors: ['db'], snapshot_id: 'snap_1' } as Job;

  it('names the environment the data came from when it is another one', () => {
    expect(describeRestored(job, 'staging')).toBe(
      "Restore job job_1 succeeded: production now has staging's database from snap_1.",
    );
  });

  it('says the environment has its own data again otherwise', () => {
    expect(describeRestored(job, 'production')).toBe(
      'Restore job job_1 succeeded: production has its database from snap_1 again.',
    );
    expect(describeRestored({ ...job, selectors: ['db', 'files'] }, null)).toBe(
      'Restore job job_1 succeeded: production has its database and files from snap_1 again.',
    );
  });
});
