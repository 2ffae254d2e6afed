// What snapshots really occupy in the content-addressed store, where they share what they have in common:
// per snapshot (what deleting it frees) and per environment. Checked against the store's own files.
import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Environment, List, Snapshot, SnapshotStorage } from '../../../contract/schemas.ts';
import { manifestBlobs } from '../../engine/types.ts';
import { contentBytesOnDisk } from '../../store/testing/stored-content.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

describe('store usage', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const get = async <T>(url: string) => (await t.api({ method: 'GET', url })).json<T>();
  const storageOf = (snap: string) => get<SnapshotStorage>(`/v1/sites/acme-store/snapshots/${snap}/storage`);
  const usageOf = async (env: string) =>
    (await get<Environment>(`/v1/sites/acme-store/environments/${env}`)).store_usage_bytes;
  const remove = (snap: string, confirm = 'production') =>
    t.api({
      method: 'DELETE',
      url: `/v1/sites/acme-store/snapshots/${snap}`,
      payload: { confirm },
    });

  /** The contents of these snapshots, each once, from their manifests in the store. */
  async function contentsOf(ids: string[]): Promise<Set<string>> {
    const all = new Set<string>();
    for (const id of ids)
      for (const sha of manifestBlobs((await t.services.store.getManifest(id))!)) all.add(sha);
    return all;
  }
  async function storedBytes(contents: Iterable<string>): Promise<number> {
    let sum = 0;
    for (const sha of contents) sum += (await t.services.store.blobStoredSize(sha)) ?? 0;
    return sum;
  }
  const historyIds = async (env: string) =>
    (await get<List<Snapshot>>(`/v1/sites/acme-store/environments/${env}/snapshots?limit=200`)).data.map(
      (snapshot) => snapshot.id,
    );
  /** The snapshot's contents, split by whether another snapshot of either environment refers to them too. */
  async function sharing(snap: string) {
    const mine = await contentsOf([snap]);
    const others = await contentsOf(
      [...(await historyIds('production')), ...(await historyIds('staging'))].filter((id) => id !== snap),
    );
    return {
      mine,
      others,
      shared: [...mine].filter((sha) => others.has(sha)),
      unshared: [...mine].filter((sha) => !others.has(sha)),
    };
  }
  /** What GET …/storage must answer for the snapshot, from the manifests and the store's own sizes. */
  async function expectedStorage(snap: string): Promise<SnapshotStorage> {
    const { mine, shared, unshared } = await sharing(snap);
    return {
      snapshot_id: snap,
      store_usage_bytes: await storedBytes(mine),
      shared_bytes: await storedBytes(shared),
      freed_bytes: await storedBytes(unshared),
    };
  }
  /** Every byte of content the store keeps on disk (its packs and blob files). */
  const blobFolderBytes = async () => contentBytesOnDisk(t.services.paths.storeDir);

  it('says what a snapshot occupies and shares, and deleting it frees exactly the rest', async () => {
    const env = t.envs.production;
    const first = await t.snapshotOf('production');
    await writeFile(path.join(env.uploads, 'only-in-second.bin'), randomBytes(200_000));
    const second = await t.snapshotOf('production');

    const { others, shared, unshared } = await sharing(second.id);
    expect(shared.length).toBeGreaterThan(0);
    expect(unshared.length).toBeGreaterThan(0);
    expect(others).toEqual(new Set([...(await contentsOf([first.id]))]));

    const preview = await storageOf(second.id);
    expect(preview).toEqual(await expectedStorage(second.id));
    // The new file is the only content the second snapshot does not share; it is stored incompressible.
    expect(preview.freed_bytes).toBeGreaterThan(200_000);

    const before = await blobFolderBytes();
    const deleted = await remove(second.id);
    expect(deleted.statusCode).toBe(204);
    await t.services.requestSweep();
    expect(before - (await blobFolderBytes())).toBe(preview.freed_bytes);
    for (const sha of shared) expect(await t.services.store.hasBlob(sha)).toBe(true);
  });

  it('gives each environment what its snapshots occupy, a content shared by several counted once', async () => {
    const env = t.envs.production;
    await t.snapshotOf('production');
    const expected = async () => storedBytes(await contentsOf(await historyIds('production')));
    const usage = await usageOf('production');
    expect(usage).toBe(await expected());
    expect(usage).toBeGreaterThan(0);

    // Nothing changed: a new snapshot shares every content, so the store holds nothing more for it.
    await t.snapshotOf('production');
    expect(await usageOf('production')).toBe(usage);

    await writeFile(path.join(env.uploads, 'new-upload.bin'), randomBytes(100_000));
    const grown = await t.snapshotOf('production');
    const added = await storageOf(grown.id);
    expect(await usageOf('production')).toBe(usage + added.freed_bytes);
    expect(added.freed_bytes).toBeGreaterThan(100_000);

    expect((await remove(grown.id)).statusCode).toBe(204);
    expect(await usageOf('production')).toBe(usage);
    const listed = await get<List<Environment>>('/v1/sites/acme-store/environments');
    expect(listed.data.find((e) => e.name === 'production')?.store_usage_bytes).toBe(usage);
    expect(listed.data.find((e) => e.name === 'staging')?.store_usage_bytes).toBe(
      await storedBytes(await contentsOf(await historyIds('staging'))),
    );
  });

  it('answers the environments from memory until one of their snapshots is taken or deleted', async () => {
    await get('/v1/sites/acme-store/environments');
    const summed = vi.spyOn(t.services.catalog, 'environmentStoreUsage');
    try {
      for (let i = 0; i < 3; i++) await get('/v1/sites/acme-store/environments');
      expect(summed).not.toHaveBeenCalled();

      const staging = await t.snapshotOf('staging');
      const after = await usageOf('staging');
      expect(after).toBe(await storedBytes(await contentsOf(await historyIds('staging'))));
      const stagingId = staging.environment_id;
      expect(summed.mock.calls.map(([id]) => id)).toEqual([stagingId]);
    } finally {
      summed.mockRestore();
    }
  });

  it('keeps a content another environment still refers to when a snapshot goes, and frees it after the last', async () => {
    // The same file in both environments (as after restoring production into staging): one content.
    const file = randomBytes(150_000);
    for (const env of [t.envs.production, t.envs.staging])
      await writeFile(path.join(env.uploads, 'both.bin'), file);
    const sha = createHash('sha256').update(file).digest('hex');
    const inProduction = await t.snapshotOf('production');
    const inStaging = await t.snapshotOf('staging');
    expect((await sharing(inProduction.id)).shared).toContain(sha);
    expect(await storageOf(inProduction.id)).toEqual(await expectedStorage(inProduction.id));

    expect((await remove(inProduction.id)).statusCode).toBe(204);
    await t.services.requestSweep();
    // Every content a remaining snapshot refers to is still whole in the store, the shared one too.
    const remaining = await contentsOf([
      ...(await historyIds('production')),
      ...(await historyIds('staging')),
    ]);
    expect(remaining).toContain(sha);
    for (const content of remaining) await t.services.store.verifyBlob(content);
    const alone = await storageOf(inStaging.id);
    expect(alone).toEqual(await expectedStorage(inStaging.id));
    expect(alone.freed_bytes).toBeGreaterThanOrEqual((await t.services.store.blobStoredSize(sha))!);

    expect((await remove(inStaging.id, 'staging')).statusCode).toBe(204);
    await t.services.requestSweep();
    expect(await t.services.store.hasBlob(sha)).toBe(false);
  });
});
