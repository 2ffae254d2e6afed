// PostgreSQL: captured with `pg_dump --format=custom`, which reads the whole database inside one
// repeatable-read transaction, so the dump is one committed state while the application keeps writing.
// Restored with `pg_restore --exit-on-error` into a new database on the same server (same owner, encoding and
// locale as the live one); the engine swaps it in by renaming (postgres-swap.ts).
import { EngineError, type ServiceSpec } from '../types.ts';
import { siblingDatabaseTarget, type ServiceAdapter } from './adapter.ts';
import { checkDump, readDump } from './blob-file.ts';
import { findTool, runTool } from './client-tool.ts';
import { describeServer, errorTail, parseConnection, type Connection } from './connection.ts';
import { captureDump } from './dump-capture.ts';
import {
  dbnameConninfo,
  ident,
  literal,
  pgConnect,
  pgMaintenance,
  pgToolEnv,
  withPg,
} from './postgres-client.ts';
import { postgresSwap } from './postgres-swap.ts';
import { toolMissing } from './server-errors.ts';

const MAX_NAME = 63;

async function tool(service: ServiceSpec, name: 'pg_dump' | 'pg_restore', purpose: string): Promise<string> {
  const found = await findTool([name]);
  if (!found) throw toolMissing(service, 'postgres', [name], purpose);
  return found;
}

function dumpFailed(service: ServiceSpec, connection: Connection, stderr: string): EngineError {
  const tail = errorTail(stderr, connection);
  const hint = /version mismatch/i.test(stderr)
    ? 'pg_dump must be at least as new as the server: install the matching postgresql-client.'
    : 'Check that the user may read every table, sequence and large object (or is a superuser).';
  return new EngineError(
    'service_unreadable',
    `Service "${service.name}": pg_dump could not capture the ${describeServer(connection)} (${tail}). ${hint}`,
  );
}

export const postgresAdapter: ServiceAdapter = {
  async planCapture(service) {
    const connection = parseConnection(service);
    const pgDump = await tool(service, 'pg_dump', 'capturing a PostgreSQL database');
    const [facts] = await withPg(pgConnect(service, connection), (db) =>
      db.query<{ size: string; version: string }>(
        "SELECT pg_database_size(current_database())::text AS size, current_setting('server_version') AS version",
        [],
        'measure the database',
      ),
    );
    const totalBytes = Number(facts!.size);
    return {
      totalBytes,
      run: (context) =>
        captureDump({
          service,
          context,
          totalBytes,
          ext: 'pgdump',
          serverVersion: `PostgreSQL ${facts!.version.split(' ')[0]}`,
          async write(file, onOutput) {
            // No compression here: the store compresses (zstd) whatever it keeps.
            const args = ['--format=custom', '--compress=0', '--no-password', '--lock-wait-timeout=60000'];
            const result = await runTool({
              command: pgDump,
              args,
              env: pgToolEnv(connection),
              outputFile: file,
              onOutput,
            });
            if (result.code !== 0) throw dumpFailed(service, connection, result.stderr);
          },
        }),
    };
  },

  async check(part, context) {
    await checkDump(part, context);
    await tool(
      { name: part.name, type: part.type, selector: part.selector },
      'pg_restore',
      'restoring a PostgreSQL database',
    );
  },

  async restoreTarget(service, jobId) {
    return siblingDatabaseTarget('postgres', parseConnection(service), jobId, MAX_NAME);
  },

  async stage(part, { service, live, staged }, { store, snapshotId, onBytes }) {
    const connection = parseConnection(service);
    const pgRestore = await tool(service, 'pg_restore', 'restoring a PostgreSQL database');
    await withPg(pgMaintenance(service, connection, [live, staged]), async (db) => {
      await db.query(
        await createStatement(db, live, staged),
        [],
        `create the database "${staged}" to restore into`,
      );
    });
    const result = await runTool({
      command: pgRestore,
      // Not --single-transaction: the new database is thrown away whole if anything fails.
      args: ['--no-password', '--exit-on-error', `--dbname=${dbnameConninfo(staged)}`],
      env: pgToolEnv(connection, staged),
      input: readDump({ store, snapshotId, label: part.name, ...part.dump!, onBytes }),
    });
    if (result.code !== 0) {
      const from = part.server_version ? ` (captured from ${part.server_version})` : '';
      throw new EngineError(
        'restore_failed',
        `Service "${part.name}": pg_restore could not load snapshot ${snapshotId}'s dump${from} into a new ` +
          `database on the ${describeServer(connection)} (${errorTail(result.stderr, connection)}). Nothing ` +
          'was changed. The dump may be damaged, or the server may lack a role or an extension it needs.',
      );
    }
  },

  swap: (service) => postgresSwap(service),

  async measure(service) {
    try {
      const connection = parseConnection(service);
      const [row] = await withPg(pgConnect(service, connection), (db) =>
        db.query<{ size: string }>(
          'SELECT pg_database_size(current_database())::text AS size',
          [],
          'measure',
        ),
      );
      return Number(row!.size);
    } catch {
      return null;
    }
  },
};

/** `CREATE DATABASE` for the staged copy, with the live database's owner, encoding and locale. */
async function createStatement(db: Awaited<ReturnType<typeof pgConnect>>, live: string, staged: string) {
  const [props] = await db.query<{ d: Record<string, unknown>; owner: string; encoding: string; me: string }>(
    `SELECT to_jsonb(d) AS d, pg_get_userbyid(d.datdba) AS owner, pg_encoding_to_char(d.encoding) AS encoding,
            current_user AS me
       FROM pg_database d WHERE datname = $1`,
    [live],
    'describe the live database',
  );
  const parts = [`CREATE DATABASE ${ident(staged)} TEMPLATE template0`];
  if (props) {
    if (props.owner !== props.me) parts.push(`OWNER ${ident(props.owner)}`);
    parts.push(`ENCODING ${literal(props.encoding)}`);
    parts.push(
      `LC_COLLATE ${literal(String(props.d.datcollate))} LC_CTYPE ${literal(String(props.d.datctype))}`,
    );
    if (props.d.datlocprovider === 'i' && props.d.daticulocale) {
      parts.push(`LOCALE_PROVIDER icu ICU_LOCALE ${literal(String(props.d.daticulocale))}`);
    }
  }
  return parts.join(' ');
}
