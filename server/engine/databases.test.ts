// Whole environments with database servers, through the engine's own entry points: MariaDB + Redis + files,
// and PostgreSQL + files. Snapshot, restore the databases only, the files only, both; download the archive.
import { createGunzip } from 'node:zlib';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DatabaseSync } from 'node:sqlite';
import { extract } from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStore } from '../store/local-store.ts';
import type { SnapshotStore } from '../store/snapshot-store.ts';
import { createArchive } from './archive.ts';
import { captureSnapshot } from './capture.ts';
import { restoreSnapshot } from './restore.ts';
import { freshMysql, freshPostgres, freshRedis, mysqlAdmin, skipped } from './testing/db-servers.ts';
import { mysqlState, postgresState, redisState, withoutTtls } from './testing/db-state.ts';
import { writeFileSync } from 'node:fs';
import {
  createEnvironment,
  environmentSpec,
  fingerprintTree,
  makeTempDir,
  uploadsPath,
} from './testing/fixtures.ts';
import type { EnvironmentSpec, Manifest, Selector } from './types.ts';
import pg from 'pg';

let tmp: { dir: string; cleanup: () => Promise<void> };
let store: SnapshotStore;
let files: EnvironmentSpec;
let sqliteWriter: DatabaseSync;

beforeEach(async () => {
  tmp = await makeTempDir('databases');
  store = createLocalStore(path.join(tmp.dir, 'store'));
  files = environmentSpec(tmp.dir);
  sqliteWriter = createEnvironment(files); // only its uploads mount is used here
  sqliteWriter.close();
});
afterEach(() => tmp.cleanup());

const uploads = () => files.services.find((s) => s.type === 'files')!;
let changes = 0;
/** A new upload and a changed one, different each time. */
function changeFiles(): void {
  changes++;
  writeFileSync(path.join(uploadsPath(files), `upload ${changes}.txt`), `upload ${changes}`);
  writeFileSync(path.join(uploadsPath(files), 'products', 'catalog.csv'), `sku,name\nMUG-${changes},Mug\n`);
}
const tree = () => fingerprintTree(uploadsPath(files))!.entries;

async function capture(env: EnvironmentSpec, snapshotId: string): Promise<Manifest> {
  const result = await captureSnapshot({
    snapshotId,
    createdAt: '2025-06-01T12:00:00.000Z',
    env,
    store,
    workDir: path.join(tmp.dir, 'work'),
  });
  return result.manifest;
}

async function restore(manifest: Manifest, env: EnvironmentSpec, selectors: Selector[], jobId: string) {
  await restoreSnapshot({
    jobId,
    manifest,
    target: env,
    selectors,
    store,
    journalDir: path.join(tmp.dir, 'journals'),
    beforeSwap: async () => {},
  });
}

async function archiveEntries(manifest: Manifest): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  const untar = extract();
  untar.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    stream.on('end', () => {
      entries.set(header.name, Buffer.concat(chunks));
      next();
    });
  });
  await pipeline(createArchive({ manifest, store, selectors: ['db', 'files'] }), createGunzip(), untar);
  return entries;
}

