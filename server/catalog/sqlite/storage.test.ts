// What the catalog knows of the contents snapshots refer to, and what it answers from that: what a snapshot
// occupies and shares, what an environment's snapshots occupy, and what the store's sweep must keep.
// Environments share contents too (staging restored from a production snapshot, a file both have), so every
// figure is checked across them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pendingSnapshot } from '../../testing/catalog-rows.ts';
import type { Catalog, EnvironmentRow, SnapshotFootprint } from '../catalog.ts';
import { createSqliteCatalog } from './index.ts';
import { migrations } from './migrations.ts';

let dir: string;
let catalog: Catalog;
let production: EnvironmentRow;
let staging: EnvironmentRow;

const sites = [
  {
    slug: 'acme-store',
    name: 'Acme',
    environments: (['production', 'staging'] as const).map((name) => ({ name, type: name, services: [] })),
  },
];

async function environments() {
  const [site] = await catalog.listSites();
  return {
    production: (await catalog.findEnvironment(site!.id, 'production'))!,
    staging: (await catalog.findEnvironment(site!.id, 'staging'))!,
  };
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rewind-catalog-storage-'));
  catalog = createSqliteCatalog(path.join(dir, 'catalog.db'));
  await catalog.syncSites(sites);
  ({ production, staging } = await environments());
});
afterEach(async () => {
  await catalog.close();
  await rm(dir, { recursive: true, force: true });
});

const [x, y, z] = ['a', 'b', 'c'].map((c) => c.repeat(64)) as [string, string, string];
const sizes = { [x]: 100, [y]: 20, [z]: 3 };

let minute = 0;
/** A snapshot of the environment that turned ready referring to these contents. */
async function snapshot(env: EnvironmentRow, blobs: string[]): Promise<string> {
  const row = pendingSnapshot(env, new Date(Date.UTC(2026, 0, 1, 0, minute++)));
  await catalog.insertSnapshot(row);
  await catalog.completeSnapshot(row.id, { status: 'ready' }, blobs);
  return row.id;
}

const recordSizes = (bytes: Record<string, number>) =>
  catalog.recordBlobSizes(Object.entries(bytes).map(([sha256, stored_bytes]) => ({ sha256, stored_bytes })));

const footprint = (stored_bytes: number, shared_bytes: number): SnapshotFootprint => ({
  stored_bytes,
  shared_bytes,
});

