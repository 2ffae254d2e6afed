import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStore } from '../store/local-store.ts';
import { damageContent } from '../store/testing/stored-content.ts';
import type { SnapshotStore } from '../store/snapshot-store.ts';
import type { FileEntry, Manifest, Progress } from './types.ts';
import { verifySnapshots } from './verify.ts';

let dir: string;
let store: SnapshotStore;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rewind-verify-'));
  store = createLocalStore(path.join(dir, 'store'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function stored(name: string, size: number): Promise<FileEntry> {
  const file = path.join(dir, name);
  await writeFile(file, randomBytes(size));
  const put = await store.putFile(file);
  return { path: name, type: 'file', size: put.size, mode: 0o644, mtime_ms: 0, sha256: put.sha256 };
}

const manifest = (snapshotId: string, entries: FileEntry[]): Manifest => ({
  format: 1,
  snapshot_id: snapshotId,
  site: 'acme-store',
  environment: 'production',
  created_at: '2026-01-01T00:00:00.000Z',
  services: [
    { name: 'uploads', type: 'files', selector: 'files', entries, size_bytes: 0, file_count: entries.length },
  ],
});

describe('verifying snapshots against the store', () => {
  it('reads a shared content once and names a damaged one in every snapshot that has it', async () => {
    const shared = await stored('shared.bin', 5 * 1024 * 1024);
    const own = await stored('own.bin', 1000);
    damageContent(path.join(dir, 'store'), shared.sha256);
    const seen: Progress[] = [];
    const damage = await verifySnapshots({
      store,
      manifests: [
        manifest('snap_a', [shared, own]),
        manifest('snap_b', [{ ...shared, path: 'renamed.bin' }]),
      ],
      onProgress: (p) => seen.push(p),
    });
    expect(seen.at(-1)).toEqual({
      phase: 'verifying',
      doneBytes: shared.size + 1000,
      totalBytes: shared.size + 1000,
    });
    expect(damage.get('snap_a')?.map((d) => [d.path, d.code])).toEqual([['shared.bin', 'corrupt_blob']]);
    expect(damage.get('snap_b')?.map((d) => [d.path, d.code])).toEqual([['renamed.bin', 'corrupt_blob']]);
  });

  it('finds a content of another size than the manifest records, and one that is missing', async () => {
    const small = await stored('small.bin', 2000);
    const damage = await verifySnapshots({
      store,
      manifests: [
        manifest('snap_a', [
          { ...small, size: 1999 },
          { ...small, path: 'gone.bin', sha256: 'f'.repeat(64) },
        ]),
      ],
    });
    expect(damage.get('snap_a')?.map((d) => [d.path, d.code])).toEqual([
      ['gone.bin', 'missing_blob'],
      ['small.bin', 'size_mismatch'],
    ]);
  });

  it('answers an empty list for an intact snapshot', async () => {
    const damage = await verifySnapshots({ store, manifests: [manifest('snap_a', [await stored('a', 10)])] });
    expect(damage.get('snap_a')).toEqual([]);
  });
});
