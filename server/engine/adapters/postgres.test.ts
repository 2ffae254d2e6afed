// PostgreSQL, against the server on this machine: a round trip restores every row, view, function and
// trigger; a capture under writes is one committed state; a restore that fails half-way changes nothing; and
// failures say what is wrong without ever showing the password.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { measureService } from '../measure.ts';
import { databaseEnv, harness } from '../testing/db-restore.ts';
import { freshPostgres, skipped } from '../testing/db-servers.ts';
import { postgresState } from '../testing/db-state.ts';
import { makeTempDir } from '../testing/fixtures.ts';
import type { ServiceSpec } from '../types.ts';

const SEED = `
  CREATE TABLE customers (id serial PRIMARY KEY, email text UNIQUE NOT NULL, photo bytea, prefs jsonb);
  CREATE TABLE orders (id serial PRIMARY KEY, customer_id int REFERENCES customers(id), total_cents int, note text);
  CREATE TABLE audit (id serial PRIMARY KEY, order_id int, what text);
  CREATE INDEX orders_by_customer ON orders (customer_id);
  CREATE VIEW big_orders AS SELECT id, total_cents FROM orders WHERE total_cents > 5000;
  CREATE FUNCTION log_order() RETURNS trigger LANGUAGE plpgsql AS
    $$ BEGIN INSERT INTO audit (order_id, what) VALUES (NEW.id, 'insert'); RETURN NEW; END $$;
  CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION log_order();
  INSERT INTO customers (email, photo, prefs) VALUES
    ('ada@example.com', '\\x00ff10'::bytea, '{"theme": "dark"}'), ('bøb@example.com', NULL, NULL);
  INSERT INTO orders (customer_id, total_cents, note)
    SELECT 1 + i % 2, i * 100, 'order ' || i || ' ünïcødé ✓' FROM generate_series(1, 200) i;`;

const CHANGE = `
  UPDATE orders SET total_cents = 1 WHERE id < 50;
  DELETE FROM orders WHERE id % 3 = 0;
  DROP TABLE audit CASCADE;
  CREATE TABLE newcomer (x int);
  INSERT INTO newcomer VALUES (1), (2);`;

