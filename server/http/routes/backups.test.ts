import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../contract/schemas.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

describe('taking snapshots through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const backup = (payload: object, site = 'acme-store') =>
    t.api({ method: 'POST', url: `/v1/sites/${site}/backups`, payload });
  const history = async (env = 'production', site = 'acme-store') =>
    (await t.api({ method: 'GET', url: `/v1/sites/${site}/environments/${env}/snapshots` })).json<{
      data: Snapshot[];
    }>().data;

  it('accepts a backup with 202 and Location, lists its snapshot pending at once and ready when the job ends', async () => {
    const response = await backup({ environment: 'production', label: 'before upgrade' });
    expect(response.statusCode).toBe(202);
    const job = response.json();
    expect(response.headers.location).toBe(`/v1/jobs/${job.id}`);
    expect(job).toMatchObject({ type: 'backup', environment: 'production', selectors: ['db', 'files'] });
    expect(job.id).toMatch(/^job_[0-9A-Z]{26}$/);
    const listed = (await history()).find((s) => s.id === job.snapshot_id);
    expect(listed?.status).toMatch(/pending|ready/);

    const done = await t.waitForJob(job.id);
    expect(done.status).toBe('succeeded');
    expect(done.progress.phase).toBe('done');
    const snapshot = (
      await t.api({ method: 'GET', url: `/v1/sites/acme-store/snapshots/${job.snapshot_id}` })
    ).json<Snapshot>();
    expect(snapshot).toMatchObject({
      status: 'ready',
      kind: 'manual',
      label: 'before upgrade',
      created_by: 'admin',
      pinned: false,
    });
    expect(snapshot.parts.db.services).toEqual(['db']);
    expect(snapshot.parts.files).toMatchObject({ services: ['uploads'], file_count: 4 });
    expect(snapshot.parts.files.size_bytes).toBeGreaterThan(300_000);
    expect(snapshot.size_bytes).toBe(snapshot.parts.db.size_bytes + snapshot.parts.files.size_bytes);
    const days = (Date.parse(snapshot.expires_at) - Date.parse(snapshot.created_at)) / 86_400_000;
    expect(days).toBe(14);
  });

  it('stores a second snapshot of unchanged data in under 1% of the first', async () => {
    const first = await t.waitForJob((await backup({ environment: 'staging' })).json().id);
    const second = await t.waitForJob((await backup({ environment: 'staging' })).json().id);
    const [a, b] = await Promise.all(
      [first, second].map(async (job) =>
        (
          await t.api({ method: 'GET', url: `/v1/sites/acme-store/snapshots/${job.snapshot_id}` })
        ).json<Snapshot>(),
      ),
    );
    expect(a!.stored_bytes).toBeGreaterThan(0);
    expect(b!.stored_bytes).toBeLessThan(a!.stored_bytes * 0.01);
  });

  it('lists the history newest first, a page at a time', async () => {
    for (let i = 0; i < 3; i++)
      await t.waitForJob((await backup({ environment: 'staging', label: `page ${i}` })).json().id);
    const all = await history('staging');
    const first = (
      await t.api({ method: 'GET', url: '/v1/sites/acme-store/environments/staging/snapshots?limit=2' })
    ).json();
    expect(first.data.map((s: Snapshot) => s.id)).toEqual(all.slice(0, 2).map((s) => s.id));
    const second = (
      await t.api({
        method: 'GET',
        url: `/v1/sites/acme-store/environments/staging/snapshots?limit=2&cursor=${first.next_cursor}`,
      })
    ).json();
    expect(second.data.map((s: Snapshot) => s.id)).toEqual(all.slice(2, 4).map((s) => s.id));
    expect([...all].sort((x, y) => y.created_at.localeCompare(x.created_at))).toEqual(all);
  });

  it('queues a second job on a busy environment and says what it waits for', async () => {
    const one = (await backup({ environment: 'production' })).json();
    const two = (await backup({ environment: 'production' })).json();
    const waiting = (await t.api({ method: 'GET', url: `/v1/jobs/${two.id}` })).json();
    expect(waiting.status).toBe('queued');
    expect(waiting.waiting_for).toBe(one.id);
    const active = (await t.api({ method: 'GET', url: '/v1/sites/acme-store/jobs?status=active' })).json();
    expect(active.data.map((j: { id: string }) => j.id)).toEqual(expect.arrayContaining([one.id, two.id]));
    expect((await t.waitForJob(two.id)).status).toBe('succeeded');
  });

  it('fails a snapshot of a broken database clearly, lists it failed, and changes nothing', async () => {
    const broken = path.join(t.envs.staging.db);
    await t.services.runner.idle();
    await rm(broken);
    await writeFile(broken, 'this is not a database');
    const job = await t.waitForJob((await backup({ environment: 'staging' })).json().id);
    expect(job.status).toBe('failed');
    expect(job.error?.detail).toMatch(/db/);
    const snapshot = (await history('staging'))[0]!;
    expect(snapshot.status).toBe('failed');
    expect(snapshot.error?.detail).toBeTruthy();
    expect(await t.services.store.getManifest(snapshot.id)).toBeNull();
  });

  it('answers bad input with a problem naming what is wrong, and makes nothing', async () => {
    const before = (await history('production')).length;
    const cases: Array<[object, number, string | undefined]> = [
      [{ environment: 'nowhere' }, 404, undefined],
      [{}, 400, 'environment'],
      [{ environment: 'production', label: 'x'.repeat(201) }, 400, 'label'],
      [{ environment: 'production', label: 'bad\u0007bell' }, 400, 'label'],
      [{ environment: 'production', colour: 'red' }, 400, 'colour'],
    ];
    for (const [payload, status, field] of cases) {
      const response = await backup(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      if (field) expect(response.json().detail).toContain(field);
    }
    const unknownSite = await backup({ environment: 'production' }, 'nope');
    expect(unknownSite.statusCode).toBe(404);
    expect(unknownSite.json().detail).toContain('nope');
    const notJson = await t.api({
      method: 'POST',
      url: '/v1/sites/acme-store/backups',
      headers: { 'content-type': 'application/json' },
      payload: '{"environment":',
    });
    expect(notJson.statusCode).toBe(400);
    expect((await history('production')).length).toBe(before);
  });
});
