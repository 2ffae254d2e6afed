import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Verification } from '../../../contract/schemas.ts';
import { pendingSnapshot } from '../../testing/catalog-rows.ts';
import type { Catalog, EnvironmentRow, JobRow } from '../catalog.ts';
import { createSqliteCatalog } from './index.ts';

let dir: string;
let file: string;
let catalog: Catalog;
let production: EnvironmentRow;
let staging: EnvironmentRow;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rewind-catalog-'));
  file = path.join(dir, 'catalog.db');
  catalog = createSqliteCatalog(file);
  await catalog.syncSites([
    {
      slug: 'acme-store',
      name: 'Acme',
      environments: [
        { name: 'production', type: 'production', services: [] },
        { name: 'staging', type: 'staging', services: [] },
      ],
    },
  ]);
  const [site] = await catalog.listSites();
  production = (await catalog.findEnvironment(site!.id, 'production'))!;
  staging = (await catalog.findEnvironment(site!.id, 'staging'))!;
});
afterEach(async () => {
  await catalog.close();
  await rm(dir, { recursive: true, force: true });
});

async function readySnapshot(env: EnvironmentRow, minute: number): Promise<string> {
  const row = pendingSnapshot(env, new Date(Date.UTC(2026, 0, 1, 0, minute)));
  await catalog.insertSnapshot(row);
  await catalog.completeSnapshot(row.id, { status: 'ready' }, []);
  return row.id;
}

function verifyJob(env: EnvironmentRow, snapshotId: string, scope: JobRow['verify_scope']) {
  return {
    id: `job_${scope}_${snapshotId}`,
    type: 'verify' as const,
    status: 'queued' as const,
    site_id: env.site_id,
    environment_id: env.id,
    snapshot_id: snapshotId,
    pre_restore_snapshot_id: null,
    verify_scope: scope,
    selectors: [],
    phase: 'queued' as const,
    done_bytes: 0,
    total_bytes: 0,
    waiting_for: null,
    error: null,
    created_by: 'admin',
    created_at: '2026-01-01T01:00:00.000Z',
    started_at: null,
    finished_at: null,
  };
}

describe('verification in the catalog', () => {
  it('keeps the latest verify of a snapshot, with its damage, across a reopen', async () => {
    const id = await readySnapshot(production, 1);
    expect((await catalog.getSnapshot(id))?.verification).toBeNull();
    const verification: Verification = {
      status: 'damaged',
      checked_at: '2026-01-02T00:00:00.000Z',
      job_id: 'job_1',
      damaged: [
        { service: 'db', path: null, sha256: 'a'.repeat(64), code: 'corrupt_blob', detail: 'hashes to …' },
        { service: 'uploads', path: 'é/b.png', sha256: 'b'.repeat(64), code: 'missing_blob', detail: 'gone' },
      ],
      damaged_count: 2,
    };
    await catalog.updateSnapshot(id, { verification });
    await catalog.close();
    catalog = createSqliteCatalog(file);
    expect((await catalog.getSnapshot(id))?.verification).toEqual(verification);
    // Other changes leave it as it is.
    await catalog.updateSnapshot(id, { pinned: true });
    expect((await catalog.getSnapshot(id))?.verification).toEqual(verification);
  });

  it('counts a snapshot in use while a verify of it, or of its whole environment, is queued or running', async () => {
    const a = await readySnapshot(production, 1);
    const b = await readySnapshot(production, 2);
    const other = await readySnapshot(staging, 3);
    await catalog.insertJob(verifyJob(production, a, 'snapshot'));
    expect(await catalog.snapshotInUse(a)).toBe(true);
    expect(await catalog.snapshotInUse(b)).toBe(false);

    const all = verifyJob(production, b, 'environment');
    await catalog.insertJob(all);
    await catalog.updateJob(`job_snapshot_${a}`, { status: 'succeeded' });
    expect(await catalog.snapshotInUse(a)).toBe(true);
    expect(await catalog.snapshotInUse(other)).toBe(false);
    expect((await catalog.getJob(all.id))?.verify_scope).toBe('environment');

    await catalog.updateJob(all.id, { status: 'running' });
    expect(await catalog.snapshotInUse(a)).toBe(true);
    await catalog.updateJob(all.id, { status: 'failed' });
    expect(await catalog.snapshotInUse(a)).toBe(false);
    expect(await catalog.snapshotInUse(b)).toBe(false);
  });
});
