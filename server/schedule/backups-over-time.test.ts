// Scheduled backups over simulated weeks and months, with real captures and real prunes: what the policy keeps,
// what survives (pinned, the newest, everything while runs fail), and the space pruning gives back.
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../contract/schemas.ts';
import { manifestBlobs } from '../engine/index.ts';
import { contentBytesOnDisk } from '../store/testing/stored-content.ts';
import { fakeClock, type FakeClock } from '../testing/fake-clock.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const envUrl = '/v1/sites/acme-store/environments/staging';
const localDay = (iso: string) => new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });

async function start(at: string): Promise<{ t: TestApp; clock: FakeClock }> {
  const clock = fakeClock(at);
  t = await startTestApp({ clock });
  return { t, clock };
}

async function putPolicy(app: TestApp, schedule: object, retention: object) {
  const response = await app.api({
    method: 'PUT',
    url: `${envUrl}/backup-policy`,
    payload: { schedule, retention },
  });
  expect(response.statusCode, response.body).toBe(200);
}

/**
 * The production environments' nightly default would add their own runs (and their data) to what a test
 * measures, and double the work of long simulations: their schedules are turned off.
 */
async function quietProduction(app: TestApp) {
  for (const site of ['acme-store', 'other-site']) {
    const response = await app.api({
      method: 'PUT',
      url: `/v1/sites/${site}/environments/production/backup-policy`,
      payload: { schedule: { cron: '0 2 * * *', timezone: 'UTC', enabled: false }, retention: { days: 14 } },
    });
    expect(response.statusCode).toBe(200);
  }
}

async function history(app: TestApp): Promise<Snapshot[]> {
  return (await app.api({ method: 'GET', url: `${envUrl}/snapshots?limit=200` })).json<{ data: Snapshot[] }>()
    .data;
}

async function pin(app: TestApp, snapshot: Snapshot) {
  const response = await app.api({
    method: 'PATCH',
    url: `/v1/sites/acme-store/snapshots/${snapshot.id}`,
    payload: { pinned: true, label: 'keep this one' },
  });
  expect(response.json()).toMatchObject({ pinned: true, label: 'keep this one' });
}

async function filesUnder(dir: string): Promise<Array<{ file: string; size: number }>> {
  const out: Array<{ file: string; size: number }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.push({ file, size: (await stat(file)).size });
  }
  return out;
}

