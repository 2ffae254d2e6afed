// "Run now": a backup started by hand as the policy would start it — a snapshot of kind `scheduled`, the
// policy's last run, and its retention applied once it succeeds — on a real app with the scheduler running.
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupPolicy, Environment, Job, Snapshot } from '../../../contract/schemas.ts';
import { fakeClock } from '../../testing/fake-clock.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const base = '/v1/sites/acme-store/environments/staging';

async function history(app: TestApp): Promise<Snapshot[]> {
  return (await app.api({ method: 'GET', url: `${base}/snapshots?limit=200` })).json<{ data: Snapshot[] }>()
    .data;
}

describe('POST …/backup-policy/run', () => {
  it('takes a snapshot of kind scheduled now, then prunes what the policy no longer keeps', async () => {
    const clock = fakeClock('2026-05-01T00:00:00Z');
    const app = (t = await startTestApp({ clock }));
    const put = (retention: object) =>
      app.api({
        method: 'PUT',
        url: `${base}/backup-policy`,
        payload: { schedule: { cron: '0 2 * * 1', timezone: 'UTC', enabled: true }, retention },
      });
    expect((await put({ days: 14 })).statusCode).toBe(200);
    const old = (
      await app.api({
        method: 'POST',
        url: '/v1/sites/acme-store/backups',
        payload: { environment: 'staging' },
      })
    ).json<Job>();
    await app.settle();
    // Three days on, the policy keeps snapshots one day only: the old one is no longer kept, but is
    // deleted only by the next prune.
    await clock.advanceTo('2026-05-03T12:00:00Z', app.settle);
    expect((await put({ days: 1, keep_last: 1 })).statusCode).toBe(200);
    const before = (await app.api({ method: 'GET', url: `${base}/backup-policy` })).json<BackupPolicy>();
    expect((await history(app)).map((s) => s.id)).toEqual([old.snapshot_id]);

    const response = await app.api({
      method: 'POST',
      url: `${base}/backup-policy/run`,
      headers: { 'idempotency-key': 'run-now-1' },
    });
    expect(response.statusCode, response.body).toBe(202);
    const job = response.json<Job>();
    expect(response.headers.location).toBe(`/v1/jobs/${job.id}`);
    expect(job).toMatchObject({ type: 'backup', environment: 'staging', created_by: 'admin' });

    // The same key again: the same job, not a second run.
    const again = await app.api({
      method: 'POST',
      url: `${base}/backup-policy/run`,
      headers: { 'idempotency-key': 'run-now-1' },
    });
    expect(again.json<Job>().id).toBe(job.id);

    await app.settle();
    expect((await app.waitForJob(job.id)).status).toBe('succeeded');
    const snapshots = await history(app);
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]).toMatchObject({
      id: job.snapshot_id,
      kind: 'scheduled',
      status: 'ready',
      created_by: 'admin',
      created_at: '2026-05-03T12:00:00.000Z',
    });
    expect(snapshots[0]!.parts.db?.services.length).toBeGreaterThan(0);
    const jobs = (await app.api({ method: 'GET', url: '/v1/sites/acme-store/jobs?status=all' }))
      .json<{ data: Job[] }>()
      .data.filter((j) => j.environment === 'staging');
    expect(jobs.slice(0, 2).map((j) => [j.type, j.status])).toEqual([
      ['prune', 'succeeded'],
      ['backup', 'succeeded'],
    ]);

    // It is the policy's last run; the schedule's next run stays where it was.
    const env = (await app.api({ method: 'GET', url: base })).json<Environment>();
    expect(env.backup_policy).toMatchObject({
      last_run: { job_id: job.id, status: 'succeeded' },
      last_run_at: '2026-05-03T12:00:00.000Z',
      next_run_at: before.next_run_at,
    });
  });

  it('answers 404 for an environment that does not exist, and starts nothing', async () => {
    const app = (t = await startTestApp());
    const response = await app.api({
      method: 'POST',
      url: '/v1/sites/acme-store/environments/nowhere/backup-policy/run',
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const jobs = (await app.api({ method: 'GET', url: '/v1/sites/acme-store/jobs?status=all' })).json<{
      data: Job[];
    }>();
    expect(jobs.data).toEqual([]);
  });
});
