// Deleting contents from packs, then compacting: space comes back, what stays is whole, and a kill at any
// step leaves a store that restarts with every kept content readable.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreBackend } from './backend/backend.ts';
import { createLocalBackend } from './backend/local-backend.ts';
import { createContentStore } from './content-store.ts';
import { createLocalStore } from './local-store.ts';
import { contentBytesOnDisk, storedFrames } from './testing/stored-content.ts';

const nodeBin = path.resolve(import.meta.dirname, '../../node_modules/.bin/node');
let dir: string;
let root: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rewind-repack-'));
  root = path.join(dir, 'store');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Ten small incompressible contents and one big one (in pieces), put in one batch: one pack. */
async function fill(): Promise<string[]> {
  const store = createLocalStore(root);
  const batch = store.openBatch();
  const files = [];
  for (let at = 0; at < 10; at++) {
    files.push({ file: path.join(dir, `small-${at}`), sizeHint: 20_000 });
    await writeFile(files[at]!.file, randomBytes(20_000));
  }
  files.push({ file: path.join(dir, 'big'), sizeHint: 5_000_000 });
  await writeFile(files[10]!.file, randomBytes(5_000_000));
  const outcomes = await batch.putFiles(files);
  await batch.commit();
  return outcomes.map((outcome) => ('sha256' in outcome ? outcome.sha256 : ''));
}

async function listed(store = createLocalStore(root)): Promise<string[]> {
  const found = [];
  for await (const sha256 of store.listBlobs()) found.push(sha256);
  return found.sort();
}

describe('compacting the store', () => {
  it('rewrites a pack mostly deleted, giving its space back and keeping the rest whole', async () => {
    const contents = await fill();
    const store = createLocalStore(root);
    const before = contentBytesOnDisk(root);
    const removed = [...contents.slice(0, 9), contents[10]!]; // all but one small content
    let freed = 0;
    for (const sha256 of removed) freed += await store.deleteBlob(sha256);
    const result = await store.compact!();

    expect(result.repackedPacks).toBeGreaterThan(0);
    expect(before - contentBytesOnDisk(root)).toBe(result.freedBytes);
    expect(result.freedBytes).toBe(freed);
    await store.verifyBlob(contents[9]!);
    const reopened = createLocalStore(root);
    expect(await listed(reopened)).toEqual([contents[9]]);
    await reopened.verifyBlob(contents[9]!);
    for (const sha256 of removed) expect(await reopened.hasBlob(sha256)).toBe(false);
  });

  it('keeps a pack mostly live, its deletes made durable in its index', async () => {
    const contents = await fill();
    const store = createLocalStore(root);
    const before = contentBytesOnDisk(root);
    await store.deleteBlob(contents[0]!);
    expect(await store.compact!()).toEqual({ repackedPacks: 0, droppedPacks: 0, freedBytes: 0 });
    expect(contentBytesOnDisk(root)).toBe(before);
    const reopened = createLocalStore(root);
    expect(await listed(reopened)).toEqual(contents.slice(1).sort());
    for (const sha256 of contents.slice(1)) await reopened.verifyBlob(sha256);
  });

  it('drops a pack with nothing left in it', async () => {
    const contents = await fill();
    const store = createLocalStore(root);
    for (const sha256 of contents) await store.deleteBlob(sha256);
    const result = await store.compact!();
    expect(result.droppedPacks).toBe(1);
    expect(contentBytesOnDisk(root)).toBe(0);
    expect(await listed(createLocalStore(root))).toEqual([]);
  });

  it('reads the live frames that sit side by side in one read', async () => {
    const contents = await fill();
    const kept = contents.slice(5, 10);
    const frames = kept.map((sha256) => storedFrames(root, sha256)[0]!).sort((a, b) => a.offset - b.offset);
    const runs = frames.filter(
      (frame, at) => at === 0 || frames[at - 1]!.offset + frames[at - 1]!.length !== frame.offset,
    );
    expect(runs.length).toBeLessThan(kept.length);
    const local = createLocalBackend(root);
    const packReads: string[] = [];
    const counted: StoreBackend = {
      ...local,
      get(name, range) {
        if (range && name.startsWith('packs/')) packReads.push(name);
        return local.get(name, range);
      },
    };
    const store = createContentStore(counted);
    for (const sha256 of contents.filter((sha256) => !kept.includes(sha256))) await store.deleteBlob(sha256);
    expect((await store.compact!()).repackedPacks).toBe(1);

    expect(packReads).toHaveLength(runs.length);
    const reopened = createLocalStore(root);
    expect(await listed(reopened)).toEqual([...kept].sort());
    for (const sha256 of kept) await reopened.verifyBlob(sha256);
  });

  it.each(['repack:after-publish', 'repack:mid-delete'])(
    'killed at %s: after restart every kept content is whole, and nothing temporary is left',
    async (failpoint) => {
      const contents = await fill();
      const kept = contents[9]!;
      const removed = contents.filter((sha256) => sha256 !== kept);
      const child = spawnSync(
        nodeBin,
        [
          path.join(import.meta.dirname, 'testing', 'compact-child.ts'),
          JSON.stringify({ storeRoot: root, remove: removed }),
        ],
        { env: { ...process.env, REWIND_FAILPOINTS: failpoint }, encoding: 'utf8' },
      );
      expect(child.signal, child.stderr).toBe('SIGKILL');

      const store = createLocalStore(root);
      await store.cleanTemporary();
      expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
      await store.verifyBlob(kept);
      // Deleted contents may still be offered (the deletes were not durable yet): whole, if so.
      for (const sha256 of await listed(store)) await store.verifyBlob(sha256);
      // The next sweep finishes the job.
      for (const sha256 of removed) await store.deleteBlob(sha256);
      await store.compact!();
      expect(await listed(createLocalStore(root))).toEqual([kept]);
      await createLocalStore(root).verifyBlob(kept);
    },
  );
});
