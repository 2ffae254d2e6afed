// Scheduled backups on a real app (catalog, store, engine, runner) driven by a fake clock: runs fire at the
// right instants, across daylight-saving changes, once after downtime, and never two at a time.
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupPolicy, Job, Snapshot } from '../../contract/schemas.ts';
import { fakeClock, type FakeClock } from '../testing/fake-clock.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function start(at: string): Promise<{ t: TestApp; clock: FakeClock }> {
  const clock = fakeClock(at);
  t = await startTestApp({ clock });
  return { t, clock };
}

async function putPolicy(app: TestApp, cron: string, timezone: string, retention = { days: 14 }) {
  const response = await app.api({
    method: 'PUT',
    url: '/v1/sites/acme-store/environments/staging/backup-policy',
    payload: { schedule: { cron, timezone, enabled: true }, retention },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<BackupPolicy>();
}

async function scheduled(app: TestApp): Promise<Snapshot[]> {
  const page = await app.api({
    method: 'GET',
    url: '/v1/sites/acme-store/environments/staging/snapshots?limit=200',
  });
  return page
    .json<{ data: Snapshot[] }>()
    .data.filter((s) => s.kind === 'scheduled')
    .reverse();
}

describe('the backup scheduler', () => {
  it('runs a daily 02:30 in Paris at the right instants, once on the spring-forward day', async () => {
    const { t, clock } = await start('2026-03-27T12:00:00Z');
    const policy = await putPolicy(t, '30 2 * * *', 'Europe/Paris');
    expect(policy.next_run_at).toBe('2026-03-28T01:30:00.000Z');

    await clock.advanceTo('2026-03-31T00:00:00Z', t.settle);
    const runs = await scheduled(t);
    expect(runs.map((s) => s.created_at)).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:00:00.000Z', // 02:30 does not exist: 03:00 CEST, when the clock jumps
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
    ]);
    expect(runs.every((s) => s.status === 'ready' && s.created_by === 'scheduler')).toBe(true);
    const env = (await t.api({ method: 'GET', url: '/v1/sites/acme-store/environments/staging' })).json<{
      next_backup_at: string;
      backup_policy: BackupPolicy;
    }>();
    expect(env.next_backup_at).toBe('2026-03-31T00:30:00.000Z');
    expect(env.backup_policy.last_run).toMatchObject({ status: 'succeeded' });
    expect(env.backup_policy.last_run_at).toBe('2026-03-30T00:30:00.000Z');
  });

  it('runs a daily 02:30 in Paris once on the fall-back day, at the first 02:30', async () => {
    const { t, clock } = await start('2026-10-23T12:00:00Z');
    await putPolicy(t, '30 2 * * *', 'Europe/Paris');
    await clock.advanceTo('2026-10-26T12:00:00Z', t.settle);
    expect((await scheduled(t)).map((s) => s.created_at)).toEqual([
      '2026-10-24T00:30:00.000Z', // 02:30 CEST
      '2026-10-25T00:30:00.000Z', // the first 02:30 (CEST); not again at the second (CET)
      '2026-10-26T01:30:00.000Z', // 02:30 CET
    ]);
  });

  it('prunes after each successful run, as a job of its own', async () => {
    const { t, clock } = await start('2026-05-01T00:00:00Z');
    await putPolicy(t, '0 2 * * *', 'UTC');
    await clock.advanceTo('2026-05-01T03:00:00Z', t.settle);
    const jobs = (await t.api({ method: 'GET', url: '/v1/sites/acme-store/jobs?status=all' }))
      .json<{
        data: Job[];
      }>()
      .data.filter((job) => job.environment === 'staging');
    expect(jobs.map((job) => [job.type, job.status, job.created_by])).toEqual([
      ['prune', 'succeeded', 'scheduler'],
      ['backup', 'succeeded', 'scheduler'],
    ]);
    expect(jobs[0]!.snapshot_id).toBe(jobs[1]!.snapshot_id);
  });

  it('catches up once after three days down, then keeps to the schedule', async () => {
    const { t, clock } = await start('2026-05-01T00:00:00Z');
    await putPolicy(t, '0 2 * * *', 'UTC');
    await clock.advanceTo('2026-05-02T12:00:00Z', t.settle);
    expect(await scheduled(t)).toHaveLength(2);

    // Down from midday on the 2nd to midday on the 5th: the runs of the 3rd, 4th and 5th are missed.
    await t.restart(() => clock.advanceTo('2026-05-05T12:00:00Z'));
    await t.settle();
    const afterRestart = await scheduled(t);
    expect(afterRestart.map((s) => s.created_at)).toEqual([
      '2026-05-01T02:00:00.000Z',
      '2026-05-02T02:00:00.000Z',
      '2026-05-05T12:00:00.000Z', // one catch-up run, at start
    ]);
    await clock.advanceTo('2026-05-06T12:00:00Z', t.settle);
    expect((await scheduled(t)).map((s) => s.created_at).at(-1)).toBe('2026-05-06T02:00:00.000Z');
    expect(await scheduled(t)).toHaveLength(4);
  });

  it('skips a slot while the previous run of the environment has not finished, instead of stacking', async () => {
    const { t, clock } = await start('2026-05-01T00:00:00Z');
    await putPolicy(t, '0 * * * *', 'UTC');
    await clock.advanceTo('2026-05-01T01:30:00Z', t.settle);
    const [first] = await scheduled(t);
    const env = (await t.services.catalog.listSites()).find((s) => s.slug === 'acme-store')!;
    const staging = (await t.services.catalog.findEnvironment(env.id, 'staging'))!;
    const state = await t.services.catalog.getScheduleState(staging.id);
    // The last run is still at work (as a long capture would be) when the next two slots come.
    await t.services.catalog.updateJob(state.last_run_job_id!, { status: 'running', finished_at: null });
    await clock.advanceTo('2026-05-01T03:30:00Z', t.settle);
    expect((await scheduled(t)).map((s) => s.id)).toEqual([first!.id]);
    expect((await t.services.catalog.getScheduleState(staging.id)).next_run_at).toBe(
      '2026-05-01T04:00:00.000Z',
    );

    await t.services.catalog.updateJob(state.last_run_job_id!, { status: 'succeeded' });
    await clock.advanceTo('2026-05-01T04:30:00Z', t.settle);
    expect(await scheduled(t)).toHaveLength(2);
  });

  it('answers a bad cron or zone with a 400 that says why, and saves nothing', async () => {
    const { t } = await start('2026-05-01T00:00:00Z');
    const put = (schedule: object) =>
      t.api({
        method: 'PUT',
        url: '/v1/sites/acme-store/environments/staging/backup-policy',
        payload: { schedule, retention: { days: 14 } },
      });
    const badCron = await put({ cron: '0 25 * * *', timezone: 'UTC' });
    expect(badCron.statusCode).toBe(400);
    expect(badCron.headers['content-type']).toContain('application/problem+json');
    expect(badCron.json()).toMatchObject({ code: 'invalid_cron', field: 'schedule.cron' });
    expect(badCron.json().detail).toContain('hour: 25');
    const badZone = await put({ cron: '0 2 * * *', timezone: 'Europe/Atlantis' });
    expect(badZone.json()).toMatchObject({
      status: 400,
      code: 'invalid_timezone',
      field: 'schedule.timezone',
    });
    const missing = await put({ cron: '0 2 * * *' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().detail).toContain('timezone');
    const tooLong = await t.api({
      method: 'PUT',
      url: '/v1/sites/acme-store/environments/staging/backup-policy',
      payload: { schedule: { cron: '0 2 * * *', timezone: 'UTC' }, retention: { days: 0 } },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().detail).toContain('retention.days');
    const policy = await t.api({
      method: 'GET',
      url: '/v1/sites/acme-store/environments/staging/backup-policy',
    });
    expect(policy.json()).toMatchObject({
      is_default: true,
      schedule: { enabled: false },
      next_run_at: null,
    });
  });
});
