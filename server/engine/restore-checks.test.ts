// A restore that cannot be done right must not start: damaged or missing content, a database that fails its
// integrity check, or a failing pre-restore snapshot all leave the environment exactly as it was.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStore } from '../store/local-store.ts';
import { damageContent } from '../store/testing/stored-content.ts';
import type { SnapshotStore } from '../store/snapshot-store.ts';
import { captureSnapshot } from './capture.ts';
import { restoreSnapshot } from './restore.ts';
import {
  changeEnvironment,
  createEnvironment,
  environmentSpec,
  environmentState,
  leftovers,
  makeTempDir,
} from './testing/fixtures.ts';
import type { EnvironmentSpec, FileEntry, Manifest, Progress } from './types.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
let env: EnvironmentSpec;
let store: SnapshotStore;
let manifest: Manifest;
let journalDir: string;

beforeEach(async () => {
  tmp = await makeTempDir('restore-checks');
  env = environmentSpec(tmp.dir);
  createEnvironment(env).close();
  store = createLocalStore(path.join(tmp.dir, 'store'));
  journalDir = path.join(tmp.dir, 'journals');
  ({ manifest } = await captureSnapshot({
    snapshotId: 'snap_A',
    createdAt: '',
    env,
    store,
    workDir: path.join(tmp.dir, 'work'),
  }));
  changeEnvironment(env);
});
afterEach(() => tmp.cleanup());

const mugEntry = () =>
  manifest.services
    .flatMap((s) => s.entries ?? [])
    .find((e) => e.path === 'products/photos/mug.bin') as FileEntry;

async function expectRestoreFails(code: string, message: RegExp, restored = manifest) {
  const before = environmentState(env);
  const progress: Progress[] = [];
  let swapCalled = false;
  await expect(
    restoreSnapshot({
      jobId: 'job_1',
      manifest: restored,
      target: env,
      selectors: ['db', 'files'],
      store,
      journalDir,
      onProgress: (p) => progress.push(p),
      beforeSwap: async () => {
        swapCalled = true;
      },
    }),
  ).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  expect(swapCalled).toBe(false);
  expect(environmentState(env)).toEqual(before);
  expect(leftovers(env)).toEqual([]);
  expect(existsSync(journalDir) ? readdirSync(journalDir) : []).toEqual([]);
  return progress;
}

describe('a restore that fails its checks', () => {
  it('stops at a flipped byte, naming the snapshot and the file', async () => {
    damageContent(path.join(tmp.dir, 'store'), mugEntry().sha256, 0x40);
    await expectRestoreFails('corrupt_snapshot', /snap_A.*uploads\/products\/photos\/mug\.bin/);
  });

  it('stops at missing content before staging anything', async () => {
    await store.deleteBlob(mugEntry().sha256);
    const progress = await expectRestoreFails('corrupt_snapshot', /snap_A.*mug\.bin.*missing/);
    expect(progress.map((p) => p.phase)).not.toContain('staging');
  });

  it('stops at a damaged database dump', async () => {
    const dump = manifest.services.find((s) => s.type === 'sqlite')!.dump!;
    damageContent(path.join(tmp.dir, 'store'), dump.sha256);
    await expectRestoreFails('corrupt_snapshot', /snap_A.*db/);
  });

  it('stops at a dump that is not a sound database, even when its checksum matches', async () => {
    const garbage = path.join(tmp.dir, 'garbage.db');
    writeFileSync(garbage, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(8192, 7)]));
    const put = await store.putFile(garbage);
    const broken: Manifest = {
      ...manifest,
      services: manifest.services.map((s) =>
        s.dump ? { ...s, dump: { sha256: put.sha256, size: put.size, ext: 'sqlite' } } : s,
      ),
    };
    await expectRestoreFails('corrupt_snapshot', /integrity check/, broken);
  });

  it('stops at a size that differs from the manifest', async () => {
    const lying: Manifest = {
      ...manifest,
      services: manifest.services.map((s) => ({
        ...s,
        entries: s.entries?.map((e) =>
          e.type === 'file' && e.path.endsWith('mug.bin') ? { ...e, size: 10 } : e,
        ),
      })),
    };
    await expectRestoreFails('corrupt_snapshot', /mug\.bin.*larger than the 10 bytes/, lying);
  });

  it('leaves everything untouched when the pre-restore snapshot fails', async () => {
    const before = environmentState(env);
    await expect(
      restoreSnapshot({
        jobId: 'job_1',
        manifest,
        target: env,
        selectors: ['db', 'files'],
        store,
        journalDir,
        beforeSwap: async () => {
          throw new Error('pre-restore snapshot failed');
        },
      }),
    ).rejects.toThrow('pre-restore snapshot failed');
    expect(environmentState(env)).toEqual(before);
    expect(leftovers(env)).toEqual([]);
    expect(readdirSync(journalDir)).toEqual([]);
  });
});
