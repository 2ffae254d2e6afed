// Talking to a MariaDB/MySQL server: a short-lived connection per step, errors that name the server and never
// the password, and the defaults file that hands the password to mariadb-dump and mariadb.
import type mysql from 'mysql2/promise';
import type { ServiceSpec } from '../types.ts';
import { withSession, type Connection } from './connection.ts';
import { loadDriver } from './drivers.ts';
import { serverError } from './server-errors.ts';

export const ident = (name: string) => `\`${name.replace(/`/g, '``')}\``;

export interface MySession {
  /** Runs one statement (text protocol: CREATE PROCEDURE and friends cannot be prepared). */
  query<Row extends object = Record<string, unknown>>(
    sql: string,
    params: unknown[],
    doing: string,
    hint?: string,
  ): Promise<Row[]>;
  close(): Promise<void>;
}

export const privilegesHint =
  "Check the privileges of the url's user: Rewind needs to create, rename and drop schemas and tables, and " +
  'to read and create views, triggers, routines and events; see docs/databases.md.';

export async function myConnect(
  service: ServiceSpec,
  connection: Connection,
  database: string | null = connection.database,
): Promise<MySession> {
  const { createConnection } = await loadDriver('mysql');
  let client: mysql.Connection;
  try {
    client = await createConnection({
      host: connection.host,
      port: connection.port,
      user: connection.user,
      password: connection.password || undefined,
      ...(database ? { database } : {}),
      ssl: connection.tls ? {} : undefined,
      connectTimeout: 10_000,
      multipleStatements: false,
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: true,
      charset: 'utf8mb4',
    });
  } catch (error) {
    throw serverError(service, connection, error, 'let Rewind connect', privilegesHint);
  }
  client.on('error', () => {}); // a dropped connection fails the query in flight, which reports it
  return {
    async query<Row extends object>(sql: string, params: unknown[], doing: string, hint = privilegesHint) {
      try {
        const [rows] = await client.query(sql, params);
        return (Array.isArray(rows) ? rows : []) as Row[];
      } catch (error) {
        throw serverError(service, connection, error, doing, hint);
      }
    },
    close: () => client.end().catch(() => {}),
  };
}

export const withMy: <T>(session: Promise<MySession>, work: (db: MySession) => Promise<T>) => Promise<T> =
  withSession;

/** An option-file value, quoted so that `#`, spaces and quotes in a password stay part of it. */
function optionValue(value: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  return escaped.includes('"') && !escaped.includes("'")
    ? `'${escaped}'`
    : `"${escaped.replace(/"/g, '\\"')}"`;
}

/** The `[client]` defaults file (read from /dev/fd/3) that carries the connection, the password included. */
export function clientDefaults(connection: Connection): string {
  const lines = [
    '[client]',
    `host=${optionValue(connection.host)}`,
    `port=${connection.port}`,
    `user=${optionValue(connection.user)}`,
    'protocol=tcp',
  ];
  if (connection.password) lines.push(`password=${optionValue(connection.password)}`);
  if (connection.tls) lines.push('ssl');
  return `${lines.join('\n')}\n`;
}

/** Base tables (and sequences) of a schema, by name. Views are not tables here. */
export async function baseTables(db: MySession, schema: string): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT TABLE_NAME AS name FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = ? AND TABLE_TYPE NOT IN ('VIEW', 'SYSTEM VIEW') ORDER BY TABLE_NAME`,
    [schema],
    `list the tables of "${schema}"`,
  );
  return rows.map((row) => row.name);
}

export async function schemaExists(db: MySession, schema: string): Promise<boolean> {
  const rows = await db.query(
    'SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
    [schema],
    'list schemas',
  );
  return rows.length > 0;
}