describe('what snapshots occupy in the store', () => {
  it('counts a content another environment refers to as shared, and keeps it when one side goes', async () => {
    const a = await snapshot(production, [x, y]);
    const b = await snapshot(staging, [y, z]);
    await recordSizes(sizes);

    expect(await catalog.snapshotFootprint(a)).toEqual(footprint(120, 20));
    expect(await catalog.snapshotFootprint(b)).toEqual(footprint(23, 20));
    expect(await catalog.environmentStoreUsage(production.id)).toBe(120);
    expect(await catalog.environmentStoreUsage(staging.id)).toBe(23);
    expect(await catalog.referencedBlobs()).toEqual(new Set([x, y, z]));

    expect(await catalog.deleteSnapshot(a)).toEqual(footprint(120, 20));
    // Staging still refers to y: the sweep keeps it, and it is staging's alone now.
    expect(await catalog.referencedBlobs()).toEqual(new Set([y, z]));
    expect(await catalog.snapshotFootprint(b)).toEqual(footprint(23, 0));
    expect(await catalog.environmentStoreUsage(production.id)).toBe(0);
    expect(await catalog.environmentStoreUsage(staging.id)).toBe(23);

    // The size of x, which no snapshot refers to any more, is forgotten; y's is kept.
    await catalog.forgetUnreferencedBlobSizes();
    const c = await snapshot(production, [x, y]);
    expect(await catalog.blobsOfUnknownSize({ snapshotId: c })).toEqual([x]);
  });

  it('keeps for the sweep exactly the contents the remaining snapshots refer to, whatever their order', async () => {
    // Six contents of sizes 1, 2, 4 … 32, so that every sum names the contents in it.
    const contents = [...'abcdef'].map((c) => c.repeat(64));
    const size = new Map(contents.map((sha, i) => [sha, 2 ** i]));
    await recordSizes(Object.fromEntries(size));
    const sum = (shas: Iterable<string>) => [...new Set(shas)].reduce((n, sha) => n + size.get(sha)!, 0);
    const kept = new Map<string, { env: EnvironmentRow; blobs: Set<string> }>();

    let seed = 17;
    const next = (n: number) => (seed = (seed * 48_271) % 2_147_483_647) % n;
    const pick = () => contents.filter(() => next(2) === 1);
    for (let step = 0; step < 60; step++) {
      const ids = [...kept.keys()];
      const op = ids.length === 0 ? 0 : next(4);
      if (op <= 1) {
        const env = op === 0 ? production : staging;
        const blobs = pick();
        kept.set(await snapshot(env, blobs), { env, blobs: new Set(blobs) });
      } else if (op === 2) {
        const id = ids[next(ids.length)]!;
        const { stored_bytes } = await catalog.deleteSnapshot(id);
        expect(stored_bytes).toBe(sum(kept.get(id)!.blobs));
        kept.delete(id);
      } else {
        // Completed again with more contents (a retry): each one it adds counts once, none twice.
        const id = ids[next(ids.length)]!;
        const more = pick();
        await catalog.completeSnapshot(id, { status: 'ready' }, more);
        for (const sha of more) kept.get(id)!.blobs.add(sha);
      }

      const all = [...kept.values()];
      expect(await catalog.referencedBlobs()).toEqual(new Set(all.flatMap((s) => [...s.blobs])));
      for (const env of [production, staging]) {
        const its = all.filter((s) => s.env === env).flatMap((s) => [...s.blobs]);
        expect(await catalog.environmentStoreUsage(env.id)).toBe(sum(its));
      }
      for (const [id, { blobs }] of kept) {
        const others = [...kept].filter(([other]) => other !== id).flatMap(([, s]) => [...s.blobs]);
        const shared = [...blobs].filter((sha) => others.includes(sha));
        expect(await catalog.snapshotFootprint(id)).toEqual(footprint(sum(blobs), sum(shared)));
      }
    }
  });

  it('answers the same for a catalog written by the previous schema, and keeps counting after', async () => {
    await catalog.close();
    // As Rewind left it at schema 4: references indexed by content too, and each environment's counts.
    const file = path.join(dir, 'previous.db');
    const db = new DatabaseSync(file);
    db.exec(migrations[0]!);
    db.exec(migrations[1]!);
    const at = '2026-01-01T00:00:00.000Z';
    db.exec(
      `INSERT INTO sites (id, slug, name, created_at) VALUES ('site_1', 'acme-store', 'Acme', '${at}')`,
    );
    for (const name of ['production', 'staging']) {
      db.exec(
        `INSERT INTO environments (id, site_id, name, type, created_at)
         VALUES ('env_${name}', 'site_1', '${name}', '${name}', '${at}')`,
      );
    }
    const previous = {
      snap_1: ['production', [x, y]],
      snap_2: ['production', [y]],
      snap_3: ['staging', [y, z]],
    };
    for (const [id, [env, blobs]] of Object.entries(previous) as Array<[string, [string, string[]]]>) {
      db.exec(
        `INSERT INTO snapshots (id, site_id, environment_id, kind, status, created_by, created_at, expires_at)
         VALUES ('${id}', 'site_1', 'env_${env}', 'manual', 'ready', 'admin', '${at}', '${at}')`,
      );
      for (const sha of blobs)
        db.exec(`INSERT INTO blob_refs (snapshot_id, sha256) VALUES ('${id}', '${sha}')`);
    }
    db.exec(migrations[2]!);
    db.exec(migrations[3]!);
    db.exec('PRAGMA user_version = 4');
    db.close();

    catalog = createSqliteCatalog(file);
    ({ production, staging } = await environments());
    await recordSizes(sizes);
    expect(await catalog.snapshotFootprint('snap_1')).toEqual(footprint(120, 20));
    expect(await catalog.snapshotFootprint('snap_3')).toEqual(footprint(23, 20));
    expect(await catalog.environmentStoreUsage(production.id)).toBe(120);
    expect(await catalog.environmentStoreUsage(staging.id)).toBe(23);
    expect(await catalog.referencedBlobs()).toEqual(new Set([x, y, z]));

    expect(await catalog.deleteSnapshot('snap_1')).toEqual(footprint(120, 20));
    const next = await snapshot(staging, [x, z]);
    expect(await catalog.snapshotFootprint(next)).toEqual(footprint(103, 3));
    expect(await catalog.deleteSnapshot('snap_3')).toEqual(footprint(23, 23));
    expect(await catalog.referencedBlobs()).toEqual(new Set([x, y, z]));
    expect(await catalog.environmentStoreUsage(production.id)).toBe(20);
    expect(await catalog.environmentStoreUsage(staging.id)).toBe(103);
    await catalog.deleteSnapshot('snap_2');
    expect(await catalog.referencedBlobs()).toEqual(new Set([x, z]));
  });
});
