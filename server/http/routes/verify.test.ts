import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, Snapshot } from '../../../contract/schemas.ts';
import { contentOf, corruptBlob, removeBlob } from '../../testing/store-damage.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

describe('verifying snapshots through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const verify = (snap: string) =>
    t.api({ method: 'POST', url: `/v1/sites/acme-store/snapshots/${snap}/verify` });
  const verifyAll = (env: string) =>
    t.api({ method: 'POST', url: `/v1/sites/acme-store/environments/${env}/verify` });
  const snapshot = async (id: string) =>
    (await t.api({ method: 'GET', url: `/v1/sites/acme-store/snapshots/${id}` })).json<Snapshot>();

  /** A snapshot of staging holding two files of its own, which no other snapshot shares. */
  async function snapshotWithOwnFiles(): Promise<Snapshot> {
    const uploads = t.envs.staging.uploads;
    await writeFile(path.join(uploads, 'own-a.bin'), randomBytes(8192));
    await writeFile(path.join(uploads, 'own-b.bin'), randomBytes(8192));
    const taken = await t.snapshotOf('staging');
    await rm(path.join(uploads, 'own-a.bin'));
    await rm(path.join(uploads, 'own-b.bin'));
    return taken;
  }

  it('answers 202 with a verify job that reads every content and records the snapshot ok', async () => {
    const taken = await t.snapshotOf('production');
    expect(taken.verification).toBeNull();
    const accepted = await verify(taken.id);
    expect(accepted.statusCode).toBe(202);
    expect(accepted.headers.location).toBe(`/v1/jobs/${accepted.json<Job>().id}`);
    expect(accepted.json<Job>()).toMatchObject({
      type: 'verify',
      verify_scope: 'snapshot',
      snapshot_id: taken.id,
    });

    const job = await t.waitForJob(accepted.json<Job>().id);
    expect(job.status).toBe('succeeded');
    expect(job.progress.total_bytes).toBe(taken.size_bytes);
    expect(job.progress.done_bytes).toBe(job.progress.total_bytes);
    const checked = await snapshot(taken.id);
    expect(checked.verification).toMatchObject({
      status: 'ok',
      job_id: job.id,
      damaged: [],
      damaged_count: 0,
    });
    expect(Date.parse(checked.verification!.checked_at)).toBeGreaterThan(Date.parse(taken.completed_at!));
  });

  it('names each damaged file, refuses the snapshot as a restore point, and restores an intact one as before', async () => {
    const intact = await t.snapshotOf('staging');
    const damaged = await snapshotWithOwnFiles();
    await corruptBlob(t.services, await contentOf(t.services, damaged.id, 'uploads', 'own-a.bin'));
    await removeBlob(t.services, await contentOf(t.services, damaged.id, 'uploads', 'own-b.bin'));

    const job = await t.waitForJob((await verify(damaged.id)).json<Job>().id);
    expect(job.status).toBe('succeeded');
    const { verification } = await snapshot(damaged.id);
    expect(verification?.status).toBe('damaged');
    expect(verification?.damaged_count).toBe(2);
    expect(verification?.damaged.map(({ service, path: file, code }) => ({ service, file, code }))).toEqual([
      { service: 'uploads', file: 'own-a.bin', code: 'corrupt_blob' },
      { service: 'uploads', file: 'own-b.bin', code: 'missing_blob' },
    ]);

    const refused = await t.api({
      method: 'POST',
      url: `/v1/sites/acme-store/snapshots/${damaged.id}/restore`,
      payload: {},
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'snapshot_damaged' });
    expect(refused.json().detail).toContain('uploads/own-a.bin, uploads/own-b.bin');
    expect(refused.json().detail).toContain('restore another point');
    const active = await t.api({ method: 'GET', url: '/v1/sites/acme-store/jobs' });
    expect(active.json().data.filter((j: Job) => j.type === 'restore')).toEqual([]);

    const restored = await t.api({
      method: 'POST',
      url: `/v1/sites/acme-store/snapshots/${intact.id}/restore`,
      payload: {},
    });
    expect(restored.statusCode).toBe(202);
    expect((await t.waitForJob(restored.json<Job>().id)).status).toBe('succeeded');
  });

  it('verifies every ready snapshot of an environment in one job, naming shared damage in each', async () => {
    const first = await t.snapshotOf('production');
    const second = await t.snapshotOf('production');
    // The database dump differs between snapshots; the unchanged file is the content both share.
    const shared = await contentOf(t.services, first.id, 'uploads', 'documents/terms.md');
    expect(await contentOf(t.services, second.id, 'uploads', 'documents/terms.md')).toBe(shared);
    await corruptBlob(t.services, shared);

    const accepted = await verifyAll('production');
    expect(accepted.statusCode).toBe(202);
    expect(accepted.json<Job>()).toMatchObject({ verify_scope: 'environment', snapshot_id: second.id });
    expect((await t.waitForJob(accepted.json<Job>().id)).status).toBe('succeeded');
    for (const id of [first.id, second.id]) {
      const { verification } = await snapshot(id);
      expect(verification?.job_id).toBe(accepted.json<Job>().id);
      expect(verification?.damaged).toEqual([
        expect.objectContaining({ service: 'uploads', path: 'documents/terms.md', sha256: shared }),
      ]);
    }
  });

  it('records a snapshot whose manifest is gone as damaged, naming the manifest', async () => {
    const taken = await t.snapshotOf('staging');
    await t.services.store.deleteManifest(taken.id);
    await t.waitForJob((await verify(taken.id)).json<Job>().id);
    const { verification } = await snapshot(taken.id);
    expect(verification?.status).toBe('damaged');
    expect(verification?.damaged).toEqual([
      expect.objectContaining({ service: null, code: 'missing_manifest' }),
    ]);
  });

  it('refuses what it cannot verify, saying why', async () => {
    const missing = await verify('snap_nope');
    expect(missing.statusCode).toBe(404);
    const noEnv = await verifyAll('nowhere');
    expect(noEnv.statusCode).toBe(404);
    expect(noEnv.json().detail).toContain('nowhere');
  });
});
