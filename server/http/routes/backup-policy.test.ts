import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupPolicy, Environment, Snapshot } from '../../../contract/schemas.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

const dayMs = 86_400_000;

describe('backup policies and snapshot changes through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const policyUrl = (env: string) => `/v1/sites/acme-store/environments/${env}/backup-policy`;
  const patch = (snap: string, payload: unknown) =>
    t.api({ method: 'PATCH', url: `/v1/sites/acme-store/snapshots/${snap}`, payload: payload as object });

  it("gives each environment its type's default: production nightly, the others off", async () => {
    const production = (await t.api({ method: 'GET', url: policyUrl('production') })).json<BackupPolicy>();
    expect(production).toMatchObject({
      environment: 'production',
      is_default: true,
      schedule: { cron: '0 2 * * *', timezone: 'UTC', enabled: true },
      retention: { days: 14, keep_last: 3, keep_daily: 0, keep_weekly: 0, keep_monthly: 0 },
      last_run: null,
      updated_by: null,
    });
    expect(Date.parse(production.next_run_at!)).toBeGreaterThan(Date.now());
    expect(new Date(production.next_run_at!).getUTCHours()).toBe(2);
    const staging = (
      await t.api({ method: 'GET', url: '/v1/sites/acme-store/environments/staging' })
    ).json<Environment>();
    expect(staging.backup_policy).toMatchObject({
      is_default: true,
      schedule: { enabled: false },
      next_run_at: null,
    });
    expect(staging.next_backup_at).toBeNull();
    expect((await t.api({ method: 'GET', url: policyUrl('nowhere') })).statusCode).toBe(404);
  });

  it('saves a policy, shows the next run on the environment, and measures windows again when days change', async () => {
    const before = await t.snapshotOf('staging');
    expect(Date.parse(before.expires_at) - Date.parse(before.created_at)).toBe(14 * dayMs);
    const response = await t.api({
      method: 'PUT',
      url: policyUrl('staging'),
      payload: {
        schedule: { cron: '30 3 * * 1', timezone: 'europe/paris' },
        retention: { days: 30, keep_last: 5 },
      },
    });
    expect(response.statusCode).toBe(200);
    const saved = response.json<BackupPolicy>();
    expect(saved).toMatchObject({
      is_default: false,
      schedule: { cron: '30 3 * * 1', timezone: 'Europe/Paris', enabled: true },
      retention: { days: 30, keep_last: 5, keep_daily: 0, keep_weekly: 0, keep_monthly: 0 },
      updated_by: 'admin',
    });
    const next = new Date(saved.next_run_at!);
    expect(
      next.toLocaleString('en-GB', {
        timeZone: 'Europe/Paris',
        weekday: 'long',
        hour: '2-digit',
        minute: '2-digit',
      }),
    ).toBe('Monday 03:30');
    const env = (
      await t.api({ method: 'GET', url: '/v1/sites/acme-store/environments/staging' })
    ).json<Environment>();
    expect(env.next_backup_at).toBe(saved.next_run_at);
    expect((await t.api({ method: 'GET', url: policyUrl('staging') })).json()).toEqual(saved);
    const after = (
      await t.api({ method: 'GET', url: `/v1/sites/acme-store/snapshots/${before.id}` })
    ).json<Snapshot>();
    expect(Date.parse(after.expires_at) - Date.parse(after.created_at)).toBe(30 * dayMs);
  });

  it("accepts a zone's old and current names alike, and keeps its current name", async () => {
    for (const [sent, kept] of [
      ['Europe/Kiev', 'Europe/Kyiv'],
      ['Europe/Kyiv', 'Europe/Kyiv'],
      ['Asia/Calcutta', 'Asia/Kolkata'],
      ['Asia/Kolkata', 'Asia/Kolkata'],
    ]) {
      const response = await t.api({
        method: 'PUT',
        url: policyUrl('staging'),
        payload: { schedule: { cron: '0 2 * * *', timezone: sent }, retention: { days: 14 } },
      });
      expect(response.statusCode, `${sent}: ${response.body}`).toBe(200);
      expect(response.json<BackupPolicy>().schedule.timezone).toBe(kept);
      expect((await t.api({ method: 'GET', url: policyUrl('staging') })).json().schedule.timezone).toBe(kept);
    }
  });

  it('relabels and pins a snapshot; a pinned one cannot be deleted until unpinned', async () => {
    const snapshot = await t.snapshotOf('production');
    const labelled = await patch(snapshot.id, { label: '  before the 2.4 upgrade  ' });
    expect(labelled.statusCode).toBe(200);
    expect(labelled.json()).toMatchObject({ label: 'before the 2.4 upgrade', pinned: false });

    expect((await patch(snapshot.id, { pinned: true })).json()).toMatchObject({
      pinned: true,
      label: 'before the 2.4 upgrade',
    });
    const refused = await t.api({ method: 'DELETE', url: `/v1/sites/acme-store/snapshots/${snapshot.id}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('snapshot_pinned');

    expect((await patch(snapshot.id, { pinned: false, label: '' })).json()).toMatchObject({
      pinned: false,
      label: null,
    });
    const deleted = await t.api({
      method: 'DELETE',
      url: `/v1/sites/acme-store/snapshots/${snapshot.id}`,
      payload: { confirm: 'production' },
    });
    expect(deleted.statusCode).toBe(204);
  });

  it('answers a bad change with a problem naming what is wrong', async () => {
    const snapshot = await t.snapshotOf('production');
    const cases: Array<[unknown, string]> = [
      [{}, ''],
      [{ label: 'x'.repeat(201) }, 'label'],
      [{ pinned: 'yes' }, 'pinned'],
      [{ colour: 'red' }, 'colour'],
    ];
    for (const [payload, field] of cases) {
      const response = await patch(snapshot.id, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      if (field) expect(response.json().detail).toContain(field);
    }
    expect((await patch('snap_nope', { pinned: true })).statusCode).toBe(404);
  });
});
