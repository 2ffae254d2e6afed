import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Environment, Snapshot } from '../../../contract/schemas.ts';
import { manifestBlobs } from '../../engine/types.ts';
import { damageContent } from '../../store/testing/stored-content.ts';
import { changeRows, readRows, treeDigest } from '../../testing/environments.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

describe('restoring snapshots through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const restore = (snap: string, payload: object) =>
    t.api({ method: 'POST', url: `/v1/sites/acme-store/snapshots/${snap}/restore`, payload });

  async function vandalise(env: { db: string; uploads: string }): Promise<void> {
    changeRows(env.db);
    await writeFile(path.join(env.uploads, 'documents', 'terms.md'), 'edited\n');
    await writeFile(path.join(env.uploads, 'added.txt'), 'added\n');
    await rm(path.join(env.uploads, 'products', 'cup.png'), { force: true });
  }

  it('brings back files only, then the database too, then undoes it from the pre-restore snapshot', async () => {
    const env = t.envs.production;
    const capturedTree = await treeDigest(env.uploads);
    const capturedRows = readRows(env.db);
    const snapshot = await t.snapshotOf('production');

    await vandalise(env);
    const changedTree = await treeDigest(env.uploads);
    const changedRows = readRows(env.db);

    const filesOnly = await restore(snapshot.id, { selectors: ['files'], confirm: 'production' });
    expect(filesOnly.statusCode).toBe(202);
    const filesJob = await t.waitForJob(filesOnly.json().id);
    expect(filesJob).toMatchObject({
      status: 'succeeded',
      type: 'restore',
      selectors: ['files'],
      environment: 'production',
    });
    expect(await treeDigest(env.uploads)).toEqual(capturedTree);
    expect(readRows(env.db)).toEqual(changedRows);

    const preRestore = (
      await t.api({
        method: 'GET',
        url: `/v1/sites/acme-store/snapshots/${filesJob.pre_restore_snapshot_id}`,
      })
    ).json<Snapshot>();
    expect(preRestore).toMatchObject({ kind: 'pre_restore', status: 'ready', environment: 'production' });

    const dbToo = await t.waitForJob(
      (await restore(snapshot.id, { selectors: ['db'], confirm: 'production' })).json().id,
    );
    expect(dbToo.status).toBe('succeeded');
    expect(readRows(env.db)).toEqual(capturedRows);
    expect(await treeDigest(env.uploads)).toEqual(capturedTree);

    const undo = await t.waitForJob(
      (
        await restore(filesJob.pre_restore_snapshot_id!, { selectors: ['files'], confirm: 'production' })
      ).json().id,
    );
    expect(undo.status).toBe('succeeded');
    expect(await treeDigest(env.uploads)).toEqual(changedTree);
  });

  it('records what a pre-restore snapshot protects, and names the latest restore on its environment', async () => {
    const environment = async (env: string) =>
      (await t.api({ method: 'GET', url: `/v1/sites/acme-store/environments/${env}` })).json<Environment>();
    const getSnapshot = async (id: string) =>
      (await t.api({ method: 'GET', url: `/v1/sites/acme-store/snapshots/${id}` })).json<Snapshot>();
    const restorePoint = await t.snapshotOf('staging');

    const job = await t.waitForJob(
      (
        await restore(restorePoint.id, {
          selectors: ['db'],
          environment: 'production',
          confirm: 'production',
        })
      ).json().id,
    );
    expect(job.status).toBe('succeeded');
    const preRestore = await getSnapshot(job.pre_restore_snapshot_id!);
    expect(preRestore).toMatchObject({ kind: 'pre_restore', environment: 'production', label: null });
    expect(preRestore.before_restore).toEqual({
      job_id: job.id,
      selectors: ['db'],
      restore_point: {
        snapshot_id: restorePoint.id,
        environment: 'staging',
        environment_id: restorePoint.environment_id,
        kind: 'manual',
        created_at: restorePoint.created_at,
      },
    });
    expect(restorePoint.before_restore).toBeNull();
    const listed = (
      await t.api({ method: 'GET', url: '/v1/sites/acme-store/environments/production/snapshots?limit=1' })
    ).json<{ data: Snapshot[] }>().data;
    expect(listed).toEqual([preRestore]);

    let production = await environment('production');
    expect(production.latest_restore?.job).toMatchObject({ id: job.id, status: 'succeeded' });
    expect(production.latest_restore?.pre_restore_snapshot).toEqual(preRestore);
    expect((await environment('staging')).latest_restore?.job.id).not.toBe(job.id);

    // A restore that fails changed nothing, so the one before it is still the latest that stands.
    const broken = await t.snapshotOf('production');
    await t.services.store.deleteManifest(broken.id);
    const failed = await t.waitForJob(
      (await restore(broken.id, { selectors: ['db'], confirm: 'production' })).json().id,
    );
    expect(failed.status).toBe('failed');
    expect((await environment('production')).latest_restore?.job.id).toBe(job.id);

    // Undoing it is a restore of its pre-restore snapshot, which protects the state it replaces in turn.
    const undo = await t.waitForJob(
      (await restore(preRestore.id, { selectors: ['db'], confirm: 'production' })).json().id,
    );
    expect(undo.status).toBe('succeeded');
    production = await environment('production');
    expect(production.latest_restore?.job).toMatchObject({ id: undo.id, snapshot_id: preRestore.id });
    expect(production.latest_restore?.pre_restore_snapshot?.before_restore?.restore_point).toMatchObject({
      snapshot_id: preRestore.id,
      environment: 'production',
      kind: 'pre_restore',
      created_at: preRestore.created_at,
    });
  });

  it('restores both parts by default, and into another environment of the site', async () => {
    const snapshot = await t.snapshotOf('production');
    const productionTree = await treeDigest(t.envs.production.uploads);
    const productionRows = readRows(t.envs.production.db);
    const job = await t.waitForJob((await restore(snapshot.id, { environment: 'staging' })).json().id);
    expect(job).toMatchObject({ status: 'succeeded', environment: 'staging', selectors: ['db', 'files'] });
    expect(await treeDigest(t.envs.staging.uploads)).toEqual(productionTree);
    expect(readRows(t.envs.staging.db)).toEqual(productionRows);
    const pre = (
      await t.api({ method: 'GET', url: `/v1/sites/acme-store/snapshots/${job.pre_restore_snapshot_id}` })
    ).json();
    expect(pre.environment).toBe('staging');
  });

  it('refuses a snapshot of another site, an unknown one and a bad request, with nothing changed', async () => {
    const snapshot = await t.snapshotOf('production');
    const other = await t.api({
      method: 'POST',
      url: '/v1/sites/other-site/backups',
      payload: { environment: 'production' },
    });
    const otherSnap = (await t.waitForJob(other.json().id)).snapshot_id;
    const before = await treeDigest(t.envs.production.uploads);

    expect((await restore(otherSnap, {})).statusCode).toBe(404);
    expect(
      (await t.api({ method: 'GET', url: `/v1/sites/acme-store/snapshots/${otherSnap}` })).statusCode,
    ).toBe(404);
    expect((await restore('snap_nope', {})).statusCode).toBe(404);
    const badSelector = await restore(snapshot.id, { selectors: ['everything'] });
    expect(badSelector.statusCode).toBe(400);
    expect(badSelector.json().detail).toContain('selectors');
    expect((await restore(snapshot.id, { selectors: [] })).statusCode).toBe(400);
    expect((await restore(snapshot.id, { environment: 'nowhere' })).statusCode).toBe(404);
    expect(await treeDigest(t.envs.production.uploads)).toEqual(before);
  });

  it('restores over a damaged database, keeping the damaged file in the pre-restore snapshot', async () => {
    const env = t.envs.staging;
    const snapshot = await t.snapshotOf('staging');
    const rows = readRows(env.db);
    await rm(`${env.db}-wal`, { force: true });
    await rm(`${env.db}-shm`, { force: true });
    const junk = randomBytes(10_000);
    await writeFile(env.db, junk);

    const job = await t.waitForJob((await restore(snapshot.id, { selectors: ['db'] })).json().id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(readRows(env.db)).toEqual(rows);
    const pre = await t.services.store.getManifest(job.pre_restore_snapshot_id!);
    const dump = pre!.services.find((s) => s.name === 'db')!.dump!;
    expect(dump).toMatchObject({ raw: true, size: junk.length });

    const undo = await t.waitForJob(
      (await restore(job.pre_restore_snapshot_id!, { selectors: ['db'] })).json().id,
    );
    expect(undo.status).toBe('failed');
    expect(undo.error?.code).toBe('damaged_restore_point');
    expect(readRows(env.db)).toEqual(rows);
  });

  it('refuses to restore an expired snapshot, saying so', async () => {
    const snapshot = await t.snapshotOf('production');
    // Past its window, and no longer held as one of the newest (as when newer snapshots replaced it).
    await t.services.catalog.updateSnapshot(snapshot.id, {
      expires_at: new Date(Date.now() - 1000).toISOString(),
      held: false,
    });
    const response = await restore(snapshot.id, {});
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'snapshot_expired' });
    expect(response.json().detail).toMatch(/expired/);
  });

  it('queues a restore behind a running job on the same environment instead of refusing it', async () => {
    const snapshot = await t.snapshotOf('staging');
    const running = (
      await t.api({
        method: 'POST',
        url: '/v1/sites/acme-store/backups',
        payload: { environment: 'staging' },
      })
    ).json();
    const queued = await restore(snapshot.id, {});
    expect(queued.statusCode).toBe(202);
    expect(queued.json().status).toBe('queued');
    expect(queued.json().waiting_for).toBe(running.id);
    expect((await t.waitForJob(queued.json().id)).status).toBe('succeeded');
  });

  it('fails before touching the environment when a stored blob is corrupt, naming the snapshot and the check', async () => {
    const env = t.envs.production;
    // A file of its own, so no other snapshot shares the blob this test breaks.
    await writeFile(path.join(env.uploads, 'only-here.bin'), randomBytes(4096));
    const snapshot = await t.snapshotOf('production');
    await rm(path.join(env.uploads, 'only-here.bin'));
    await vandalise(env);
    const tree = await treeDigest(env.uploads);
    const rows = readRows(env.db);
    const manifest = await t.services.store.getManifest(snapshot.id);
    const entry = manifest!.services
      .find((s) => s.name === 'uploads')!
      .entries!.find((e) => e.path === 'only-here.bin');
    const sha = entry?.type === 'file' ? entry.sha256 : '';
    damageContent(t.services.paths.storeDir, sha, 0xff);

    const job = await t.waitForJob((await restore(snapshot.id, { confirm: 'production' })).json().id);
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('corrupt_snapshot');
    expect(job.error?.detail).toContain(snapshot.id);
    expect(job.pre_restore_snapshot_id).toBeNull();
    expect(await treeDigest(env.uploads)).toEqual(tree);
    expect(readRows(env.db)).toEqual(rows);
  });

  it('deletes a snapshot, refuses a pinned one, and frees only data no other snapshot uses', async () => {
    const env = t.envs.production;
    await writeFile(path.join(env.uploads, 'only-in-a.bin'), randomBytes(8192));
    const a = await t.snapshotOf('production');
    await rm(path.join(env.uploads, 'only-in-a.bin'));
    const b = await t.snapshotOf('production');
    const aBlobs = manifestBlobs((await t.services.store.getManifest(a.id))!);
    const bBlobs = manifestBlobs((await t.services.store.getManifest(b.id))!);
    const unshared = [...aBlobs].filter((sha) => !bBlobs.has(sha));
    expect(unshared.length).toBeGreaterThan(0);

    await t.services.catalog.updateSnapshot(a.id, { pinned: true });
    const remove = (id: string) =>
      t.api({
        method: 'DELETE',
        url: `/v1/sites/acme-store/snapshots/${id}`,
        payload: { confirm: 'production' },
      });
    const pinned = await remove(a.id);
    expect(pinned.statusCode).toBe(409);
    expect(pinned.json().code).toBe('snapshot_pinned');
    await t.services.catalog.updateSnapshot(a.id, { pinned: false });

    const deleted = await remove(a.id);
    expect(deleted.statusCode).toBe(204);
    expect((await t.api({ method: 'GET', url: `/v1/sites/acme-store/snapshots/${a.id}` })).statusCode).toBe(
      404,
    );
    await t.services.lock.whenIdle(async () => {});
    for (const sha of unshared) expect(await t.services.store.hasBlob(sha)).toBe(false);
    for (const sha of bBlobs) expect(await t.services.store.hasBlob(sha)).toBe(true);
    const job = await t.waitForJob((await restore(b.id, { confirm: 'production' })).json().id);
    expect(job.status).toBe('succeeded');
  });
});
