// Deleting a snapshot frees exactly the content no remaining snapshot uses.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStore } from '../store/local-store.ts';
import type { SnapshotStore } from '../store/snapshot-store.ts';
import { captureSnapshot } from './capture.ts';
import { sweepStore } from './sweep.ts';
import { changeEnvironment, createEnvironment, environmentSpec, makeTempDir } from './testing/fixtures.ts';
import { manifestBlobs, type EnvironmentSpec } from './types.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
let env: EnvironmentSpec;
let store: SnapshotStore;

beforeEach(async () => {
  tmp = await makeTempDir('sweep');
  env = environmentSpec(tmp.dir);
  createEnvironment(env).close();
  store = createLocalStore(path.join(tmp.dir, 'store'));
});
afterEach(() => tmp.cleanup());

const capture = (snapshotId: string) =>
  captureSnapshot({ snapshotId, createdAt: '', env, store, workDir: path.join(tmp.dir, 'work') });

describe('sweeping the store', () => {
  it('frees exactly the blobs only a deleted snapshot used', async () => {
    const first = (await capture('snap_1')).manifest;
    changeEnvironment(env);
    const second = (await capture('snap_2')).manifest;

    const kept = manifestBlobs(second);
    const onlyFirst = [...manifestBlobs(first)].filter((sha256) => !kept.has(sha256));
    expect(onlyFirst.length).toBeGreaterThan(1); // the old dump, the deleted photo, the old catalog
    expect([...kept].some((sha256) => manifestBlobs(first).has(sha256))).toBe(true); // shared content exists
    let expectedFreed = 0;
    for (const sha256 of onlyFirst) expectedFreed += (await store.blobStoredSize(sha256))!;

    await store.deleteManifest('snap_1');
    const result = await sweepStore(store, kept);

    expect(result).toEqual({ deletedBlobs: onlyFirst.length, freedBytes: expectedFreed });
    for (const sha256 of onlyFirst) expect(await store.hasBlob(sha256)).toBe(false);
    for (const sha256 of kept) await store.verifyBlob(sha256); // the remaining snapshot is whole
    expect(await sweepStore(store, kept)).toEqual({ deletedBlobs: 0, freedBytes: 0 });
  });
});