describe('scheduled backups over time', () => {
  it('keeps exactly what the policy says over 90 days of nightly backups, and the pinned one', async () => {
    // 1 January 2026, 00:00 in Paris; a backup every night at 02:00 there, pruned after each.
    const { t, clock } = await start('2025-12-31T23:00:00Z');
    await quietProduction(t);
    await putPolicy(
      t,
      { cron: '0 2 * * *', timezone: 'Europe/Paris' },
      { days: 14, keep_last: 3, keep_daily: 7, keep_weekly: 4, keep_monthly: 3 },
    );
    await clock.advanceTo('2026-01-06T00:00:00Z', t.settle);
    const fifth = (await history(t)).find((s) => localDay(s.created_at) === '2026-01-05')!;
    await pin(t, fifth);

    // Just after the 90th night's run and its prune (00:00 UTC is 02:00 in Paris, now on summer time).
    await clock.advanceTo('2026-03-31T00:30:00Z', t.settle);
    const kept = await history(t);
    expect(kept.map((s) => localDay(s.created_at)).reverse()).toEqual([
      '2026-01-05', // pinned
      '2026-01-31', // newest of January: monthly
      '2026-02-28', // newest of February: monthly
      '2026-03-15', // newest of the week of 9 March, the 4th week back: weekly
      // 14 × 24 hours back: since 17 March 01:30 CET, one hour longer in local time as clocks sprang forward
      // on the 29th. It covers the last 7 days (daily), 3 weeks (weekly) and 3 snapshots (keep_last).
      ...Array.from({ length: 15 }, (_, i) => `2026-03-${String(17 + i).padStart(2, '0')}`),
    ]);
    expect(kept.every((s) => s.status === 'ready' && s.kind === 'scheduled')).toBe(true);
    // Kept past its window, January's says until when: April begins, and January is no longer a last 3 months.
    const january = kept.find((s) => localDay(s.created_at) === '2026-01-31')!;
    expect(january.expires_at).toBe('2026-03-31T22:00:00.000Z');
    // What was pruned is gone from the store too.
    const manifests = await readdir(path.join(t.dir, 'data', 'store', 'manifests'));
    expect(manifests.sort()).toEqual(kept.map((s) => `${s.id}.json.zst`).sort());
  });

  it('gives back exactly the space only the pruned snapshots used, keeping the pinned and the newest', async () => {
    const { t, clock } = await start('2026-05-01T00:00:00Z');
    await quietProduction(t);
    await putPolicy(t, { cron: '0 2 * * *', timezone: 'UTC' }, { days: 7, keep_last: 1 });
    // Each day the environment gets one new file and loses the last one, so each snapshot has data of its own.
    for (let day = 1; day <= 5; day++) {
      await rm(path.join(t.envs.staging.uploads, `day-${day - 1}.bin`), { force: true });
      await writeFile(path.join(t.envs.staging.uploads, `day-${day}.bin`), randomBytes(40_000));
      await clock.advanceTo(`2026-05-0${day}T03:00:00Z`, t.settle);
    }
    const all = await history(t);
    expect(all).toHaveLength(5);
    await pin(t, all.at(-1)!);

    // Keep one day only, schedule off: the next daily prune deletes days 2 to 4.
    await putPolicy(t, { cron: '0 2 * * *', timezone: 'UTC', enabled: false }, { days: 1, keep_last: 1 });
    const now = clock.now().getTime() + 86_400_000;
    const doomed = (await history(t)).filter((s) => !s.pinned && !s.held && Date.parse(s.expires_at) <= now);
    expect(doomed.map((s) => s.created_at)).toEqual([
      '2026-05-04T02:00:00.000Z',
      '2026-05-03T02:00:00.000Z',
      '2026-05-02T02:00:00.000Z',
    ]);
    const keepers = all.filter((s) => !doomed.some((d) => d.id === s.id));
    const blobsOf = async (snapshots: Snapshot[]) => {
      const blobs = new Set<string>();
      for (const s of snapshots)
        for (const b of manifestBlobs((await t.services.store.getManifest(s.id))!)) blobs.add(b);
      return blobs;
    };
    const kept = await blobsOf(keepers);
    const unshared = [...(await blobsOf(doomed))].filter((b) => !kept.has(b));
    expect(unshared.length).toBeGreaterThanOrEqual(3);
    const storeDir = path.join(t.dir, 'data', 'store');
    let expectedFreed = 0;
    for (const b of unshared) expectedFreed += (await t.services.store.blobStoredSize(b))!;
    for (const s of doomed)
      expectedFreed += (await stat(path.join(storeDir, 'manifests', `${s.id}.json.zst`))).size;
    // What the store holds as content (its packs and any format-1 blob files) and as manifests; the packs'
    // indexes, which shrink with them, aside.
    const bytes = async () =>
      contentBytesOnDisk(storeDir) +
      (await filesUnder(path.join(storeDir, 'manifests'))).reduce((sum, f) => sum + f.size, 0);
    const before = await bytes();

    await clock.advanceBy(86_400_000, t.settle);
    expect((await history(t)).map((s) => s.id)).toEqual(keepers.map((s) => s.id));
    expect(before - (await bytes())).toBe(expectedFreed);
  });

  it('prunes nothing while scheduled backups fail, and catches up once one succeeds', async () => {
    const { t, clock } = await start('2026-05-01T00:00:00Z');
    await quietProduction(t);
    await putPolicy(t, { cron: '0 2 * * *', timezone: 'UTC' }, { days: 3, keep_last: 1 });
    await clock.advanceTo('2026-05-03T03:00:00Z', t.settle);
    const good = await history(t);
    expect(good).toHaveLength(3);

    const db = t.envs.staging.db;
    const intact = await readFile(db);
    await writeFile(db, 'this is not a database');
    await rm(`${db}-wal`, { force: true });
    await clock.advanceTo('2026-05-07T03:00:00Z', t.settle);
    const failing = await history(t);
    expect(failing.filter((s) => s.status === 'failed')).toHaveLength(4);
    // Every good snapshot is still there, and restorable although past its two days.
    const stillGood = failing.filter((s) => s.status === 'ready');
    expect(stillGood.map((s) => s.id)).toEqual(good.map((s) => s.id));
    expect(stillGood.every((s) => s.held && Date.parse(s.expires_at) < clock.now().getTime())).toBe(true);
    const prunes = (await t.api({ method: 'GET', url: '/v1/sites/acme-store/jobs?status=all&limit=200' }))
      .json<{ data: Array<{ type: string; environment: string }> }>()
      .data.filter((job) => job.type === 'prune' && job.environment === 'staging');
    expect(prunes.length).toBeGreaterThan(3); // the daily prunes ran, and deleted nothing

    await writeFile(db, intact);
    await clock.advanceTo('2026-05-08T03:00:00Z', t.settle);
    const after = await history(t);
    expect(after.map((s) => [s.created_at, s.status])).toEqual([
      ['2026-05-08T02:00:00.000Z', 'ready'],
      ['2026-05-07T02:00:00.000Z', 'failed'],
      ['2026-05-06T02:00:00.000Z', 'failed'],
    ]);
  });
});