describe.skipIf(skipped('mysql') || skipped('redis'))('an environment of MariaDB, Redis and files', () => {
  it('is snapshotted, restored in part and whole, and downloaded', async () => {
    const db = await freshMysql('env');
    const cache = await freshRedis(11);
    try {
      const admin = await mysqlAdmin(db.name);
      await admin.query(
        "CREATE TABLE products (id int PRIMARY KEY, name text); INSERT INTO products VALUES (1, 'Mug'), (2, 'T-shirt');",
      );
      await cache.client.set('cart:ada', 'mug');
      await cache.client.set('session:ada', 'in', { PX: 600_000 });
      const env: EnvironmentSpec = {
        site: 'acme-store',
        name: 'production',
        services: [
          { name: 'db', type: 'mysql', selector: 'db', url: db.url },
          { name: 'cache', type: 'redis', selector: 'db', url: cache.url },
          uploads(),
        ],
      };
      const captured = {
        db: await mysqlState(db.url),
        cache: withoutTtls(await redisState(cache.url)),
        files: tree(),
      };
      const manifest = await capture(env, 'snap_A');
      expect(manifest.services.map((s) => [s.name, s.dump?.ext ?? 'tree'])).toEqual([
        ['db', 'sql'],
        ['cache', 'redis.jsonl'],
        ['uploads', 'tree'],
      ]);

      const change = async () => {
        await admin.query(
          "UPDATE products SET name = 'Big mug' WHERE id = 1; CREATE TABLE IF NOT EXISTS extra (x int);",
        );
        await cache.client.set('cart:ada', 'nothing');
        await cache.client.set('cart:eve', 'tee');
        changeFiles();
      };
      const now = async () => ({
        db: await mysqlState(db.url),
        cache: withoutTtls(await redisState(cache.url)),
        files: tree(),
      });

      await change();
      const changed = await now();
      await restore(manifest, env, ['db'], 'job_env_1');
      expect(await now()).toEqual({ ...changed, db: captured.db, cache: captured.cache });

      await change();
      const changedAgain = await now();
      await restore(manifest, env, ['files'], 'job_env_2');
      expect(await now()).toEqual({ ...changedAgain, files: captured.files });

      await change();
      await restore(manifest, env, ['db', 'files'], 'job_env_3');
      expect(await now()).toEqual(captured);
      expect(await db.siblings()).toEqual([db.name]);
      expect(await cache.markers('job_env_3')).toEqual([]);

      const entries = await archiveEntries(manifest);
      expect(entries.get('db/db.sql')!.toString()).toContain('Dump completed');
      expect(entries.get('db/cache.redis.jsonl')!.toString()).toContain('rewind-redis-keys');
      expect([...entries.keys()].some((name) => name.startsWith('files/uploads/'))).toBe(true);
      expect(entries.get('manifest.json')!.toString()).not.toMatch(/mysql:\/\/|redis:\/\//);
      await admin.end();
    } finally {
      await db.drop();
      await cache.drop();
    }
  });
});

describe.skipIf(skipped('postgres'))('an environment of PostgreSQL and files', () => {
  it('is snapshotted, restored in part and whole, and downloaded', async () => {
    const db = await freshPostgres('env');
    const client = new pg.Client({ connectionString: db.url });
    client.on('error', () => {}); // the restore ends its session
    await client.connect();
    try {
      await client.query(
        "CREATE TABLE products (id int PRIMARY KEY, name text); INSERT INTO products VALUES (1, 'Mug'), (2, 'T-shirt');",
      );
      const env: EnvironmentSpec = {
        site: 'acme-store',
        name: 'production',
        services: [{ name: 'db', type: 'postgres', selector: 'db', url: db.url }, uploads()],
      };
      const now = async () => ({ db: await postgresState(db.url), files: tree() });
      const captured = await now();
      const manifest = await capture(env, 'snap_A');
      const change = async () => {
        const c = new pg.Client({ connectionString: db.url }); // the restore ended the earlier sessions
        await c.connect();
        await c.query(
          "UPDATE products SET name = 'Big mug' WHERE id = 1; CREATE TABLE IF NOT EXISTS extra (x int);",
        );
        await c.end();
        changeFiles();
      };

      await change();
      const changed = await now();
      await restore(manifest, env, ['db'], 'job_env_1');
      expect(await now()).toEqual({ ...changed, db: captured.db });

      await change();
      const changedAgain = await now();
      await restore(manifest, env, ['files'], 'job_env_2');
      expect(await now()).toEqual({ ...changedAgain, files: captured.files });

      await change();
      await restore(manifest, env, ['db', 'files'], 'job_env_3');
      expect(await now()).toEqual(captured);
      expect(await db.siblings()).toEqual([db.name]);

      const entries = await archiveEntries(manifest);
      expect(entries.get('db/db.pgdump')!.subarray(0, 5).toString()).toBe('PGDMP'); // custom format
      expect([...entries.keys()].some((name) => name.startsWith('files/uploads/'))).toBe(true);
    } finally {
      await client.end().catch(() => {});
      await db.drop();
    }
  });
});
