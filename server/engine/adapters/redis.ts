// Redis: captured key by key over the protocol while writes are paused (redis-capture.ts), restored into a
// spare logical database with RESTORE (each key's value and remaining TTL), checked against the dump's
// trailer, then swapped in with SWAPDB (redis-swap.ts).
import { EngineError, type ServiceSpec } from '../types.ts';
import type { ServiceAdapter } from './adapter.ts';
import { checkDump, corruptSnapshot, readDump } from './blob-file.ts';
import { describeServer, parseConnection, type Connection } from './connection.ts';
import { captureDump } from './dump-capture.ts';
import { captureRedis, REDIS_FORMAT, type KeyLine } from './redis-capture.ts';
import { info, keyspace, redisConnect, withRedis, type RedisSession } from './redis-client.ts';
import { CLAIM_SCRIPT, MARKER, RESERVE_SCRIPT, redisSwap } from './redis-swap.ts';

const RESTORE_BATCH = 1000;
const MEASURE_KEYS = 20_000;

async function serverVersion(redis: RedisSession): Promise<string> {
  return `Redis ${(await info(redis, 'server')).get('redis_version') ?? 'unknown'}`;
}

/** An estimate for progress: the server's dataset memory, shared out by key count. */
async function estimate(redis: RedisSession, database: number): Promise<number> {
  const keys = await keyspace(redis);
  const total = [...keys.values()].reduce((sum, n) => sum + n, 0);
  const dataset = Number((await info(redis, 'memory')).get('used_memory_dataset') ?? 0);
  return total === 0 ? 0 : Math.round((dataset * (keys.get(database) ?? 0)) / total);
}

/** Reserves the highest-numbered empty logical database other than the live one, for staging. */
async function reserveSpare(service: ServiceSpec, connection: Connection, jobId: string): Promise<number> {
  return withRedis(redisConnect(service, connection), async (redis) => {
    let databases = 16;
    try {
      const reply = (await redis.command(
        ['CONFIG', 'GET', 'databases'],
        'read the number of databases',
      )) as Buffer[];
      if (reply[1]) databases = Number(reply[1].toString());
    } catch {
      // CONFIG is often disabled on hosted Redis; 16 is the default.
    }
    const used = await keyspace(redis);
    for (let index = databases - 1; index >= 0; index--) {
      if (index === Number(connection.database) || used.has(index)) continue;
      const reply = await redis.command(
        ['EVAL', RESERVE_SCRIPT, '0', String(index), MARKER, jobId],
        'reserve a spare database',
      );
      if (Number(reply) === 1) return index;
    }
    throw new EngineError(
      'service_refused',
      `Service "${service.name}": the ${describeServer(connection)} has no empty logical database to stage the ` +
        'restore in. Rewind loads the snapshot into a spare database and swaps it in with SWAPDB: keep one ' +
        'free (or raise "databases" in redis.conf).',
    );
  });
}

async function* lines(source: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of source) {
    const text = rest + chunk.toString('utf8');
    const parts = text.split('\n');
    rest = parts.pop()!;
    yield* parts;
  }
  if (rest) yield rest;
}

