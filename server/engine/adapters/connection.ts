// Connection URLs of database services, taken apart once. The URL may hold a password: it never goes into a
// message, a log, a journal or a manifest. Messages name the server as `host:port`, the database and the user.
import os from 'node:os';
import { EngineError, type ServiceSpec } from '../types.ts';

export type ServerKind = 'postgres' | 'mysql' | 'redis';

export interface Connection {
  kind: ServerKind;
  host: string;
  port: number;
  user: string;
  password: string;
  /** postgres, mysql: the database (schema); redis: the logical database index, as digits. */
  database: string;
  /** `rediss://`, or `sslmode` / `ssl-mode` asking for TLS. */
  tls: boolean;
  params: URLSearchParams;
}

const defaultPorts: Record<ServerKind, number> = { postgres: 5432, mysql: 3306, redis: 6379 };
export const serverNames: Record<ServerKind, string> = {
  postgres: 'PostgreSQL',
  mysql: 'MariaDB/MySQL',
  redis: 'Redis',
};

function badUrl(service: ServiceSpec, why: string): EngineError {
  return new EngineError(
    'service_unreadable',
    `Service "${service.name}": its ${service.type} url ${why} Fix "url" for this service in the configuration.`,
  );
}

export function parseConnection(service: ServiceSpec): Connection {
  const kind = service.type as ServerKind;
  if (!(kind in defaultPorts)) throw badUrl(service, 'belongs to a service type that takes none.');
  if (!service.url) throw badUrl(service, 'is missing.');
  let url: URL;
  try {
    url = new URL(service.url);
  } catch {
    throw badUrl(service, 'is not a valid URL.');
  }
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      throw badUrl(service, 'has a badly escaped part (a "%" not followed by two hex digits).');
    }
  };
  const path = decode(url.pathname.replace(/^\//, ''));
  let database = path;
  if (kind === 'redis') {
    database = path === '' ? '0' : path;
    if (!/^\d{1,5}$/.test(database)) {
      throw badUrl(service, 'must end with the database index, like redis://host:6379/0.');
    }
  } else if (database === '' || database.includes('/')) {
    throw badUrl(service, `must name one database, like ${kind}://user:password@host/shop.`);
  }
  const sslMode = (url.searchParams.get('sslmode') ?? url.searchParams.get('ssl-mode') ?? '').toLowerCase();
  return {
    kind,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost',
    port: url.port ? Number(url.port) : defaultPorts[kind],
    // The client tools default to the login name; say so explicitly so every client uses the same user.
    user: url.username ? decode(url.username) : kind === 'redis' ? '' : os.userInfo().username,
    password: decode(url.password),
    database,
    tls:
      url.protocol === 'rediss:' ||
      ['require', 'required', 'verify-ca', 'verify_ca', 'verify-full', 'verify_identity'].includes(sslMode),
    params: url.searchParams,
  };
}

/** `127.0.0.1:5432, database "shop", user "app"`: everything needed to find the server, no secret. */
export function describeServer(connection: Connection): string {
  const host = connection.host.includes(':') ? `[${connection.host}]` : connection.host;
  const database =
    connection.kind === 'redis' ? `database ${connection.database}` : `database "${connection.database}"`;
  const user = connection.user ? `, user "${connection.user}"` : '';
  return `${serverNames[connection.kind]} at ${host}:${connection.port}, ${database}${user}`;
}

/** Removes the password (raw or URL-escaped) and any credentials in a URL from text meant for people. */
export function redact(text: string, connection: Connection | null): string {
  let result = text.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:)[^\s/?#]*@/gi, '$1***@');
  const password = connection?.password ?? '';
  // Very short passwords would blank out ordinary words; they are guessable anyway, and tools never echo them.
  if (password.length >= 4) {
    for (const form of new Set([password, encodeURIComponent(password)]))
      result = result.split(form).join('***');
  }
  return result;
}

/** The last lines of a tool's error output, redacted and short enough for a message. */
export function errorTail(stderr: string, connection: Connection): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const tail = lines.slice(-3).join(' ');
  const short = tail.length > 400 ? `…${tail.slice(-400)}` : tail;
  return redact(short, connection) || 'no error message';
}

/** Runs `work` on a database session and closes the session after, whatever happens. */
export async function withSession<S extends { close(): Promise<unknown> }, T>(
  session: Promise<S>,
  work: (db: S) => Promise<T>,
): Promise<T> {
  const db = await session;
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
