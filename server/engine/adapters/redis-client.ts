// Talking to a Redis server: one short-lived connection per step, binary-safe (keys and DUMP payloads are
// bytes), no reconnecting behind Rewind's back, errors that name the server and never the password.
import type { createClient } from 'redis';
import type { ServiceSpec } from '../types.ts';
import { withSession, type Connection } from './connection.ts';
import { loadDriver } from './drivers.ts';
import { serverError } from './server-errors.ts';

export type Reply = Buffer | number | null | string | Reply[];

export interface RedisSession {
  /** Runs one command; commands sent without waiting are pipelined. */
  command(args: Array<string | Buffer>, doing: string, hint?: string): Promise<Reply>;
  close(): Promise<void>;
}

export const redisHint =
  "Check the ACL of the url's user: Rewind needs SCAN, DUMP, PTTL, CLIENT PAUSE, RESTORE, SWAPDB, FLUSHDB, " +
  'EVAL, EVAL_RO and INFO; see docs/databases.md.';

export async function redisConnect(
  service: ServiceSpec,
  connection: Connection,
  database = Number(connection.database),
): Promise<RedisSession> {
  const redis = await loadDriver('redis');
  const client = redis
    .createClient({
      socket: {
        host: connection.host,
        port: connection.port,
        tls: connection.tls || undefined,
        connectTimeout: 10_000,
        reconnectStrategy: false,
      },
      username: connection.user || undefined,
      password: connection.password || undefined,
      database,
      // No timer per command: node-redis's default one costs more than a DUMP (captures were 4× slower).
      commandOptions: { timeout: 0 },
    } as Parameters<typeof createClient>[0])
    .withTypeMapping({ [redis.RESP_TYPES.BLOB_STRING]: Buffer });
  client.on('error', () => {}); // a dropped connection fails the command in flight, which reports it
  try {
    await client.connect();
  } catch (error) {
    client.destroy();
    throw serverError(service, connection, error, 'let Rewind connect', redisHint);
  }
  return {
    async command(args, doing, hint = redisHint) {
      try {
        return (await client.sendCommand(args)) as Reply;
      } catch (error) {
        throw serverError(service, connection, error, doing, hint);
      }
    },
    close: () => client.close().catch(() => client.destroy()),
  };
}

export const withRedis: <T>(
  session: Promise<RedisSession>,
  work: (redis: RedisSession) => Promise<T>,
) => Promise<T> = withSession;

/** `INFO <section>` as a map of its fields. */
export async function info(redis: RedisSession, section: string): Promise<Map<string, string>> {
  const text = String(await redis.command(['INFO', section], `read INFO ${section}`));
  const fields = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith('#')) fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

/** Keys per logical database, from `INFO keyspace` (databases without keys are not listed). */
export async function keyspace(redis: RedisSession): Promise<Map<number, number>> {
  const keys = new Map<number, number>();
  for (const [name, value] of await info(redis, 'keyspace')) {
    const match = /^db(\d+)$/.exec(name);
    if (match) keys.set(Number(match[1]), Number(/keys=(\d+)/.exec(value)?.[1] ?? 0));
  }
  return keys;
}
