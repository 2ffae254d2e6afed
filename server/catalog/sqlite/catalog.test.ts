import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pendingSnapshot } from '../../testing/catalog-rows.ts';
import type { Catalog, EnvironmentRow } from '../catalog.ts';
import { createSqliteCatalog } from './index.ts';
import { migrations } from './migrations.ts';

let dir: string;
let file: string;
let catalog: Catalog;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rewind-catalog-'));
  file = path.join(dir, 'catalog.db');
  catalog = createSqliteCatalog(file);
  await catalog.syncSites([
    {
      slug: 'acme-store',
      name: 'Acme',
      environments: [
        {
          name: 'production',
          type: 'production',
          services: [{ name: 'db', type: 'sqlite', selector: 'db', path: '/x', url: null }],
        },
      ],
    },
  ]);
});
afterEach(async () => {
  await catalog.close();
  await rm(dir, { recursive: true, force: true });
});

/** A pending manual snapshot of the environment, taken `minute` minutes into 2026. */
const manualSnapshot = (env: EnvironmentRow, minute: number) =>
  pendingSnapshot(env, new Date(Date.UTC(2026, 0, 1, 0, minute)));

describe('SQLite catalog', () => {
  it('migrates once and refuses a catalog from a newer Rewind', async () => {
    await catalog.close();
    catalog = createSqliteCatalog(file);
    expect((await catalog.listSites()).map((s) => s.slug)).toEqual(['acme-store']);
    await catalog.close();
    const db = new DatabaseSync(file);
    db.exec(`PRAGMA user_version = ${migrations.length + 1}`);
    db.close();
    expect(() => createSqliteCatalog(file)).toThrow(/newer Rewind/);
    catalog = createSqliteCatalog(path.join(dir, 'other.db'));
  });

  it('keeps ids stable across config reloads and hides what the config no longer describes', async () => {
    const [site] = await catalog.listSites();
    const env = await catalog.findEnvironment(site!.id, 'production');
    await catalog.syncSites([
      {
        slug: 'acme-store',
        name: 'Acme Store',
        environments: [{ name: 'production', type: 'production', services: [] }],
      },
    ]);
    expect((await catalog.findEnvironment(site!.id, 'production'))?.id).toBe(env!.id);
    expect((await catalog.findSite('acme-store'))?.name).toBe('Acme Store');
    await catalog.syncSites([]);
    expect(await catalog.findSite('acme-store')).toBeNull();
  });

  it('pages snapshots newest first with a cursor that never repeats or skips', async () => {
    const [site] = await catalog.listSites();
    const env = (await catalog.findEnvironment(site!.id, 'production'))!;
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      const row = manualSnapshot(env, i);
      await catalog.insertSnapshot(row);
      ids.push(row.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await catalog.listSnapshots(env.id, 10, cursor);
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('counts each content an environment’s snapshots share once, as they turn ready and are deleted', async () => {
    const [site] = await catalog.listSites();
    const env = (await catalog.findEnvironment(site!.id, 'production'))!;
    const snapshot = async (minute: number, blobs: string[]) => {
      const row = manualSnapshot(env, minute);
      await catalog.insertSnapshot(row);
      await catalog.completeSnapshot(row.id, { status: 'ready' }, blobs);
      return row.id;
    };
    const [x, y, z] = ['a', 'b', 'c'].map((c) => c.repeat(64));
    const a = await snapshot(1, [x!, y!]);
    const b = await snapshot(2, [y!, z!]);
    const c = await snapshot(3, [z!]);
    expect((await catalog.blobsOfUnknownSize({ environmentId: env.id })).sort()).toEqual([x, y, z]);
    await catalog.recordBlobSizes([
      { sha256: x!, stored_bytes: 100 },
      { sha256: y!, stored_bytes: 20 },
      { sha256: z!, stored_bytes: 3 },
    ]);
    expect(await catalog.blobsOfUnknownSize({ environmentId: env.id })).toEqual([]);
    expect(await catalog.environmentStoreUsage(env.id)).toBe(123);
    expect(await catalog.snapshotFootprint(b)).toEqual({ stored_bytes: 23, shared_bytes: 23 });

    expect(await catalog.deleteSnapshot(a)).toEqual({ stored_bytes: 120, shared_bytes: 20 });
    expect(await catalog.environmentStoreUsage(env.id)).toBe(23);
    expect(await catalog.snapshotFootprint(b)).toEqual({ stored_bytes: 23, shared_bytes: 3 });
    await catalog.forgetUnreferencedBlobSizes();
    expect(await catalog.blobsOfUnknownSize({ snapshotId: b })).toEqual([]);
    await catalog.deleteSnapshot(b);
    await catalog.deleteSnapshot(c);
    expect(await catalog.environmentStoreUsage(env.id)).toBe(0);
  });

  it('counts the contents of snapshots taken before it kept count, when it migrates', async () => {
    const old = path.join(dir, 'old.db');
    const db = new DatabaseSync(old);
    db.exec(migrations[0]!);
    db.exec(migrations[1]!);
    db.exec('PRAGMA user_version = 2');
    const at = '2026-01-01T00:00:00.000Z';
    db.exec(
      `INSERT INTO sites (id, slug, name, created_at) VALUES ('site_1', 'acme-store', 'Acme', '${at}')`,
    );
    db.exec(
      `INSERT INTO environments (id, site_id, name, type, created_at) VALUES ('env_1', 'site_1', 'production', 'production', '${at}')`,
    );
    for (const [id, blobs] of [
      ['snap_1', ['a', 'b']],
      ['snap_2', ['b']],
    ] as const) {
      db.exec(
        `INSERT INTO snapshots (id, site_id, environment_id, kind, status, created_by, created_at, expires_at)
         VALUES ('${id}', 'site_1', 'env_1', 'manual', 'ready', 'admin', '${at}', '${at}')`,
      );
      for (const blob of blobs) {
        db.exec(`INSERT INTO blob_refs (snapshot_id, sha256) VALUES ('${id}', '${blob.repeat(64)}')`);
      }
    }
    db.close();

    const migrated = createSqliteCatalog(old);
    try {
      await migrated.recordBlobSizes([
        { sha256: 'a'.repeat(64), stored_bytes: 7 },
        { sha256: 'b'.repeat(64), stored_bytes: 5 },
      ]);
      expect(await migrated.environmentStoreUsage('env_1')).toBe(12);
      await migrated.deleteSnapshot('snap_1');
      expect(await migrated.environmentStoreUsage('env_1')).toBe(5);
    } finally {
      await migrated.close();
    }
  });

  it('keeps the pre-restore snapshots of an older catalog, without what they protect', async () => {
    // A catalog as Rewind wrote it before pre-restore snapshots recorded their restore (schema 2).
    const oldFile = path.join(dir, 'old.db');
    const old = new DatabaseSync(oldFile);
    for (const migration of migrations.slice(0, 2)) old.exec(migration);
    old.exec('PRAGMA user_version = 2');
    old.exec(
      `INSERT INTO sites (id, slug, name, created_at) VALUES ('site_1', 'acme-store', 'Acme', '2026-01-01T00:00:00.000Z')`,
    );
    old.exec(
      `INSERT INTO environments (id, site_id, name, type, created_at) VALUES ('env_1', 'site_1', 'production', 'production', '2026-01-01T00:00:00.000Z')`,
    );
    old.exec(
      `INSERT INTO snapshots (id, site_id, environment_id, kind, status, label, created_by, created_at, expires_at)
       VALUES ('snap_1', 'site_1', 'env_1', 'pre_restore', 'ready', 'Before restoring the database of snap_0', 'admin',
               '2026-01-02T00:00:00.000Z', '2026-01-16T00:00:00.000Z')`,
    );
    old.close();

    const upgraded = createSqliteCatalog(oldFile);
    try {
      expect(await upgraded.getSnapshot('snap_1')).toMatchObject({
        kind: 'pre_restore',
        label: 'Before restoring the database of snap_0',
        before_restore: null,
      });
      const page = await upgraded.listSnapshots('env_1', 10, null, ['pre_restore']);
      expect(page.rows.map((row) => row.id)).toEqual(['snap_1']);
      expect(await upgraded.latestRestore('env_1')).toBeNull();
    } finally {
      await upgraded.close();
    }
  });

  it('claims an idempotency key once and forgets keys older than the cutoff', async () => {
    expect(await catalog.claimIdempotencyKey('tok', 'k', 'h1', '2026-01-01T00:00:00.000Z')).toBeNull();
    const again = await catalog.claimIdempotencyKey('tok', 'k', 'h1', '2026-01-01T00:00:01.000Z');
    expect(again).toMatchObject({ state: 'pending', request_hash: 'h1' });
    expect(
      await catalog.claimIdempotencyKey('other-token', 'k', 'h1', '2026-01-01T00:00:01.000Z'),
    ).toBeNull();
    expect(await catalog.deleteIdempotencyKeysBefore('2026-01-02T00:00:00.000Z')).toBe(2);
    expect(await catalog.claimIdempotencyKey('tok', 'k', 'h2', '2026-01-03T00:00:00.000Z')).toBeNull();
  });

  it('ends sessions at their expiry', async () => {
    await catalog.insertToken({
      id: 'tok_1',
      name: 'admin',
      hash: 'th',
      created_at: '2026-01-01T00:00:00.000Z',
    });
    await catalog.insertSession({
      hash: 'sh',
      token_id: 'tok_1',
      csrf_token: 'c',
      created_at: '2026-01-01T00:00:00.000Z',
      expires_at: '2026-01-08T00:00:00.000Z',
    });
    expect(await catalog.findSession('sh', '2026-01-07T23:59:59.000Z')).toMatchObject({
      token_name: 'admin',
      csrf_token: 'c',
    });
    expect(await catalog.findSession('sh', '2026-01-08T00:00:00.000Z')).toBeNull();
  });
});