async function exec(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const service = (url: string): ServiceSpec => ({ name: 'db', type: 'postgres', selector: 'db', url });
const PASSWORD = 'sekrit-Pa55word';
/** Trust authentication ignores the password, so a URL can carry one that must never show anywhere. */
const withPassword = (url: string) => url.replace('postgres://postgres@', `postgres://postgres:${PASSWORD}@`);

describe.skipIf(skipped('postgres'))('PostgreSQL', () => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let live: Awaited<ReturnType<typeof freshPostgres>>;
  let h: ReturnType<typeof harness>;

  beforeEach(async () => {
    tmp = await makeTempDir('postgres');
    live = await freshPostgres('pg');
    await exec(live.url, SEED);
    h = harness(tmp.dir);
  });
  afterEach(async () => {
    await live.drop();
    await tmp.cleanup();
  });

  it('restores every row, view, function and trigger, ending sessions on the old database', async () => {
    const env = databaseEnv(service(withPassword(live.url)));
    const captured = await postgresState(live.url);
    const manifest = await h.capture(env);
    expect(manifest.services[0]).toMatchObject({ type: 'postgres', dump: { ext: 'pgdump' } });
    expect(manifest.services[0]!.server_version).toMatch(/^PostgreSQL \d+/);
    await exec(live.url, CHANGE);
    expect(await postgresState(live.url)).not.toEqual(captured);

    const session = new pg.Client({ connectionString: live.url });
    session.on('error', () => {});
    await session.connect();
    let journal = '';
    await h.restore(manifest, env, {
      beforeSwap: async () => {
        journal = readFileSync(path.join(h.journalDir, h.journals()[0]!), 'utf8');
      },
    });

    expect(await postgresState(live.url)).toEqual(captured);
    await expect(session.query('SELECT 1')).rejects.toThrow(); // its session was ended for the swap
    expect(await live.siblings()).toEqual([live.name]); // the old and staged databases are gone
    expect(h.journals()).toEqual([]);
    for (const text of [JSON.stringify(manifest), journal]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('postgres://');
    }
    // The restored database works like the old one: its trigger fires.
    await exec(live.url, 'INSERT INTO orders (customer_id, total_cents) VALUES (1, 5)');
    expect((await postgresState(live.url))['table audit']).toHaveLength(201);
  });

  it('restores into a database that does not exist yet', async () => {
    const manifest = await h.capture(databaseEnv(service(live.url)));
    const target = live.url.replace(live.name, `${live.name}_new`); // dropped with the live one's siblings
    await h.restore(manifest, databaseEnv(service(target), 'preview'));
    expect(await postgresState(target)).toEqual(await postgresState(live.url));
    expect(await live.siblings()).toEqual([live.name, `${live.name}_new`]);
  });

  it('captures one committed state while another connection keeps writing', async () => {
    await exec(
      live.url,
      'CREATE TABLE ledger (id serial PRIMARY KEY, amount int); CREATE TABLE totals (n int, total bigint); INSERT INTO totals VALUES (0, 0);',
    );
    const writer = new pg.Client({ connectionString: live.url });
    await writer.connect();
    let writing = true;
    let written = 0;
    const writes = (async () => {
      while (writing) {
        const amount = 1 + (written % 7);
        await writer.query(
          `BEGIN; INSERT INTO ledger (amount) VALUES (${amount}); UPDATE totals SET n = n + 1, total = total + ${amount}; COMMIT;`,
        );
        written++;
      }
    })();
    try {
      while (written < 50) await new Promise((resolve) => setTimeout(resolve, 5));
      const manifest = await h.capture(databaseEnv(service(live.url)));
      const before = written;
      while (written < before + 20) await new Promise((resolve) => setTimeout(resolve, 5));
      writing = false;
      await writes;

      const copy = await freshPostgres('pgcopy');
      try {
        await h.restore(manifest, databaseEnv(service(copy.url), 'staging'));
        const state = await postgresState(copy.url);
        const [totals] = state['table totals'] as string[];
        const { n, total } = JSON.parse(totals!) as { n: number; total: number };
        const ledger = (state['table ledger'] as string[]).map(
          (row) => JSON.parse(row) as { amount: number },
        );
        expect(ledger).toHaveLength(n); // one committed state: the ledger and its totals agree
        expect(ledger.reduce((sum, row) => sum + row.amount, 0)).toBe(total);
        expect(n).toBeGreaterThanOrEqual(50);
        expect(n).toBeLessThan(written);
      } finally {
        await copy.drop();
      }
    } finally {
      writing = false;
      await writes.catch(() => {});
      await writer.end();
    }
  });

  it.each([
    ['cut off half-way (its checksum matches)', 'restore_failed'],
    ['damaged in the store (its checksum does not match)', 'corrupt_snapshot'],
  ])('leaves the live database as it was when the dump is %s', async (kind, code) => {
    const env = databaseEnv(service(live.url));
    const good = await h.capture(env);
    await exec(live.url, CHANGE);
    const changed = await postgresState(live.url);
    let manifest = good;
    if (kind.startsWith('cut')) {
      const dump = h.dumpOf(good);
      manifest = await h.withDump(good, dump.subarray(0, Math.floor(dump.length * 0.6)));
    } else h.damageDump(good);

    await expect(h.restore(manifest, env)).rejects.toMatchObject({ code });
    expect(await postgresState(live.url)).toEqual(changed);
    expect(await live.siblings()).toEqual([live.name]);
    expect(h.journals()).toEqual([]);
  });

  it('names the missing tool and how to install it', async () => {
    const env = databaseEnv(service(live.url));
    const manifest = await h.capture(env);
    const pathBefore = process.env.PATH;
    process.env.PATH = tmp.dir;
    try {
      await expect(h.capture(env, 'snap_B')).rejects.toMatchObject({
        code: 'tool_missing',
        message: expect.stringMatching(/needs pg_dump.*apt-get install postgresql-client/),
      });
      await expect(h.restore(manifest, env)).rejects.toMatchObject({
        code: 'tool_missing',
        message: expect.stringContaining('pg_restore'),
      });
    } finally {
      process.env.PATH = pathBefore;
    }
  });

  it('says which server refused, and what to check, without the password', async () => {
    const unreachable = service(`postgres://app:${PASSWORD}@127.0.0.1:1/shop`);
    const error = (await h.capture(databaseEnv(unreachable)).catch((e: unknown) => e)) as Error & {
      code: string;
    };
    expect(error.code).toBe('service_unreachable');
    expect(error.message).toContain('127.0.0.1:1, database "shop", user "app"');
    expect(error.message).toMatch(/Check that the server is running/);
    expect(error.message).not.toContain(PASSWORD);

    const missing = service(withPassword(live.url).replace(live.name, 'no_such_database'));
    const refused = (await h.capture(databaseEnv(missing)).catch((e: unknown) => e)) as Error & {
      code: string;
    };
    expect(refused.code).toBe('service_unreachable');
    expect(refused.message).toContain('database "no_such_database"');
    expect(refused.message).not.toContain(PASSWORD);
    expect(readdirSync(tmp.dir)).not.toContain('journals');
  });

  it('measures the database on the server', async () => {
    expect(await measureService(service(live.url))).toBeGreaterThan(1_000_000);
    expect(await measureService(service('postgres://postgres@127.0.0.1:1/x'))).toBeNull();
  });
});
