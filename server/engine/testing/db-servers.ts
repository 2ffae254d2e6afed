// The database servers engine tests run against: PostgreSQL, MariaDB/MySQL and Redis on this machine (or
// wherever REWIND_TEST_POSTGRES_URL, REWIND_TEST_MYSQL_URL and REWIND_TEST_REDIS_URL point). Each test gets a
// fresh database, schema or Redis database of its own and removes it after; when a server or its client tools
// are missing, the tests say so and are skipped.
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { createClient, RESP_TYPES } from 'redis';
import { findTool } from '../adapters/client-tool.ts';

export const serverUrls = {
  postgres: process.env.REWIND_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  mysql: process.env.REWIND_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/mysql',
  redis: process.env.REWIND_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0',
};
type Kind = keyof typeof serverUrls;

const tools: Record<Kind, string[][]> = {
  postgres: [['pg_dump'], ['pg_restore']],
  mysql: [
    ['mariadb-dump', 'mysqldump'],
    ['mariadb', 'mysql'],
  ],
  redis: [],
};

/** A fresh URL on the same server as `base`, for another database. */
export function withDatabase(
  base: string,
  database: string,
  auth?: { user: string; password: string },
): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  if (auth) {
    url.username = encodeURIComponent(auth.user);
    url.password = encodeURIComponent(auth.password);
  }
  return url.toString();
}

export function pgAdmin(database = new URL(serverUrls.postgres).pathname.slice(1)): pg.Client {
  const client = new pg.Client({ connectionString: withDatabase(serverUrls.postgres, database) });
  client.on('error', () => {});
  return client;
}

export function mysqlAdmin(database?: string): Promise<mysql.Connection> {
  const url = new URL(serverUrls.mysql);
  return mysql.createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username) || 'root',
    password: decodeURIComponent(url.password) || undefined,
    database,
    multipleStatements: true,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
}

export function redisAdmin(index: number) {
  const client = createClient({
    url: serverUrls.redis,
    database: index,
    socket: { reconnectStrategy: false },
  });
  client.on('error', () => {});
  return client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
}

async function reach(kind: Kind): Promise<void> {
  if (kind === 'postgres') {
    const client = pgAdmin();
    await client.connect();
    await client.end();
  } else if (kind === 'mysql') {
    const client = await mysqlAdmin();
    await client.end();
  } else {
    const client = redisAdmin(0);
    await client.connect();
    await client.close();
  }
}

/** Why `kind`'s tests cannot run here, or null when they can. */
async function skipReason(kind: Kind): Promise<string | null> {
  for (const names of tools[kind]) {
    if (!(await findTool(names))) return `${names.join(' / ')} is not installed`;
  }
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('no answer in 3 s')), 3000),
  );
  try {
    await Promise.race([reach(kind), timeout]);
    return null;
  } catch (error) {
    return `the server at ${new URL(serverUrls[kind]).host} cannot be reached (${(error as Error).message})`;
  }
}

export const unavailable: Record<Kind, string | null> = {
  postgres: await skipReason('postgres'),
  mysql: await skipReason('mysql'),
  redis: await skipReason('redis'),
};

/** Prints why a server's tests are skipped; returns true when they are. */
export function skipped(kind: Kind): boolean {
  const reason = unavailable[kind];
  if (reason) console.warn(`Skipping the ${kind} tests: ${reason}.`);
  return reason !== null;
}

export const uniqueName = (label: string) => `rewind_t_${label}_${randomBytes(4).toString('hex')}`;

/** A new PostgreSQL database; `drop` removes it and anything a restore left beside it. */
export async function freshPostgres(label: string) {
  const name = uniqueName(label);
  const admin = pgAdmin();
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  return {
    name,
    url: withDatabase(serverUrls.postgres, name),
    /** Databases whose name starts with this one's (its staged and old copies). */
    async siblings(): Promise<string[]> {
      const { rows } = await admin.query('SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY 1', [
        `${name}%`,
      ]);
      return rows.map((row: { datname: string }) => row.datname);
    },
    async drop() {
      for (const db of await this.siblings()) {
        await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(db)} WITH (FORCE)`);
      }
      await admin.end();
    },
  };
}

/** A new MariaDB schema; `drop` removes it and anything a restore left beside it. */
export async function freshMysql(label: string) {
  const name = uniqueName(label);
  const admin = await mysqlAdmin();
  await admin.query(`CREATE DATABASE \`${name}\``);
  return {
    name,
    url: withDatabase(serverUrls.mysql, name),
    admin,
    async siblings(): Promise<string[]> {
      const [rows] = await admin.query(
        'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ? ORDER BY 1',
        [`${name}%`],
      );
      return (rows as Array<{ name: string }>).map((row) => row.name);
    },
    async drop() {
      for (const schema of await this.siblings()) await admin.query(`DROP DATABASE IF EXISTS \`${schema}\``);
      await admin.end();
    },
  };
}

/** A Redis database index of its own (emptied before and after); restores stage into a spare one. */
export async function freshRedis(index: number) {
  const client = redisAdmin(index);
  await client.connect();
  await client.flushDb();
  return {
    index,
    url: withDatabase(serverUrls.redis, String(index)),
    client,
    /** The restore markers left in any logical database that name `jobId`. */
    async markers(jobId: string): Promise<string[]> {
      const found: string[] = [];
      for (let db = 0; db < 16; db++) {
        await client.select(db);
        const mark = await client.get('__rewind_restore__');
        if (mark && String(mark).endsWith(`:${jobId}`)) found.push(`db${db} ${String(mark)}`);
      }
      await client.select(index);
      return found;
    },
    async drop() {
      await client.select(index);
      await client.flushDb();
      await client.close();
    },
  };
}
