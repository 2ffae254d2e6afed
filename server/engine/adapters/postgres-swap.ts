// The PostgreSQL swap. The live database stops taking connections and its sessions are ended (a database in
// use cannot be renamed), then, in one transaction, `live` becomes `old` and `staged` becomes `live`: other
// sessions see both renames or neither. The old database is dropped only after the commit point. Recovery
// decides by which databases exist, like the file swap, and gives the live database its connections back.
import { failpoint } from '../../platform/failpoints.ts';
import type { JournalService } from '../journal.ts';
import type { ServiceSwap } from '../swap.ts';
import { EngineError, type ServiceSpec } from '../types.ts';
import { parseConnection } from './connection.ts';
import { ident, pgMaintenance, withPg, type PgSession } from './postgres-client.ts';

const SESSIONS_GONE_MS = 10_000;
const terminateHint =
  "Rewind's user must be able to end the sessions of the application's user: a superuser, a member of that " +
  'role, or a member of pg_signal_backend.';

async function exists(db: PgSession, name: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM pg_database WHERE datname = $1', [name], 'list databases');
  return rows.length > 0;
}

async function allowConnections(db: PgSession, name: string, allow: boolean): Promise<void> {
  await db.query(
    `ALTER DATABASE ${ident(name)} ALLOW_CONNECTIONS ${allow}`,
    [],
    `${allow ? 'allow' : 'refuse'} connections to the database "${name}"`,
    'Only the owner of the database (or a superuser) may; see docs/databases.md.',
  );
}

/** Ends every other session on `name` and waits until they are gone. */
async function endSessions(db: PgSession, name: string, what: string): Promise<void> {
  const deadline = Date.now() + SESSIONS_GONE_MS;
  for (;;) {
    const rows = await db.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
      `list the sessions on the database "${name}"`,
    );
    if (rows.length === 0) return;
    if (Date.now() > deadline) {
      throw new EngineError(
        'service_busy',
        `${rows.length} session(s) on the database "${name}" did not end within ${SESSIONS_GONE_MS / 1000} s, ` +
          `so ${what} could not go ahead. ${terminateHint}`,
      );
    }
    await db.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
      `end the sessions on the database "${name}"`,
      terminateHint,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Renames in one transaction: either every rename happened or none did. */
async function renameAll(db: PgSession, renames: Array<[string, string]>): Promise<void> {
  await db.query('BEGIN', [], 'start a transaction');
  try {
    for (const [from, to] of renames) {
      await db.query(
        `ALTER DATABASE ${ident(from)} RENAME TO ${ident(to)}`,
        [],
        `rename "${from}" to "${to}"`,
      );
    }
    await db.query('COMMIT', [], 'commit the renames');
  } catch (error) {
    await db.query('ROLLBACK', [], 'roll back the renames').catch(() => {});
    throw error;
  }
}

export function postgresSwap(service: ServiceSpec): ServiceSwap {
  const connection = parseConnection(service);
  const open = (s: JournalService) => pgMaintenance(service, connection, [s.live, s.old, s.staged]);

  return {
    prepare: (s) =>
      withPg(open(s), async (db) => {
        const rows = await db.query<{ allow: boolean }>(
          'SELECT datallowconn AS allow FROM pg_database WHERE datname = $1',
          [s.live],
          'look at the live database',
        );
        return { ...s, had_live: rows.length > 0, detail: { allow_connections: rows[0]?.allow ?? true } };
      }),

    swap: (s, between) =>
      withPg(open(s), async (db) => {
        if (!s.had_live) {
          await endSessions(db, s.staged, 'the restore');
          await renameAll(db, [[s.staged, s.live]]);
          between();
          return;
        }
        await allowConnections(db, s.live, false);
        // A session can slip in between ending them and the rename (one that was already logging in): try again.
        for (let attempt = 1; ; attempt++) {
          await endSessions(db, s.live, 'the restore');
          await endSessions(db, s.staged, 'the restore');
          if (attempt === 1) failpoint('restore:postgres-sessions-ended');
          try {
            await renameAll(db, [
              [s.live, s.old],
              [s.staged, s.live],
            ]);
            break;
          } catch (error) {
            if (attempt >= 3 || !/being accessed by other users/.test((error as Error).message)) throw error;
          }
        }
        between();
      }),

    rollBack: (s) =>
      withPg(open(s), async (db) => {
        const liveExists = await exists(db, s.live);
        if (s.had_live && (await exists(db, s.old))) {
          if (liveExists) {
            // The new data went live: it goes back to the staged name (dropped after), the old data returns.
            await allowConnections(db, s.live, false);
            await endSessions(db, s.live, 'putting the database back');
            if (await exists(db, s.staged)) {
              await db.query(`DROP DATABASE ${ident(s.live)}`, [], `drop the database "${s.live}"`);
              await renameAll(db, [[s.old, s.live]]);
            } else {
              await renameAll(db, [
                [s.live, s.staged],
                [s.old, s.live],
              ]);
            }
          } else {
            await renameAll(db, [[s.old, s.live]]);
          }
        } else if (!s.had_live && liveExists && !(await exists(db, s.staged))) {
          await allowConnections(db, s.live, false);
          await endSessions(db, s.live, 'putting the database back');
          await renameAll(db, [[s.live, s.staged]]);
        }
        // The swap refuses connections first: the live database gets them back however far it went.
        if (s.had_live && (await exists(db, s.live))) {
          await allowConnections(db, s.live, s.detail?.allow_connections !== false);
        }
      }),

    dropOld: (s) => withPg(open(s), (db) => drop(db, s.old)),
    dropStaged: (s) => withPg(open(s), (db) => drop(db, s.staged)),
  };
}

async function drop(db: PgSession, name: string): Promise<void> {
  if (!(await exists(db, name))) return;
  await allowConnections(db, name, false);
  await endSessions(db, name, `dropping "${name}"`);
  await db.query(`DROP DATABASE IF EXISTS ${ident(name)}`, [], `drop the database "${name}"`);
}
