// MariaDB/MySQL, against the server on this machine: a round trip restores every row, view, trigger, routine
// and event (tables on one side only included); a capture under writes is one committed state; a restore that
// fails half-way changes nothing; failures say what is wrong without ever showing the password.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { measureService } from '../measure.ts';
import { databaseEnv, harness } from '../testing/db-restore.ts';
import { freshMysql, mysqlAdmin, skipped, uniqueName, withDatabase } from '../testing/db-servers.ts';
import { mysqlState } from '../testing/db-state.ts';
import { makeTempDir } from '../testing/fixtures.ts';
import type { ServiceSpec } from '../types.ts';

const seed = (schema: string) => `
  CREATE TABLE customers (id int AUTO_INCREMENT PRIMARY KEY, email varchar(100) UNIQUE NOT NULL, photo blob, prefs json);
  CREATE TABLE orders (id int AUTO_INCREMENT PRIMARY KEY, customer_id int, total_cents int, note text,
    FOREIGN KEY (customer_id) REFERENCES customers (id));
  CREATE TABLE audit (id int AUTO_INCREMENT PRIMARY KEY, order_id int, what varchar(20));
  CREATE VIEW big_orders AS SELECT id, total_cents FROM orders WHERE total_cents > 5000;
  CREATE VIEW biggest AS SELECT MAX(total_cents) AS top FROM big_orders;
  CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW INSERT INTO audit (order_id, what) VALUES (NEW.id, 'insert');
  CREATE TRIGGER \`${schema}\`.orders_note BEFORE UPDATE ON \`${schema}\`.orders FOR EACH ROW SET NEW.note = CONCAT(NEW.note, '');
  CREATE PROCEDURE order_count(OUT n int) SELECT COUNT(*) INTO n FROM orders;
  CREATE FUNCTION double_it(x int) RETURNS int DETERMINISTIC RETURN x * 2;
  CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM audit WHERE id < 0;
  INSERT INTO customers (email, photo, prefs) VALUES ('ada@example.com', X'00FF10', '{"theme": "dark"}'), ('bøb@example.com', NULL, NULL);
  INSERT INTO orders (customer_id, total_cents, note)
    WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
    SELECT 1 + i % 2, i * 100, CONCAT('order ', i, ' ünïcødé ✓') FROM n;`;

const CHANGE = `
  UPDATE orders SET total_cents = 1 WHERE id < 50;
  DELETE FROM orders WHERE id % 3 = 0;
  DROP TABLE audit;
  CREATE TABLE newcomer (x int);
  INSERT INTO newcomer VALUES (1), (2);
  DROP VIEW biggest;
  CREATE VIEW cheap AS SELECT id FROM orders WHERE total_cents < 10;
  DROP PROCEDURE order_count;
  DROP TRIGGER orders_note;
  CREATE TRIGGER newcomer_guard BEFORE INSERT ON newcomer FOR EACH ROW SET NEW.x = NEW.x + 0;`;

// A password with every character an option file or a URL could trip on.
const PASSWORD = `p#ss w"rd'x\\y@:/%`;

