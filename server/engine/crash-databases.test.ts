// Real kills inside database swaps: a restore of a database server and a files mount runs in its own process
// and SIGKILLs itself at a failpoint, then start-up recovery runs (given the environment's services, since a
// journal holds no connection URL). Before the commit point everything must be entirely old, after it entirely
// new, with no staged or old database, schema or spare Redis data left behind.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStore } from '../store/local-store.ts';
import { captureSnapshot } from './capture.ts';
import { recoverInterruptedSwaps } from './recovery.ts';
import { freshMysql, freshPostgres, freshRedis, mysqlAdmin, skipped } from './testing/db-servers.ts';
import { mysqlState, postgresState, redisState, withoutTtls } from './testing/db-state.ts';
import {
  createEnvironment,
  environmentSpec,
  fingerprintTree,
  makeTempDir,
  nodeBin,
  uploadsPath,
} from './testing/fixtures.ts';
import type { EnvironmentSpec, ServiceSpec } from './types.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
let files: EnvironmentSpec;

beforeEach(async () => {
  tmp = await makeTempDir('crash-db');
  files = environmentSpec(tmp.dir);
  createEnvironment(files).close();
});
afterEach(() => tmp.cleanup());

interface Database {
  service: ServiceSpec;
  state(): Promise<unknown>;
  change(): Promise<void>;
  leftovers(jobId: string): Promise<string[]>;
  drop(): Promise<void>;
}

/** Snapshot, change, restore in a child killed at `failpoint`, recover; returns the states to compare. */
async function crashAndRecover(db: Database, failpoint: string) {
  const env: EnvironmentSpec = {
    site: 'acme-store',
    name: 'production',
    services: [db.service, files.services.find((s) => s.type === 'files')!],
  };
  const state = async () => ({ db: await db.state(), files: fingerprintTree(uploadsPath(env))!.entries });
  const storeRoot = path.join(tmp.dir, 'store');
  await captureSnapshot({
    snapshotId: 'snap_A',
    createdAt: '',
    env,
    store: createLocalStore(storeRoot),
    workDir: path.join(tmp.dir, 'w'),
  });
  const captured = await state();
  await db.change();
  writeFileSync(path.join(uploadsPath(env), 'after the snapshot.txt'), 'new');
  const changed = await state();

  const journalDir = path.join(tmp.dir, 'journals');
  const args = {
    storeRoot,
    snapshotId: 'snap_A',
    target: env,
    selectors: ['db', 'files'],
    journalDir,
    jobId: 'job_crash_1',
  };
  const child = spawnSync(
    nodeBin,
    [path.join(import.meta.dirname, 'testing', 'restore-child.ts'), JSON.stringify(args)],
    {
      env: { ...process.env, REWIND_FAILPOINTS: failpoint },
      encoding: 'utf8',
    },
  );
  expect(child.signal, child.stderr).toBe('SIGKILL');
  expect(readdirSync(journalDir)).toEqual(['job_crash_1.json']);

  // Without the environment's services, recovery cannot reach the server: it keeps the journal, and says so
  // when the swap had begun (nothing live was touched before it).
  const blind = recoverInterruptedSwaps(journalDir);
  if (failpoint === 'restore:after-staging') expect(await blind).toEqual([]);
  else await expect(blind).rejects.toMatchObject({ code: 'recovery_blocked' });
  expect(readdirSync(journalDir)).toEqual(['job_crash_1.json']);
  const resolveService = ({ name, type }: { name: string; type: string }) =>
    env.services.find((s) => s.name === name && s.type === type) ?? null;
  const outcome = await recoverInterruptedSwaps(journalDir, { resolveService });
  expect(readdirSync(journalDir)).toEqual([]);
  expect(await db.leftovers('job_crash_1')).toEqual([]);
  return { outcome: outcome[0]!.outcome, now: await state(), captured, changed };
}

async function pgDatabase(): Promise<Database> {
  const fresh = await freshPostgres('crash');
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: fresh.url });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await run(
    "CREATE TABLE products (id int PRIMARY KEY, name text); INSERT INTO products VALUES (1, 'Mug'), (2, 'Tee');",
  );
  return {
    service: { name: 'db', type: 'postgres', selector: 'db', url: fresh.url },
    state: () => postgresState(fresh.url), // connecting at all shows the database takes connections again
    change: () =>
      run("UPDATE products SET name = 'Big mug'; CREATE TABLE extra (x int); DROP TABLE products;"),
    leftovers: async () => (await fresh.siblings()).filter((name) => name !== fresh.name),
    drop: () => fresh.drop(),
  };
}

