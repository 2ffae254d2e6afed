// Independent fingerprints of a database's logical content, read with plain queries (not with the tools the
// engine uses), so a restore can be compared with what was captured, row by row.
import mysql from 'mysql2/promise';
import pg from 'pg';
import { createClient, RESP_TYPES } from 'redis';

export type State = Record<string, unknown>;

/** Every row of every table of `public`, with views, functions, triggers, indexes and sequence positions. */
export async function postgresState(url: string): Promise<State> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    const rows = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows;
    const state: State = {};
    const tables = await rows(
      "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    );
    for (const { t } of tables) {
      state[`table ${t}`] = (
        await rows(`SELECT to_jsonb(x)::text AS r FROM ${pg.escapeIdentifier(t)} x ORDER BY 1`)
      ).map((row) => row.r);
    }
    state.views = await rows(
      "SELECT viewname, definition FROM pg_views WHERE schemaname = 'public' ORDER BY 1",
    );
    state.indexes = await rows(
      "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1",
    );
    state.functions = await rows(
      "SELECT proname, pg_get_functiondef(oid) AS def FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1",
    );
    state.triggers = await rows('SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1');
    state.sequences = await rows(
      "SELECT sequencename, last_value::text FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1",
    );
    return state;
  } finally {
    await client.end();
  }
}

/** Every row of every table of the schema, with views, triggers, routines, events and AUTO_INCREMENT. */
export async function mysqlState(url: string): Promise<State> {
  const parsed = new URL(url);
  const schema = decodeURIComponent(parsed.pathname.slice(1));
  const client = await mysql.createConnection({
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username) || 'root',
    password: decodeURIComponent(parsed.password) || undefined,
    database: schema,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  try {
    const rows = async (sql: string, params: unknown[] = []) =>
      (await client.query(sql, params))[0] as Array<Record<string, unknown>>;
    const state: State = {};
    const tables = await rows(
      "SELECT TABLE_NAME AS t, AUTO_INCREMENT AS ai FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1",
      [schema],
    );
    for (const { t, ai } of tables) {
      const data = (await rows(`SELECT * FROM \`${String(t)}\``)).map((row) =>
        JSON.stringify(row, (_key, value: unknown) =>
          value && typeof value === 'object' && 'type' in value && value.type === 'Buffer'
            ? Buffer.from((value as unknown as { data: number[] }).data).toString('hex')
            : value,
        ),
      );
      state[`table ${String(t)}`] = { auto_increment: ai, rows: data.sort() };
    }
    state.views = await rows(
      "SELECT TABLE_NAME AS name, REPLACE(VIEW_DEFINITION, ?, '') AS def FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ? ORDER BY 1",
      [`\`${schema}\`.`, schema],
    );
    state.triggers = await rows(
      'SELECT TRIGGER_NAME AS name, EVENT_OBJECT_TABLE AS tbl, ACTION_TIMING AS timing, EVENT_MANIPULATION AS ev, ACTION_STATEMENT AS body FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY 1',
      [schema],
    );
    state.routines = await rows(
      'SELECT ROUTINE_NAME AS name, ROUTINE_TYPE AS type, ROUTINE_DEFINITION AS def FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? ORDER BY 1',
      [schema],
    );
    state.events = await rows(
      'SELECT EVENT_NAME AS name, EVENT_DEFINITION AS def, STATUS AS status FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ? ORDER BY 1',
      [schema],
    );
    return state;
  } finally {
    await client.end();
  }
}

export interface RedisKey {
  type: string;
  value: unknown;
  /** Remaining time to live in ms, -1 for none. */
  pttl: number;
}

/** Every key of the Redis database in `url`, by type, with its remaining TTL. */
export async function redisState(url: string): Promise<Record<string, RedisKey>> {
  const client = createClient({ url, socket: { reconnectStrategy: false } }).withTypeMapping({
    [RESP_TYPES.BLOB_STRING]: Buffer,
  });
  client.on('error', () => {});
  await client.connect();
  try {
    const state: Record<string, RedisKey> = {};
    const hex = (value: unknown) => (Buffer.isBuffer(value) ? value.toString('hex') : String(value));
    for await (const keys of client.scanIterator({ COUNT: 500 })) {
      for (const key of keys as unknown as Buffer[]) {
        const type = String(await client.sendCommand(['TYPE', key]));
        let value: unknown;
        if (type === 'string') value = hex(await client.sendCommand(['GET', key]));
        else if (type === 'hash') {
          const flat = (await client.sendCommand(['HGETALL', key])) as unknown[];
          const pairs: string[] = [];
          for (let i = 0; i < flat.length; i += 2) pairs.push(`${hex(flat[i])}=${hex(flat[i + 1])}`);
          value = pairs.sort();
        } else if (type === 'list')
          value = ((await client.sendCommand(['LRANGE', key, '0', '-1'])) as unknown[]).map(hex);
        else if (type === 'set')
          value = ((await client.sendCommand(['SMEMBERS', key])) as unknown[]).map(hex).sort();
        else if (type === 'zset') {
          value = ((await client.sendCommand(['ZRANGE', key, '0', '-1', 'WITHSCORES'])) as unknown[]).map(
            hex,
          );
        } else if (type === 'stream') {
          value = JSON.stringify(await client.sendCommand(['XRANGE', key, '-', '+']), (_k, v: unknown) =>
            v && typeof v === 'object' && 'type' in v && v.type === 'Buffer'
              ? Buffer.from((v as unknown as { data: number[] }).data).toString('hex')
              : v,
          );
        } else value = null;
        state[key.toString('hex')] = { type, value, pttl: Number(await client.sendCommand(['PTTL', key])) };
      }
    }
    return state;
  } finally {
    await client.close();
  }
}

/** The state without TTLs, and the keys that have one: TTLs count down, so they are compared apart. */
export function withoutTtls(state: Record<string, RedisKey>) {
  return Object.fromEntries(Object.entries(state).map(([key, { type, value }]) => [key, { type, value }]));
}
