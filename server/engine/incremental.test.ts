// A second snapshot of unchanged data must cost almost nothing: no file content read again, almost no bytes
// stored. But a file whose content the store no longer has must be read again, never referenced blindly.
import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStore } from '../store/local-store.ts';
import { damageContent } from '../store/testing/stored-content.ts';
import type { SnapshotStore } from '../store/snapshot-store.ts';
import { captureSnapshot } from './capture.ts';
import { createEnvironment, environmentSpec, makeTempDir, uploadsPath } from './testing/fixtures.ts';
import { manifestBlobs, type EnvironmentSpec, type FileEntry, type Manifest } from './types.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
let env: EnvironmentSpec;
let store: SnapshotStore;
let filesRead: string[];

beforeEach(async () => {
  tmp = await makeTempDir('incremental');
  env = environmentSpec(tmp.dir);
  createEnvironment(env).close();
  // Bigger content, so "under 1%" measures the files and not the database dump.
  writeFileSync(path.join(uploadsPath(env), 'video.bin'), Buffer.alloc(4_000_000, 'frame '));
  const real = createLocalStore(path.join(tmp.dir, 'store'));
  filesRead = [];
  store = {
    ...real,
    openBatch: () => {
      const batch = real.openBatch();
      return {
        ...batch,
        putFile: (file, onBytes, sizeHint) => {
          filesRead.push(file);
          return batch.putFile(file, onBytes, sizeHint);
        },
        putFiles: (files, onBytes) => {
          filesRead.push(...files.map(({ file }) => file));
          return batch.putFiles(files, onBytes);
        },
      };
    },
  };
});
afterEach(() => tmp.cleanup());

const capture = (snapshotId: string, previous: Manifest | null) =>
  captureSnapshot({ snapshotId, createdAt: '', env, store, previous, workDir: path.join(tmp.dir, 'work') });

const uploadsRead = () => filesRead.filter((file) => file.startsWith(uploadsPath(env)));
const fileEntry = (manifest: Manifest, entryPath: string) =>
  manifest.services.flatMap((s) => s.entries ?? []).find((e) => e.path === entryPath) as FileEntry;

describe('a second snapshot', () => {
  it('reads no unchanged file again and stores under 1% of the first', async () => {
    const first = await capture('snap_1', null);
    expect(uploadsRead().length).toBeGreaterThan(5);
    filesRead = [];
    const second = await capture('snap_2', first.manifest);
    expect(uploadsRead()).toEqual([]);
    expect(second.storedBytes).toBeLessThan(first.storedBytes * 0.01);
    expect(second.sizeBytes).toBe(first.sizeBytes);
    const files = (m: Manifest) => m.services.find((s) => s.type === 'files')!.entries;
    expect(files(second.manifest)).toEqual(files(first.manifest));
  });

  it('asks the store about every unchanged file in one call, not one per file', async () => {
    const first = await capture('snap_1', null);
    const asked: string[][] = [];
    let single = 0;
    const real = store;
    store = {
      ...real,
      hasBlobs: (sha256s) => {
        asked.push([...sha256s]);
        return real.hasBlobs(sha256s);
      },
      hasBlob: (sha256) => {
        single++;
        return real.hasBlob(sha256);
      },
    };
    await capture('snap_2', first.manifest);
    const files = first.manifest.services.find((s) => s.type === 'files')!.entries!;
    const contents = files.flatMap((entry) => (entry.type === 'file' ? [entry.sha256] : []));
    expect(contents.length).toBeGreaterThan(5);
    expect(asked).toEqual([contents]);
    // At most the database's dump: one question for its one service.
    expect(single).toBeLessThanOrEqual(env.services.filter((service) => service.selector === 'db').length);
  });

  it('reads a file again when its size or mtime changed, even with the same size', async () => {
    const first = await capture('snap_1', null);
    const csv = path.join(uploadsPath(env), 'products', 'catalog.csv');
    writeFileSync(csv, 'sku,name\nMUG-1,Mug\nTEE-3,T-shirt\n'); // same length, new content
    utimesSync(csv, new Date(), new Date(Date.now() + 5_000));
    filesRead = [];
    const second = await capture('snap_2', first.manifest);
    expect(uploadsRead()).toEqual([csv]);
    expect(fileEntry(second.manifest, 'products/catalog.csv').sha256).not.toBe(
      fileEntry(first.manifest, 'products/catalog.csv').sha256,
    );
  });

  it('reads a file again when the store lost its content', async () => {
    const first = await capture('snap_1', null);
    const mug = fileEntry(first.manifest, 'products/photos/mug.bin');
    await store.deleteBlob(mug.sha256);
    filesRead = [];
    await capture('snap_2', first.manifest);
    expect(uploadsRead()).toEqual([path.join(uploadsPath(env), 'products', 'photos', 'mug.bin')]);
    expect(await store.hasBlob(mug.sha256)).toBe(true);
  });

  it('stores a damaged content afresh, which repairs the older snapshots that name it', async () => {
    const first = await capture('snap_1', null);
    const mug = fileEntry(first.manifest, 'products/photos/mug.bin');
    damageContent(path.join(tmp.dir, 'store'), mug.sha256, 0xff);
    await expect(store.verifyBlob(mug.sha256)).rejects.toMatchObject({ code: 'corrupt_blob' });

    filesRead = [];
    await capture('snap_2', first.manifest);
    expect(uploadsRead()).toEqual([path.join(uploadsPath(env), 'products', 'photos', 'mug.bin')]);
    for (const sha256 of manifestBlobs(first.manifest)) await store.verifyBlob(sha256); // snap_1 is whole again
  });
});