async function mysqlDatabase(): Promise<Database> {
  const fresh = await freshMysql('crash');
  const run = async (sql: string) => {
    const admin = await mysqlAdmin(fresh.name);
    await admin.query(sql);
    await admin.end();
  };
  await run(`CREATE TABLE products (id int PRIMARY KEY, name text); CREATE TABLE log (what text);
    CREATE TRIGGER products_log AFTER UPDATE ON products FOR EACH ROW INSERT INTO log VALUES (NEW.name);
    CREATE VIEW names AS SELECT name FROM products; INSERT INTO products VALUES (1, 'Mug'), (2, 'Tee');`);
  return {
    service: { name: 'db', type: 'mysql', selector: 'db', url: fresh.url },
    state: () => mysqlState(fresh.url),
    change: () =>
      run(`UPDATE products SET name = 'Big mug'; CREATE TABLE extra (x int); DROP VIEW names;
        CREATE TRIGGER extra_guard BEFORE INSERT ON extra FOR EACH ROW SET NEW.x = NEW.x;`),
    leftovers: async () => (await fresh.siblings()).filter((name) => name !== fresh.name),
    drop: () => fresh.drop(),
  };
}

async function redisDatabase(): Promise<Database> {
  const fresh = await freshRedis(12);
  await fresh.client.set('cart:ada', 'mug');
  await fresh.client.hSet('user:1', { name: 'Ada' });
  return {
    service: { name: 'cache', type: 'redis', selector: 'db', url: fresh.url },
    state: async () => withoutTtls(await redisState(fresh.url)),
    change: async () => {
      await fresh.client.set('cart:ada', 'nothing');
      await fresh.client.set('cart:eve', 'tee');
    },
    leftovers: (jobId) => fresh.markers(jobId),
    drop: () => fresh.drop(),
  };
}

const cases = [
  {
    server: 'postgres',
    make: pgDatabase,
    failpoint: 'restore:after-staging',
    outcome: 'cleaned',
    ends: 'old',
  },
  {
    server: 'postgres',
    make: pgDatabase,
    failpoint: 'restore:postgres-sessions-ended',
    outcome: 'rolled_back',
    ends: 'old',
  },
  {
    server: 'postgres',
    make: pgDatabase,
    failpoint: 'restore:after-first-service',
    outcome: 'rolled_back',
    ends: 'old',
  },
  {
    server: 'postgres',
    make: pgDatabase,
    failpoint: 'restore:after-commit',
    outcome: 'rolled_forward',
    ends: 'new',
  },
  {
    server: 'mysql',
    make: mysqlDatabase,
    failpoint: 'restore:mysql-triggers-dropped',
    outcome: 'rolled_back',
    ends: 'old',
  },
  {
    server: 'mysql',
    make: mysqlDatabase,
    failpoint: 'restore:mysql-tables-renamed',
    outcome: 'rolled_back',
    ends: 'old',
  },
  {
    server: 'mysql',
    make: mysqlDatabase,
    failpoint: 'restore:before-commit',
    outcome: 'rolled_back',
    ends: 'old',
  },
  {
    server: 'mysql',
    make: mysqlDatabase,
    failpoint: 'restore:after-commit',
    outcome: 'rolled_forward',
    ends: 'new',
  },
  {
    server: 'redis',
    make: redisDatabase,
    failpoint: 'restore:after-first-service',
    outcome: 'rolled_back',
    ends: 'old',
  },
  {
    server: 'redis',
    make: redisDatabase,
    failpoint: 'restore:after-commit',
    outcome: 'rolled_forward',
    ends: 'new',
  },
] as const;

for (const server of ['postgres', 'mysql', 'redis'] as const) {
  describe.skipIf(skipped(server))(`a restore of ${server} killed at an instant`, () => {
    it.each(cases.filter((c) => c.server === server))(
      '$failpoint: recovery leaves the environment entirely $ends',
      async (testCase) => {
        const db = await testCase.make();
        try {
          const { outcome, now, captured, changed } = await crashAndRecover(db, testCase.failpoint);
          expect(outcome).toBe(testCase.outcome);
          expect(now).toEqual(testCase.ends === 'old' ? changed : captured);
        } finally {
          await db.drop();
        }
      },
    );
  });
}
