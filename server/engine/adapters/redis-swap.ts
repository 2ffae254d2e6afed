// The Redis swap: the snapshot is staged in a spare logical database, then `SWAPDB live spare` exchanges the
// two datasets atomically: clients connected to the live index see the restored keys from their next
// command, with no reconnect. The spare then holds the old keys until the commit point, after which it is
// flushed. A marker key in the spare database says what it holds (`staged:<job>` or `old:<job>`); it is moved
// in the same Lua script as the SWAPDB, so recovery decides by the marker, like the file swap by paths.
import type { JournalService } from '../journal.ts';
import type { ServiceSwap } from '../swap.ts';
import { EngineError, type ServiceSpec } from '../types.ts';
import { describeServer, parseConnection } from './connection.ts';
import { redisConnect, withRedis, type RedisSession } from './redis-client.ts';

export const MARKER = '__rewind_restore__';

// ARGV: live, spare, marker, expected state, new state. In Redis 7, SELECT inside a script does not change
// the caller's database; every script selects what it touches.
const SWAP_SCRIPT = `
redis.call('SELECT', ARGV[2])
if redis.call('GET', ARGV[3]) ~= ARGV[4] then return 0 end
redis.call('DEL', ARGV[3])
redis.call('SWAPDB', ARGV[1], ARGV[2])
redis.call('SELECT', ARGV[2])
redis.call('SET', ARGV[3], ARGV[5])
return 1`;

// ARGV: spare, marker, job. Reserves an empty database for a restore; the reservation lapses by itself
// after a day, in case Rewind stops before its journal records it.
export const RESERVE_SCRIPT = `
redis.call('SELECT', ARGV[1])
if redis.call('DBSIZE') ~= 0 then return 0 end
redis.call('SET', ARGV[2], 'claimed:' .. ARGV[3], 'PX', 86400000)
return 1`;

// ARGV: spare, marker, job. Starts staging in the database this job reserved (or staged into before).
export const CLAIM_SCRIPT = `
redis.call('SELECT', ARGV[1])
local mark = redis.call('GET', ARGV[2])
if mark ~= 'claimed:' .. ARGV[3] and mark ~= 'staged:' .. ARGV[3] then return 0 end
redis.call('FLUSHDB')
redis.call('SET', ARGV[2], 'staged:' .. ARGV[3])
return 1`;

async function exchange(redis: RedisSession, s: JournalService, from: string, to: string): Promise<boolean> {
  const reply = await redis.command(
    ['EVAL', SWAP_SCRIPT, '0', s.live, s.staged, MARKER, `${from}:${jobOf(s)}`, `${to}:${jobOf(s)}`],
    'swap the databases (SWAPDB)',
  );
  return Number(reply) === 1;
}

/** Flushes the spare database if its marker says it holds this job's data in one of `states`. */
async function flushIf(redis: RedisSession, s: JournalService, states: string[]): Promise<void> {
  const mark = String(await redis.command(['GET', MARKER], 'read the spare database'));
  // ASYNC: the memory is freed in the background; the database is empty at once.
  if (states.some((state) => mark === `${state}:${jobOf(s)}`)) {
    await redis.command(['FLUSHDB', 'ASYNC'], 'empty the spare database');
  }
}

const jobOf = (s: JournalService) => String(s.detail?.job ?? '');

export function redisSwap(service: ServiceSpec): ServiceSwap {
  const connection = parseConnection(service);
  const open = (s: JournalService) => redisConnect(service, connection, Number(s.staged));
  // No spare database reserved yet: nothing was staged, nothing to undo.
  const unreserved = (s: JournalService) => s.staged === '';
  return {
    prepare: async (s) => ({ ...s, had_live: true }),

    swap: (s, between) =>
      withRedis(open(s), async (redis) => {
        if (!(await exchange(redis, s, 'staged', 'old'))) {
          throw new EngineError(
            'restore_failed',
            `Service "${service.name}": the spare database ${s.staged} of the ${describeServer(connection)} no ` +
              'longer holds the staged data (something else wrote to it or flushed it). Nothing was changed; ' +
              'try again.',
          );
        }
        between();
      }),

    rollBack: async (s) => {
      if (unreserved(s)) return;
      await withRedis(open(s), (redis) => exchange(redis, s, 'old', 'staged'));
    },
    dropOld: async (s) => {
      if (!unreserved(s)) await withRedis(open(s), (redis) => flushIf(redis, s, ['old']));
    },
    dropStaged: async (s) => {
      if (!unreserved(s)) await withRedis(open(s), (redis) => flushIf(redis, s, ['claimed', 'staged']));
    },
  };
}
