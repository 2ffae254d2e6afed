// Redis, against the server on this machine (databases 9 and 10; restores stage in a spare one): a round
// trip brings back exactly the captured keys, values and remaining TTLs; a capture under writes is one point
// in time; a restore that fails half-way changes nothing; failures never show the password.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { measureService } from '../measure.ts';
import { databaseEnv, harness } from '../testing/db-restore.ts';
import { freshRedis, skipped } from '../testing/db-servers.ts';
import { redisState, withoutTtls } from '../testing/db-state.ts';
import { makeTempDir } from '../testing/fixtures.ts';
import type { ServiceSpec } from '../types.ts';

const LIVE = 9;
const OTHER = 10;
const service = (url: string): ServiceSpec => ({ name: 'cache', type: 'redis', selector: 'db', url });

type Admin = Awaited<ReturnType<typeof freshRedis>>['client'];

async function seed(client: Admin): Promise<void> {
  await client.set('session:ada', 'logged-in', { PX: 3_600_000 });
  await client.set('flash:bob', 'saved', { PX: 120_000 });
  await client.set(Buffer.from([0x00, 0xff, 0x10, 0x0a]), Buffer.from([1, 2, 3, 0, 255]));
  await client.set('counter', '41');
  await client.hSet('user:1', { name: 'Ada', email: 'ada@example.com', ünï: 'cødé ✓' });
  await client.rPush('queue', ['a', 'b', 'c', 'b']);
  await client.sAdd('tags', ['red', 'green', 'blue']);
  await client.zAdd('scores', [
    { score: 1.5, value: 'ada' },
    { score: -3, value: 'bob' },
  ]);
  await client.xAdd('events', '1-1', { kind: 'signup', who: 'ada' });
  await client.set('big', 'x'.repeat(200_000));
}

async function change(client: Admin): Promise<void> {
  await client.del(['counter', 'tags']);
  await client.set('session:ada', 'logged-out'); // and no TTL any more
  await client.hSet('user:1', 'name', 'Eve');
  await client.set('newcomer', 'hello');
  await client.lPush('queue', 'z');
}

describe.skipIf(skipped('redis'))('Redis', () => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let live: Awaited<ReturnType<typeof freshRedis>>;
  let h: ReturnType<typeof harness>;

  beforeEach(async () => {
    tmp = await makeTempDir('redis');
    live = await freshRedis(LIVE);
    await seed(live.client);
    h = harness(tmp.dir);
  });
  afterEach(async () => {
    await live.drop();
    await tmp.cleanup();
  });

  it('restores exactly the captured keys, values and remaining TTLs; connected clients see them', async () => {
    const env = databaseEnv(service(live.url));
    const captured = await redisState(live.url);
    const capturedAt = Date.now();
    const manifest = await h.capture(env);
    expect(manifest.services[0]).toMatchObject({ type: 'redis', dump: { ext: 'redis.jsonl' } });
    expect(manifest.services[0]!.server_version).toMatch(/^Redis \d+/);
    await change(live.client);

    const onlooker = await freshRedis(LIVE); // an application's connection, open across the restore
    await h.restore(manifest, env, { jobId: 'job_redis_1' });
    const restoredAt = Date.now();

    const restored = await redisState(live.url);
    expect(withoutTtls(restored)).toEqual(withoutTtls(captured));
    for (const [key, { pttl }] of Object.entries(captured)) {
      if (pttl === -1) expect(restored[key]!.pttl, key).toBe(-1);
      else {
        expect(restored[key]!.pttl, key).toBeLessThanOrEqual(pttl);
        expect(restored[key]!.pttl, key).toBeGreaterThan(pttl - (restoredAt - capturedAt) - 1000);
      }
    }
    expect(String(await onlooker.client.get('counter'))).toBe('41'); // same connection, restored data
    await onlooker.client.close();
    expect(await live.markers('job_redis_1')).toEqual([]); // the spare database was emptied
  });

  it('captures one point in time while another connection keeps writing', async () => {
    const writer = await freshRedis(LIVE);
    let writing = true;
    let written = 0;
    const writes = (async () => {
      while (writing) {
        await writer.client.multi().incr('items').set(`item:${written}`, 'x').exec();
        written++;
      }
    })();
    const target = await freshRedis(OTHER);
    try {
      while (written < 100) await new Promise((resolve) => setTimeout(resolve, 2));
      const manifest = await h.capture(databaseEnv(service(live.url)));
      const before = written;
      while (written < before + 50) await new Promise((resolve) => setTimeout(resolve, 2));
      writing = false;
      await writes;

      await h.restore(manifest, databaseEnv(service(target.url), 'staging'), { jobId: 'job_redis_2' });
      const state = await redisState(target.url);
      const items = Object.keys(state).filter((key) =>
        Buffer.from(key, 'hex').toString().startsWith('item:'),
      );
      const counter = Number(
        Buffer.from(state[Buffer.from('items').toString('hex')]!.value as string, 'hex'),
      );
      expect(items).toHaveLength(counter); // one point in time: the counter and the items agree
      expect(counter).toBeGreaterThanOrEqual(100);
      expect(counter).toBeLessThan(written);
    } finally {
      writing = false;
      await writes.catch(() => {});
      await writer.client.close();
      await target.drop();
    }
  });

  it.each([
    ['cut off half-way (its checksum matches)', 'corrupt_snapshot'],
    ['holding a payload Redis refuses', 'restore_failed'],
    ['damaged in the store (its checksum does not match)', 'corrupt_snapshot'],
  ])('leaves the live database as it was when the dump is %s', async (kind, code) => {
    const env = databaseEnv(service(live.url));
    const good = await h.capture(env);
    await change(live.client);
    const changed = withoutTtls(await redisState(live.url));
    let manifest = good;
    const lines = h.dumpOf(good).toString().split('\n');
    if (kind.startsWith('cut')) {
      manifest = await h.withDump(
        good,
        Buffer.from(lines.slice(0, Math.ceil(lines.length / 2)).join('\n') + '\n'),
      );
    } else if (kind.startsWith('holding')) {
      const bad = JSON.stringify({ k: Buffer.from('bad').toString('base64'), t: -1, v: 'AAAA' });
      lines.splice(3, 0, bad);
      const trailer = JSON.parse(lines.at(-2)!) as { keys: number };
      lines[lines.length - 2] = JSON.stringify({ end: true, keys: trailer.keys + 1 });
      manifest = await h.withDump(good, Buffer.from(lines.join('\n')));
    } else h.damageDump(good);

    await expect(h.restore(manifest, env, { jobId: 'job_redis_3' })).rejects.toMatchObject({ code });
    expect(withoutTtls(await redisState(live.url))).toEqual(changed);
    expect(await live.markers('job_redis_3')).toEqual([]);
    expect(h.journals()).toEqual([]);
  });

  it('says which server refused, and what to check, without the password', async () => {
    const closed = service('redis://:sekrit-Pa55word@127.0.0.1:1/3');
    const error = (await h.capture(databaseEnv(closed)).catch((e: unknown) => e)) as Error & { code: string };
    expect(error.code).toBe('service_unreachable');
    expect(error.message).toContain('Redis at 127.0.0.1:1, database 3');
    expect(error.message).not.toContain('sekrit');
  });

  it('measures the keys of its own database', async () => {
    const size = await measureService(service(live.url));
    expect(size).toBeGreaterThan(200_000);
    expect(size).toBeLessThan(1_000_000);
    expect(await measureService(service('redis://127.0.0.1:1/0'))).toBeNull();
  });
});