async function exec(schema: string, sql: string): Promise<void> {
  const admin = await mysqlAdmin(schema);
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

const service = (url: string): ServiceSpec => ({ name: 'db', type: 'mysql', selector: 'db', url });

describe.skipIf(skipped('mysql'))('MariaDB/MySQL', () => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let live: Awaited<ReturnType<typeof freshMysql>>;
  let h: ReturnType<typeof harness>;
  let user: string;
  let url: string;

  beforeEach(async () => {
    tmp = await makeTempDir('mysql');
    live = await freshMysql('my');
    await exec(live.name, seed(live.name));
    h = harness(tmp.dir);
    // Rewind connects as a user of its own, whose password needs quoting everywhere it goes.
    user = uniqueName('u').slice(0, 32);
    await live.admin.query('CREATE USER ?@? IDENTIFIED BY ?', [user, '%', PASSWORD]);
    await live.admin.query(`GRANT ALL PRIVILEGES ON *.* TO ?@?`, [user, '%']);
    url = withDatabase(live.url, live.name, { user, password: PASSWORD });
  });
  afterEach(async () => {
    await live.admin.query('DROP USER IF EXISTS ?@?', [user, '%']);
    await live.drop();
    await tmp.cleanup();
  });

  it('restores every row, view, trigger, routine and event, with tables on one side only', async () => {
    const env = databaseEnv(service(url));
    const captured = await mysqlState(live.url);
    const manifest = await h.capture(env);
    expect(manifest.services[0]).toMatchObject({ type: 'mysql', dump: { ext: 'sql' } });
    expect(manifest.services[0]!.server_version).toMatch(/^(MariaDB|MySQL) \d+/);
    await exec(live.name, CHANGE);
    expect(await mysqlState(live.url)).not.toEqual(captured);

    let journal = '';
    await h.restore(manifest, env, {
      beforeSwap: async () => {
        journal = readFileSync(path.join(h.journalDir, h.journals()[0]!), 'utf8');
      },
    });
    expect(await mysqlState(live.url)).toEqual(captured);
    expect(await live.siblings()).toEqual([live.name]);
    expect(h.journals()).toEqual([]);
    for (const text of [JSON.stringify(manifest), journal]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('mysql://');
    }
    // The restored trigger fires on the restored tables.
    await exec(live.name, 'INSERT INTO orders (customer_id, total_cents) VALUES (1, 5)');
    expect((await mysqlState(live.url))['table audit']).toMatchObject({ rows: expect.arrayContaining([]) });
    expect(((await mysqlState(live.url))['table audit'] as { rows: string[] }).rows).toHaveLength(201);
  });

  it('restores into a schema that does not exist yet', async () => {
    const manifest = await h.capture(databaseEnv(service(url)));
    const name = uniqueName('fresh');
    const target = databaseEnv(service(withDatabase(url, name)), 'preview');
    try {
      await h.restore(manifest, target);
      expect(await mysqlState(withDatabase(live.url, name))).toEqual(await mysqlState(live.url));
    } finally {
      await live.admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    }
  });

  it('captures one committed state while another connection keeps writing', async () => {
    await exec(
      live.name,
      'CREATE TABLE ledger (id int AUTO_INCREMENT PRIMARY KEY, amount int); CREATE TABLE totals (n int, total bigint); INSERT INTO totals VALUES (0, 0);',
    );
    const writer = await mysqlAdmin(live.name);
    let writing = true;
    let written = 0;
    const writes = (async () => {
      while (writing) {
        const amount = 1 + (written % 7);
        await writer.query(
          `START TRANSACTION; INSERT INTO ledger (amount) VALUES (${amount}); UPDATE totals SET n = n + 1, total = total + ${amount}; COMMIT;`,
        );
        written++;
      }
    })();
    try {
      while (written < 50) await new Promise((resolve) => setTimeout(resolve, 5));
      const manifest = await h.capture(databaseEnv(service(url)));
      const before = written;
      while (written < before + 20) await new Promise((resolve) => setTimeout(resolve, 5));
      writing = false;
      await writes;

      const copy = await freshMysql('mycopy');
      try {
        await h.restore(manifest, databaseEnv(service(withDatabase(url, copy.name)), 'staging'));
        const state = await mysqlState(copy.url);
        const totals = JSON.parse((state['table totals'] as { rows: string[] }).rows[0]!) as {
          n: number;
          total: string;
        };
        const ledger = (state['table ledger'] as { rows: string[] }).rows.map(
          (r) => JSON.parse(r) as { amount: number },
        );
        expect(ledger).toHaveLength(totals.n);
        expect(ledger.reduce((sum, row) => sum + row.amount, 0)).toBe(Number(totals.total));
        expect(totals.n).toBeGreaterThanOrEqual(50);
        expect(totals.n).toBeLessThan(written);
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
    ['broken by a bad statement in the middle', 'restore_failed'],
    ['damaged in the store (its checksum does not match)', 'corrupt_snapshot'],
  ])('leaves the live schema as it was when the dump is %s', async (kind, code) => {
    const env = databaseEnv(service(url));
    const good = await h.capture(env);
    await exec(live.name, CHANGE);
    const changed = await mysqlState(live.url);
    let manifest = good;
    const dump = h.dumpOf(good);
    if (kind.startsWith('cut')) {
      // Cut at a line end, so what is loaded is valid SQL: only the count of tables shows it is short.
      const cut = dump.subarray(0, dump.indexOf('\n', Math.floor(dump.length * 0.5)) + 1);
      manifest = await h.withDump(good, cut);
    } else if (kind.startsWith('broken')) {
      const at = dump.indexOf('CREATE TABLE `orders`');
      manifest = await h.withDump(
        good,
        Buffer.concat([dump.subarray(0, at), Buffer.from('THIS IS NOT SQL;\n'), dump.subarray(at)]),
      );
    } else h.damageDump(good);

    await expect(h.restore(manifest, env)).rejects.toMatchObject({ code });
    expect(await mysqlState(live.url)).toEqual(changed);
    expect(await live.siblings()).toEqual([live.name]);
    expect(h.journals()).toEqual([]);
  });

  it('names the missing tool and how to install it', async () => {
    const env = databaseEnv(service(url));
    const manifest = await h.capture(env);
    const pathBefore = process.env.PATH;
    process.env.PATH = tmp.dir;
    try {
      await expect(h.capture(env, 'snap_B')).rejects.toMatchObject({
        code: 'tool_missing',
        message: expect.stringMatching(/mariadb-dump or mysqldump.*apt-get install mariadb-client/),
      });
      await expect(h.restore(manifest, env)).rejects.toMatchObject({ code: 'tool_missing' });
    } finally {
      process.env.PATH = pathBefore;
    }
  });

  it('says which server refused, and what to check, without the password', async () => {
    const wrong = service(withDatabase(live.url, live.name, { user, password: `${PASSWORD}-wrong` }));
    const error = (await h.capture(databaseEnv(wrong)).catch((e: unknown) => e)) as Error & { code: string };
    expect(error.code).toBe('service_unreachable');
    expect(error.message).toContain(`database "${live.name}", user "${user}"`);
    expect(error.message).not.toContain(PASSWORD);

    const closed = service(`mysql://app:${encodeURIComponent(PASSWORD)}@127.0.0.1:1/shop`);
    const unreachable = (await h.capture(databaseEnv(closed)).catch((e: unknown) => e)) as Error & {
      code: string;
    };
    expect(unreachable.code).toBe('service_unreachable');
    expect(unreachable.message).toContain('127.0.0.1:1, database "shop"');
    expect(unreachable.message).not.toContain(PASSWORD);
  });

  it('measures the schema on the server', async () => {
    expect(await measureService(service(url))).toBeGreaterThan(10_000);
    expect(await measureService(service('mysql://root@127.0.0.1:1/x'))).toBeNull();
  });
});