export const redisAdapter: ServiceAdapter = {
  async planCapture(service) {
    const connection = parseConnection(service);
    const { version, totalBytes } = await withRedis(redisConnect(service, connection), async (redis) => ({
      version: await serverVersion(redis),
      totalBytes: await estimate(redis, Number(connection.database)),
    }));
    return {
      totalBytes,
      run: (context) =>
        captureDump({
          service,
          context,
          totalBytes,
          ext: 'redis.jsonl',
          serverVersion: version,
          write: (file, onOutput) => captureRedis(service, connection, version, file, onOutput),
        }),
    };
  },

  check: checkDump,

  async restoreTarget(service, jobId) {
    const connection = parseConnection(service);
    return {
      live: connection.database,
      old: '', // both chosen by reserve
      staged: '',
      companions: [],
      staged_extras: [],
      detail: { job: jobId },
      identity: `redis ${connection.host}:${connection.port}/${connection.database}`,
    };
  },

  async reserve(service, target, jobId) {
    const spare = String(await reserveSpare(service, parseConnection(service), jobId));
    // After SWAPDB the spare database holds the old keys: it is both the staged and the old place.
    return { ...target, staged: spare, old: spare };
  },

  async stage(part, { service, jobId, staged }, { store, snapshotId, onBytes }) {
    const connection = parseConnection(service);
    const bad = (why: string) => corruptSnapshot(snapshotId, part.name, why);
    await withRedis(redisConnect(service, connection, Number(staged)), async (redis) => {
      const claimed = await redis.command(
        ['EVAL', CLAIM_SCRIPT, '0', staged, MARKER, jobId],
        'take the spare database',
      );
      if (Number(claimed) !== 1) {
        throw new EngineError(
          'service_busy',
          `Service "${part.name}": the spare database ${staged} of the ${describeServer(connection)} was ` +
            'written to or flushed by something else during the restore. Nothing was changed; try again.',
        );
      }
      let header: { format?: string } | null = null;
      let trailer: { end?: boolean; keys?: number } | null = null;
      let count = 0;
      let batch: Promise<unknown>[] = [];
      const flush = async () => {
        await Promise.all(batch);
        batch = [];
      };
      for await (const line of lines(
        readDump({ store, snapshotId, label: part.name, ...part.dump!, onBytes }),
      )) {
        if (!line) continue;
        if (trailer) throw bad('its dump has data after its last line.');
        let record: Partial<KeyLine> & { format?: string; end?: boolean; keys?: number };
        try {
          record = JSON.parse(line) as typeof record;
        } catch {
          throw bad('its dump has a damaged line.');
        }
        if (!header) {
          if (record.format !== REDIS_FORMAT) throw bad('its dump is not a Rewind Redis dump.');
          header = record;
        } else if (record.end) trailer = record;
        else {
          if (typeof record.k !== 'string' || typeof record.v !== 'string')
            throw bad('its dump has a damaged line.');
          // RESTORE takes the TTL in ms, 0 meaning none. REPLACE: a key listed twice (SCAN may) is one key.
          const ttl = record.t !== undefined && record.t > 0 ? String(record.t) : '0';
          const key = Buffer.from(record.k, 'base64');
          const restored = redis
            .command(
              ['RESTORE', key, ttl, Buffer.from(record.v, 'base64'), 'REPLACE'],
              'load a key (RESTORE)',
            )
            .catch((error: Error) => {
              const from = part.server_version ? ` captured from ${part.server_version}` : '';
              throw new EngineError(
                'restore_failed',
                `Service "${part.name}": the ${describeServer(connection)} refused a key of snapshot ` +
                  `${snapshotId}${from} (${error.message}). Nothing was changed. A Redis older than the one ` +
                  'captured cannot read its DUMP payloads.',
              );
            });
          restored.catch(() => {}); // awaited with its batch; a failure must not go unhandled meanwhile
          batch.push(restored);
          count++;
          if (batch.length >= RESTORE_BATCH) await flush();
        }
      }
      await flush();
      if (!trailer || trailer.keys !== count) {
        throw bad(`its dump ends early (${count} keys read${trailer ? `, ${trailer.keys} recorded` : ''}).`);
      }
    });
  },

  swap: (service) => redisSwap(service),

  async measure(service) {
    try {
      const connection = parseConnection(service);
      return await withRedis(redisConnect(service, connection), (redis) => measureKeys(redis));
    } catch {
      return null;
    }
  },
};

/**
 * The memory the database's keys use (MEMORY USAGE, summed). Redis reports memory for the whole server only,
 * so beyond MEASURE_KEYS keys this is an estimate: the keys seen, scaled up to DBSIZE.
 */
async function measureKeys(redis: RedisSession): Promise<number> {
  const total = Number(await redis.command(['DBSIZE'], 'count the keys'));
  let cursor = '0';
  let seen = 0;
  let bytes = 0;
  do {
    const reply = (await redis.command(['SCAN', cursor, 'COUNT', '1000'], 'list the keys')) as [
      Buffer,
      Buffer[],
    ];
    cursor = reply[0].toString();
    const sizes = await Promise.all(
      reply[1].map((key) => redis.command(['MEMORY', 'USAGE', key], 'measure a key')),
    );
    for (const size of sizes) bytes += Number(size ?? 0);
    seen += reply[1].length;
  } while (cursor !== '0' && seen < MEASURE_KEYS);
  return cursor === '0' || seen === 0 ? bytes : Math.round((bytes / seen) * total);
}
