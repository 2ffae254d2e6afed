// Talking to a PostgreSQL server: a short-lived connection per step (a restore can sit between steps for as
// long as its pre-restore snapshot takes), errors turned into messages that name the server, never the password.
import type pg from 'pg';
import type { ServiceSpec } from '../types.ts';
import { withSession, type Connection } from './connection.ts';
import { loadDriver } from './drivers.ts';
import { serverError } from './server-errors.ts';

// As the driver quotes them (pg's escapeIdentifier and escapeLiteral), without loading the driver to do it.
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
export function literal(text: string): string {
  const quoted = `'${text.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`;
  return text.includes('\\') ? ` E${quoted}` : quoted;
}

export interface PgSession {
  /** Runs one statement; a failure becomes an EngineError saying what Rewind was doing and what to grant. */
  query<Row extends object = Record<string, unknown>>(
    sql: string,
    params: unknown[],
    doing: string,
    hint?: string,
  ): Promise<Row[]>;
  close(): Promise<void>;
}

const defaultHint =
  "Check the privileges of the url's user: Rewind needs CREATEDB, ownership of the database (or superuser) " +
  'and the right to end other sessions (pg_signal_backend); see docs/databases.md.';

function clientConfig(connection: Connection, database: string): pg.ClientConfig {
  const sslMode = connection.params.get('sslmode') ?? '';
  return {
    host: connection.host,
    port: connection.port,
    user: connection.user,
    password: connection.password || undefined,
    database,
    ssl: connection.tls ? { rejectUnauthorized: sslMode.startsWith('verify') } : false,
    connectionTimeoutMillis: 10_000,
    application_name: 'rewind',
  };
}

/** Connects to `database` on the service's server (its own database when not given). */
export async function pgConnect(
  service: ServiceSpec,
  connection: Connection,
  database = connection.database,
): Promise<PgSession> {
  const { Client } = await loadDriver('pg');
  const client = new Client(clientConfig(connection, database));
  client.on('error', () => {}); // a dropped connection fails the query in flight, which reports it
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw serverError(service, { ...connection, database }, error, 'let Rewind connect', defaultHint);
  }
  return {
    async query<Row extends object>(sql: string, params: unknown[], doing: string, hint = defaultHint) {
      try {
        return (await client.query(sql, params)).rows as Row[];
      } catch (error) {
        throw serverError(service, connection, error, doing, hint);
      }
    },
    close: () => client.end().catch(() => {}),
  };
}

/**
 * Connects to a maintenance database (`postgres`, else `template1`): renaming or dropping a database needs a
 * connection to another one. `avoid` are the databases being worked on.
 */
export async function pgMaintenance(
  service: ServiceSpec,
  connection: Connection,
  avoid: string[],
): Promise<PgSession> {
  const candidates = ['postgres', 'template1'].filter((name) => !avoid.includes(name));
  let lastError: unknown = null;
  for (const database of candidates) {
    try {
      return await pgConnect(service, connection, database);
    } catch (error) {
      lastError = error;
      // Only a missing database or a refused CONNECT is worth another try; a dead server is dead for both.
      if (!/does not exist|permission denied|not currently accepting/i.test((error as Error).message))
        throw error;
    }
  }
  throw lastError;
}

export const withPg: <T>(session: Promise<PgSession>, work: (db: PgSession) => Promise<T>) => Promise<T> =
  withSession;

/** Environment for pg_dump and pg_restore: the connection, the password included, and nothing on argv. */
export function pgToolEnv(connection: Connection, database = connection.database): Record<string, string> {
  const env: Record<string, string> = {
    PGHOST: connection.host,
    PGPORT: String(connection.port),
    PGUSER: connection.user,
    PGDATABASE: database,
    PGAPPNAME: 'rewind',
    PGCONNECT_TIMEOUT: '10',
  };
  if (connection.password) env.PGPASSWORD = connection.password;
  const passThrough: Record<string, string> = {
    sslmode: 'PGSSLMODE',
    sslrootcert: 'PGSSLROOTCERT',
    sslcert: 'PGSSLCERT',
    sslkey: 'PGSSLKEY',
  };
  for (const [param, variable] of Object.entries(passThrough)) {
    const value = connection.params.get(param);
    if (value) env[variable] = value;
  }
  return env;
}

/** A libpq connection string holding only a database name, quoted, for `pg_restore --dbname`. */
export function dbnameConninfo(database: string): string {
  return `dbname='${database.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
