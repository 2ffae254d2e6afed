// Capturing a Redis database over the protocol, so it works with servers whose disk Rewind cannot reach:
// every key's DUMP payload and remaining TTL (PTTL), one JSON line per key. A per-key dump is only a point in
// time if nothing changes while it runs, so writes are paused server-wide for its duration (`CLIENT PAUSE
// WRITE`, Redis ≥ 6.2): clients that write wait (they are not refused), readers carry on, and keys neither
// expire nor get evicted meanwhile. The pause is renewed in short steps, so if Rewind dies, writes resume
// within seconds; if a renewal comes late the capture fails rather than claim a point in time it lacks.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { EngineError, type ServiceSpec } from '../types.ts';
import { describeServer, type Connection } from './connection.ts';
import { redisConnect, withRedis, type RedisSession, type Reply } from './redis-client.ts';

const PAUSE_MS = 5_000;
const RENEW_EVERY_MS = 1_000;
const SCAN_COUNT = '1000';

export const REDIS_FORMAT = 'rewind-redis-keys';

export interface KeyLine {
  /** The key, base64. */
  k: string;
  /** Remaining time to live in ms, or -1 for none. */
  t: number;
  /** The DUMP payload, base64. */
  v: string;
}

const pauseHint =
  'Rewind pauses writes (CLIENT PAUSE … WRITE, Redis 6.2 or later) while it captures, so the snapshot is one ' +
  'point in time: allow the user +client|pause and +client|unpause.';

/** Keeps writes paused until `stop` is called; `check` throws if the pause may have lapsed. */
async function pauseWrites(service: ServiceSpec, connection: Connection) {
  const pauser = await redisConnect(service, connection);
  let pausedUntil = 0;
  let failure: unknown = null;
  const pause = async () => {
    const asked = Date.now();
    await pauser.command(['CLIENT', 'PAUSE', String(PAUSE_MS), 'WRITE'], 'pause writes', pauseHint);
    pausedUntil = asked + PAUSE_MS;
  };
  try {
    await pause();
  } catch (error) {
    await pauser.close();
    throw error;
  }
  const timer = setInterval(() => pause().catch((error: unknown) => (failure ??= error)), RENEW_EVERY_MS);
  return {
    check() {
      if (failure) throw failure;
      if (Date.now() >= pausedUntil - 250) {
        throw new EngineError(
          'service_unreadable',
          `Service "${service.name}": the ${describeServer(connection)} could not be kept paused for writes ` +
            'during the capture (the server answered too slowly), so the capture would not be one point in ' +
            'time. Try again when the server is less busy.',
        );
      }
    },
    async stop() {
      clearInterval(timer);
      await pauser.command(['CLIENT', 'UNPAUSE'], 'resume writes').catch(() => {});
      await pauser.close();
    },
  };
}

type Output = (values: object[]) => Promise<void>;

// One round trip per batch of keys instead of two commands per key. EVAL_RO (Redis 7) runs while writes are
// paused; on Redis 6.2, or when the ACL refuses it, each key is read with DUMP and PTTL.
const READ_BATCH_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  out[2 * i - 1] = redis.call('DUMP', key) or false
  out[2 * i] = redis.call('PTTL', key)
end
return out`;

async function readBatch(redis: RedisSession, keys: Buffer[], scripted: { ok: boolean }): Promise<Reply[]> {
  if (scripted.ok) {
    try {
      return (await redis.command(
        ['EVAL_RO', READ_BATCH_SCRIPT, String(keys.length), ...keys],
        'read keys (DUMP, PTTL)',
      )) as Reply[];
    } catch {
      scripted.ok = false;
    }
  }
  return Promise.all(
    keys.flatMap((key) => [
      redis.command(['DUMP', key], 'read a key (DUMP)'),
      redis.command(['PTTL', key], 'read a key (PTTL)'),
    ]),
  );
}

async function dumpBatch(redis: RedisSession, keys: Buffer[], scripted: { ok: boolean }): Promise<KeyLine[]> {
  const replies = keys.length === 0 ? [] : await readBatch(redis, keys, scripted);
  const lines: KeyLine[] = [];
  keys.forEach((key, i) => {
    const payload = replies[2 * i];
    const ttl = Number(replies[2 * i + 1]);
    // Gone, or expired and not yet deleted (expiry waits during the pause): not part of the data.
    if (!Buffer.isBuffer(payload) || ttl === -2 || ttl === 0) return;
    lines.push({ k: key.toString('base64'), t: ttl, v: payload.toString('base64') });
  });
  return lines;
}

/** Writes the database's keys to `file` as JSON lines: a header, one line per key, a trailer with the count. */
export async function captureRedis(
  service: ServiceSpec,
  connection: Connection,
  serverVersion: string,
  file: string,
  onOutput: (bytes: number) => void,
): Promise<void> {
  const out = createWriteStream(file, { flags: 'wx', mode: 0o600, highWaterMark: 1024 * 1024 });
  const closed = once(out, 'close');
  closed.catch(() => {}); // awaited below; a write error shows there
  const writeLines: Output = async (values) => {
    if (values.length === 0) return;
    const lines = Buffer.from(values.map((value) => `${JSON.stringify(value)}\n`).join(''));
    onOutput(lines.length);
    if (!out.write(lines)) await once(out, 'drain');
  };
  try {
    await withRedis(redisConnect(service, connection), async (redis) => {
      const pause = await pauseWrites(service, connection);
      try {
        await writeLines([{ format: REDIS_FORMAT, version: 1, server: serverVersion }]);
        let cursor = '0';
        let count = 0;
        const scripted = { ok: true };
        do {
          const reply = (await redis.command(
            ['SCAN', cursor, 'COUNT', SCAN_COUNT],
            'list the keys (SCAN)',
          )) as [Buffer, Buffer[]];
          cursor = reply[0].toString();
          const lines = await dumpBatch(redis, reply[1], scripted);
          await writeLines(lines);
          count += lines.length;
          pause.check();
        } while (cursor !== '0');
        await writeLines([{ end: true, keys: count }]);
      } finally {
        await pause.stop();
      }
    });
  } finally {
    out.end();
    await closed;
  }
}
