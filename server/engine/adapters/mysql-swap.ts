// The MariaDB/MySQL swap. MariaDB cannot rename a schema, but one RENAME TABLE statement moving every table
// of the live schema into the old one and every table of the staged schema into the live one is atomic
// (crash-safe too, on MariaDB ≥ 10.6 and MySQL 8): other sessions see all of it or none. Tables that exist on
// one side only simply move. Around it:
//   before  triggers are dropped from both schemas (a table with triggers cannot change schema)
//   after   the live schema's views, triggers, routines and events are made those of the snapshot
// All of them are recorded in the journal first, so recovery can put either set back. Whether the tables were
// swapped is decided by where the tables are, as the file swap decides by which paths exist.
import { failpoint } from '../../platform/failpoints.ts';
import type { JournalService } from '../journal.ts';
import type { ServiceSwap } from '../swap.ts';
import type { ServiceSpec } from '../types.ts';
import { parseConnection } from './connection.ts';
import { baseTables, ident, myConnect, schemaExists, withMy, type MySession } from './mysql-client.ts';
import { convergeObjects, dropTriggers, readObjects, type SchemaObject } from './mysql-objects.ts';

interface MysqlDetail {
  live_tables: string[];
  staged_tables: string[];
  live_objects: SchemaObject[];
  staged_objects: SchemaObject[];
}

const detailOf = (s: JournalService) => s.detail as unknown as MysqlDetail;

// A swap waits this long for transactions that hold the tables, instead of stalling the application behind it.
const LOCK_WAIT_SECONDS = 60;

async function charsetOf(db: MySession, schema: string): Promise<string> {
  const [row] = await db.query<{ charset: string; collation: string }>(
    'SELECT DEFAULT_CHARACTER_SET_NAME AS charset, DEFAULT_COLLATION_NAME AS collation ' +
      'FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
    [schema],
    `read the character set of "${schema}"`,
  );
  return row ? ` CHARACTER SET ${row.charset} COLLATE ${row.collation}` : '';
}

/** Moves tables between schemas in one atomic statement. */
async function moveTables(db: MySession, moves: Array<[string, string]>, to: Array<string>): Promise<void> {
  const parts = moves.map(
    ([from, table], i) => `${ident(from)}.${ident(table)} TO ${ident(to[i]!)}.${ident(table)}`,
  );
  if (parts.length === 0) return;
  await db.query(`RENAME TABLE ${parts.join(', ')}`, [], 'swap the tables (RENAME TABLE)');
}

async function tablesOf(db: MySession, schema: string): Promise<string[]> {
  return (await schemaExists(db, schema)) ? baseTables(db, schema) : [];
}

/** Whether the staged tables went live: the old tables are aside, or (nothing was live) the staged ones left. */
async function swappedIn(db: MySession, s: JournalService): Promise<boolean> {
  if ((await tablesOf(db, s.old)).length > 0) return true;
  const detail = detailOf(s);
  if (detail.live_tables.length > 0) return false;
  return detail.staged_tables.length > 0 && (await tablesOf(db, s.staged)).length === 0;
}

export function mysqlSwap(service: ServiceSpec): ServiceSwap {
  const connection = parseConnection(service);
  const open = async () => {
    const db = await myConnect(service, connection, null);
    await db.query(`SET SESSION lock_wait_timeout = ${LOCK_WAIT_SECONDS}`, [], 'set lock_wait_timeout');
    return db;
  };

  return {
    prepare: (s) =>
      withMy(open(), async (db) => {
        const hadLive = await schemaExists(db, s.live);
        const detail: MysqlDetail = {
          live_tables: hadLive ? await baseTables(db, s.live) : [],
          staged_tables: await baseTables(db, s.staged),
          live_objects: hadLive ? await readObjects(db, s.live) : [],
          staged_objects: await readObjects(db, s.staged),
        };
        return { ...s, had_live: hadLive, detail: detail as unknown as Record<string, unknown> };
      }),

    swap: (s, between) =>
      withMy(open(), async (db) => {
        if (!s.had_live) {
          await db.query(
            `CREATE DATABASE IF NOT EXISTS ${ident(s.live)}${await charsetOf(db, s.staged)}`,
            [],
            'create the live schema',
          );
        }
        await db.query(
          `CREATE DATABASE IF NOT EXISTS ${ident(s.old)}${await charsetOf(db, s.live)}`,
          [],
          'create a schema for the old tables',
        );
        await dropTriggers(db, s.live);
        await dropTriggers(db, s.staged);
        failpoint('restore:mysql-triggers-dropped');
        const live = await baseTables(db, s.live);
        const staged = await baseTables(db, s.staged);
        await moveTables(
          db,
          [
            ...live.map((t): [string, string] => [s.live, t]),
            ...staged.map((t): [string, string] => [s.staged, t]),
          ],
          [...live.map(() => s.old), ...staged.map(() => s.live)],
        );
        between();
        failpoint('restore:mysql-tables-renamed');
        await convergeObjects(db, s.live, detailOf(s).staged_objects);
      }),

    rollBack: (s) =>
      withMy(open(), async (db) => {
        if (await swappedIn(db, s)) {
          await dropTriggers(db, s.live);
          await db.query(`CREATE DATABASE IF NOT EXISTS ${ident(s.staged)}`, [], 'create the staged schema');
          const live = await baseTables(db, s.live);
          const old = await tablesOf(db, s.old);
          await moveTables(
            db,
            [
              ...live.map((t): [string, string] => [s.live, t]),
              ...old.map((t): [string, string] => [s.old, t]),
            ],
            [...live.map(() => s.staged), ...old.map(() => s.live)],
          );
        }
        if (!(await schemaExists(db, s.live))) return;
        if (s.had_live) await convergeObjects(db, s.live, detailOf(s).live_objects);
        else if ((await baseTables(db, s.live)).length === 0) {
          await db.query(`DROP DATABASE ${ident(s.live)}`, [], 'drop the schema the swap created');
        }
      }),

    dropOld: (s) =>
      withMy(open(), async (db) => {
        await db.query(`DROP DATABASE IF EXISTS ${ident(s.old)}`, [], `drop the old schema "${s.old}"`);
      }),

    dropStaged: (s) =>
      withMy(open(), async (db) => {
        await db.query(
          `DROP DATABASE IF EXISTS ${ident(s.staged)}`,
          [],
          `drop the staged schema "${s.staged}"`,
        );
        // An empty old schema is left when a swap stops before moving anything; one with tables is never
        // dropped here (after the commit point dropOld does that).
        if ((await schemaExists(db, s.old)) && (await baseTables(db, s.old)).length === 0) {
          await db.query(`DROP DATABASE IF EXISTS ${ident(s.old)}`, [], `drop the empty schema "${s.old}"`);
        }
      }),
  };
}
