// A format-1 store is moved into packs as it loads: its small blob files become frames of packs, its big ones
// stay files, every snapshot still restores, and a kill at any instant of the move leaves every content whole
// on disk, the next start finishing the job.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStore } from '../store/local-store.ts';
import { manifestBlobs } from '../store/manifest.ts';
import { SMALL_FILE } from '../store/small-blobs.ts';
import { contentOf, storedFrames } from '../store/testing/stored-content.ts';
import {
  expectEverySnapshotRestores,
  format1Snapshots,
  unpackFormat1Store,
} from './testing/format-1-fixture.ts';
import { makeTempDir, nodeBin } from './testing/fixtures.ts';

const child = path.join(import.meta.dirname, '..', 'store', 'testing', 'migrate-child.ts');
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

let tmp: { dir: string; cleanup: () => Promise<void> };
let storeRoot: string;
beforeEach(async () => {
  tmp = await makeTempDir('format-1-migration');
  storeRoot = unpackFormat1Store(tmp.dir);
});
afterEach(() => tmp.cleanup());

/** Object names under a folder of the store, e.g. `blobs`. */
function files(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else found.push(path.relative(storeRoot, path.join(dir, entry.name)));
    }
  };
  walk(path.join(storeRoot, folder));
  return found.sort();
}

/** Every content a snapshot of the fixture names, read from disk as it lies, without the store. */
async function expectEveryContentWhole(): Promise<void> {
  const store = createLocalStore(storeRoot); // manifests only: the store does not load its index for them
  for (const snapshotId of Object.keys(format1Snapshots)) {
    for (const sha256 of manifestBlobs((await store.getManifest(snapshotId))!)) {
      expect(sha(contentOf(storeRoot, sha256)), sha256).toBe(sha256);
    }
  }
}

describe('migrating a format-1 store', () => {
  it('packs its small blob files, keeps the big ones as files, and every snapshot restores', async () => {
    const before = files('blobs');
    const big = before.filter((name) => contentOf(storeRoot, path.basename(name)).length > SMALL_FILE);
    expect(big.length).toBeGreaterThan(0);
    expect(before.length).toBeGreaterThan(big.length + 10);

    const store = createLocalStore(storeRoot);
    await store.cleanTemporary();
    expect(files('blobs')).toEqual(big);
    expect(files('packs').length).toBeGreaterThan(0);
    expect(readdirSync(path.join(storeRoot, 'tmp'))).toEqual([]);
    for (const name of before) {
      const frames = storedFrames(storeRoot, path.basename(name));
      expect(frames[0]!.file.includes('packs')).toBe(!big.includes(name));
    }
    await expectEverySnapshotRestores(store, tmp.dir);

    // Done once: a second start finds nothing to move and changes nothing.
    const packs = files('packs');
    await createLocalStore(storeRoot).cleanTemporary();
    expect(files('packs')).toEqual(packs);
    expect(files('blobs')).toEqual(big);
    await expectEverySnapshotRestores(createLocalStore(storeRoot), tmp.dir);
  });

  // Where each kill leaves the move: no pack named yet, or a pack named while the blob files are still there.
  it.each([
    { failpoint: 'migrate:mid-pack', indexed: false },
    { failpoint: 'migrate:before-publish', indexed: false },
    { failpoint: 'backend:mid-publish', indexed: false },
    { failpoint: 'migrate:after-publish', indexed: true },
    { failpoint: 'migrate:mid-delete', indexed: true },
  ])(
    'killed at $failpoint: every content is whole on disk, and the next start finishes the job',
    async ({ failpoint, indexed }) => {
      const blobFiles = files('blobs').length;
      const killed = spawnSync(nodeBin, [child, storeRoot], {
        env: { ...process.env, REWIND_FAILPOINTS: failpoint },
        encoding: 'utf8',
      });
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      expect(files('index').length > 0).toBe(indexed);
      expect(files('blobs').length).toBe(failpoint === 'migrate:mid-delete' ? blobFiles - 1 : blobFiles);
      await expectEveryContentWhole();

      const store = createLocalStore(storeRoot);
      await store.cleanTemporary();
      expect(readdirSync(path.join(storeRoot, 'tmp'))).toEqual([]);
      expect(
        files('blobs').every((name) => contentOf(storeRoot, path.basename(name)).length > SMALL_FILE),
      ).toBe(true);
      // Every pack has its index, and each index its pack.
      expect(files('packs').map((name) => path.basename(name))).toEqual(
        files('index').map((name) => path.basename(name)),
      );
      await expectEverySnapshotRestores(store, tmp.dir);
    },
  );

  it('refuses a store of a format newer than it knows, saying what to do, and touches nothing', async () => {
    writeFileSync(path.join(storeRoot, 'store.json'), '{"format":3}\n');
    const before = files('blobs');
    const store = createLocalStore(storeRoot);
    await expect(store.cleanTemporary()).rejects.toMatchObject({
      code: 'unsupported_store',
      message: expect.stringMatching(/format 3.*upgrade Rewind/),
    });
    expect(files('blobs')).toEqual(before);
    expect(files('packs')).toEqual([]);
  });
});
