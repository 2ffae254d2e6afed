// MariaDB/MySQL: captured with `mariadb-dump --single-transaction` (or mysqldump), which reads every InnoDB
// table inside one consistent-snapshot transaction while the application keeps writing, with views,
// triggers, routines and events. Restored with the `mariadb` client into a new schema, checked against the
// dump, then swapped in table by table in one RENAME TABLE statement (mysql-swap.ts).
import { open } from 'node:fs/promises';
import { EngineError, type ServiceSpec } from '../types.ts';
import { siblingDatabaseTarget, type ServiceAdapter } from './adapter.ts';
import { checkDump, readDump } from './blob-file.ts';
import { findTool, runTool } from './client-tool.ts';
import { describeServer, errorTail, parseConnection, type Connection } from './connection.ts';
import { captureDump } from './dump-capture.ts';
import { baseTables, clientDefaults, ident, myConnect, withMy } from './mysql-client.ts';
import { mysqlDumpFilter } from './mysql-dump-filter.ts';
import { mysqlSwap } from './mysql-swap.ts';
import { toolMissing } from './server-errors.ts';

const MAX_NAME = 64;
const DUMP_TOOLS = ['mariadb-dump', 'mysqldump'];
const CLIENT_TOOLS = ['mariadb', 'mysql'];
const COMPLETED = '-- Dump completed';

async function tool(service: ServiceSpec, names: string[], purpose: string): Promise<string> {
  const found = await findTool(names);
  if (!found) throw toolMissing(service, 'mysql', names, purpose);
  return found;
}

async function sizeOf(
  service: ServiceSpec,
  connection: Connection,
): Promise<{ size: number; version: string }> {
  const [row] = await withMy(myConnect(service, connection), (db) =>
    db.query<{ size: string; version: string }>(
      'SELECT COALESCE(SUM(DATA_LENGTH + INDEX_LENGTH), 0) AS size, VERSION() AS version ' +
        'FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?',
      [connection.database],
      'measure the schema',
    ),
  );
  return { size: Number(row!.size), version: row!.version };
}

/** The dump is complete only with mysqldump's last line: a dump cut short must never be stored as a snapshot. */
async function endsCompleted(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tail = Buffer.alloc(Math.min(size, 256));
    await handle.read(tail, 0, tail.length, size - tail.length);
    return tail.toString('latin1').includes(COMPLETED);
  } finally {
    await handle.close();
  }
}

export const mysqlAdapter: ServiceAdapter = {
  async planCapture(service) {
    const connection = parseConnection(service);
    const dumpTool = await tool(service, DUMP_TOOLS, 'capturing a MariaDB/MySQL database');
    const { size: totalBytes, version } = await sizeOf(service, connection);
    return {
      totalBytes,
      run: (context) =>
        captureDump({
          service,
          context,
          totalBytes,
          ext: 'sql',
          serverVersion: version.includes('MariaDB')
            ? `MariaDB ${version.split('-')[0]}`
            : `MySQL ${version}`,
          async write(file, onOutput) {
            const args = [
              '--defaults-extra-file=/dev/fd/3', // must come first
              '--single-transaction',
              '--quick',
              '--routines',
              '--triggers',
              '--events',
              '--hex-blob',
              '--no-tablespaces',
              '--skip-dump-date', // the same data makes the same dump, stored once
              '--default-character-set=utf8mb4',
              connection.database,
            ];
            const result = await runTool({
              command: dumpTool,
              args,
              secretFile: clientDefaults(connection),
              outputFile: file,
              onOutput,
            });
            if (result.code !== 0 || !(await endsCompleted(file))) {
              throw new EngineError(
                'service_unreadable',
                `Service "${service.name}": ${dumpTool.split('/').pop()} could not capture the ` +
                  `${describeServer(connection)} (${errorTail(result.stderr, connection)}). Check that the user ` +
                  'may read every table, view, trigger, routine and event (SELECT, SHOW VIEW, TRIGGER, EVENT).',
              );
            }
          },
        }),
    };
  },

  async check(part, context) {
    await checkDump(part, context);
    await tool(
      { name: part.name, type: part.type, selector: part.selector },
      CLIENT_TOOLS,
      'restoring a MariaDB/MySQL database',
    );
  },

  async restoreTarget(service, jobId) {
    return siblingDatabaseTarget('mysql', parseConnection(service), jobId, MAX_NAME);
  },

  async stage(part, { service, live, staged }, { store, snapshotId, onBytes }) {
    const connection = parseConnection(service);
    const client = await tool(service, CLIENT_TOOLS, 'restoring a MariaDB/MySQL database');
    await withMy(myConnect(service, connection, null), async (db) => {
      const [row] = await db.query<{ charset: string; collation: string }>(
        'SELECT DEFAULT_CHARACTER_SET_NAME AS charset, DEFAULT_COLLATION_NAME AS collation ' +
          'FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
        [live],
        'read the live schema',
      );
      const charset = row ? ` CHARACTER SET ${row.charset} COLLATE ${row.collation}` : '';
      await db.query(
        `CREATE DATABASE ${ident(staged)}${charset}`,
        [],
        `create the schema "${staged}" to restore into`,
      );
    });
    const filter = mysqlDumpFilter();
    const result = await runTool({
      command: client,
      args: [
        '--defaults-extra-file=/dev/fd/3',
        '--binary-mode',
        '--batch',
        '--max-allowed-packet=1G',
        staged,
      ],
      secretFile: clientDefaults(connection),
      input: readDump({ store, snapshotId, label: part.name, ...part.dump!, onBytes }),
      transform: filter,
    });
    const failed = (why: string) =>
      new EngineError(
        'restore_failed',
        `Service "${part.name}": snapshot ${snapshotId}'s dump${part.server_version ? ` (captured from ${part.server_version})` : ''} ` +
          `could not be loaded into a new schema on the ${describeServer(connection)} (${why}). Nothing was changed.`,
      );
    if (result.code !== 0) throw failed(errorTail(result.stderr, connection));
    const tables = await withMy(myConnect(service, connection, null), (db) => baseTables(db, staged));
    if (tables.length !== filter.tables()) {
      throw failed(`the dump creates ${filter.tables()} tables, the new schema has ${tables.length}`);
    }
  },

  swap: (service) => mysqlSwap(service),

  async measure(service) {
    try {
      return (await sizeOf(service, parseConnection(service))).size;
    } catch {
      return null;
    }
  },
};
