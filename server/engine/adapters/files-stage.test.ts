// A manifest is hostile until checked: entries that would write outside the staging folder, or twice, are
// refused before anything is written, and the environment is left as it was.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStore } from '../../store/local-store.ts';
import type { SnapshotStore } from '../../store/snapshot-store.ts';
import { restoreSnapshot } from '../restore.ts';
import { fingerprintTree, makeTempDir } from '../testing/fixtures.ts';
import type { EnvironmentSpec, Manifest, TreeEntry } from '../types.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
let store: SnapshotStore;
let env: EnvironmentSpec;
let content: { sha256: string; size: number };

beforeEach(async () => {
  tmp = await makeTempDir('hostile');
  store = createLocalStore(path.join(tmp.dir, 'store'));
  writeFileSync(path.join(tmp.dir, 'payload'), 'owned');
  content = await store.putFile(path.join(tmp.dir, 'payload'));
  env = {
    site: 'acme-store',
    name: 'production',
    services: [
      { name: 'uploads', type: 'files', selector: 'files', path: path.join(tmp.dir, 'env', 'uploads') },
    ],
  };
  writeFileSync(path.join(tmp.dir, 'victim.txt'), 'safe');
});
afterEach(() => tmp.cleanup());

const file = (entryPath: string): TreeEntry => ({
  path: entryPath,
  type: 'file',
  mode: 0o644,
  mtime_ms: 0,
  ...content,
});

function manifestOf(entries: TreeEntry[]): Manifest {
  return {
    format: 1,
    snapshot_id: 'snap_EVIL',
    site: 'acme-store',
    environment: 'production',
    created_at: '',
    services: [{ name: 'uploads', type: 'files', selector: 'files', entries, size_bytes: 5, file_count: 1 }],
  };
}

const restore = (entries: TreeEntry[]) =>
  restoreSnapshot({
    jobId: 'job_1',
    manifest: manifestOf(entries),
    target: env,
    selectors: ['files'],
    store,
    journalDir: path.join(tmp.dir, 'journals'),
    beforeSwap: async () => {},
  });

const hostile: Array<[string, TreeEntry[]]> = [
  ['an absolute path', [file('/tmp/evil')]],
  ['a path climbing out', [file('../victim.txt')]],
  [
    'a path climbing out from a folder',
    [{ path: 'a', type: 'dir', mode: 0o755 }, file('a/../../victim.txt')],
  ],
  ['an empty path', [file('')]],
  ['a "." segment', [{ path: 'a', type: 'dir', mode: 0o755 }, file('a/./b')]],
  ['a path through a symlink', [{ path: 'link', type: 'symlink', target: '..' }, file('link/victim.txt')]],
  ['a path through a file', [file('a'), file('a/b')]],
  ['a folder not in the snapshot', [file('missing/b')]],
  ['a duplicate name', [file('twice'), file('twice')]],
  ['a file and a folder with one name', [{ path: 'x', type: 'dir', mode: 0o755 }, file('x')]],
  ['a NUL byte', [file('a\0b')]],
  ['a device', [{ path: 'dev', type: 'chardev', mode: 0o644 } as unknown as TreeEntry]],
  ['a bad checksum', [{ ...file('a'), sha256: '../../etc/passwd' } as TreeEntry]],
];

describe('a hostile manifest', () => {
  it.each(hostile)('is refused: %s', async (_why, entries) => {
    await expect(restore(entries)).rejects.toMatchObject({
      code: 'unsafe_entry',
      message: expect.stringContaining('snap_EVIL'),
    });
    expect(existsSync(path.join(tmp.dir, 'env'))).toBe(false);
    expect(readdirSync(tmp.dir).sort()).toEqual(['journals', 'payload', 'store', 'victim.txt']);
    expect(readdirSync(path.join(tmp.dir, 'journals'))).toEqual([]);
  });

  it('is accepted when every entry is sound, symlinks included (they are created, never followed)', async () => {
    await restore([
      { path: 'a', type: 'dir', mode: 0o755 },
      file('a/b'),
      { path: 'a/escape', type: 'symlink', target: '../../../victim.txt' },
    ]);
    expect(fingerprintTree(env.services[0]!.path!)!.entries).toMatchObject({
      a: 'dir 755',
      'a/b': expect.stringContaining(content.sha256),
      'a/escape': 'symlink → ../../../victim.txt',
    });
  });
});
