// Real kills: a restore or a capture runs in its own process and SIGKILLs itself at a failpoint; start-up
// recovery then runs. Before the commit point the environment must be entirely old, after it entirely new,
// with nothing left beside it; an interrupted capture must leave no snapshot behind.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStore } from '../store/local-store.ts';
import type { SnapshotStore } from '../store/snapshot-store.ts';
import { captureSnapshot } from './capture.ts';
import { recoverInterruptedSwaps } from './recovery.ts';
import {
  changeEnvironment,
  createEnvironment,
  environmentSpec,
  environmentState,
  leftovers,
  makeTempDir,
  nodeBin,
  type EnvironmentState,
} from './testing/fixtures.ts';
import { manifestBlobs, type EnvironmentSpec } from './types.ts';

const script = (name: string) => path.join(import.meta.dirname, 'testing', name);

let tmp: { dir: string; cleanup: () => Promise<void> };
let env: EnvironmentSpec;
let store: SnapshotStore;
let writer: DatabaseSync;
let storeRoot: string;
let journalDir: string;

beforeEach(async () => {
  tmp = await makeTempDir('crash');
  env = environmentSpec(tmp.dir);
  writer = createEnvironment(env);
  storeRoot = path.join(tmp.dir, 'store');
  store = createLocalStore(storeRoot);
  journalDir = path.join(tmp.dir, 'journals');
});
afterEach(async () => {
  if (writer.isOpen) writer.close();
  await tmp.cleanup();
});

function runChild(name: string, args: object, failpoint: string) {
  const result = spawnSync(nodeBin, [script(name), JSON.stringify(args)], {
    env: { ...process.env, REWIND_FAILPOINTS: failpoint },
    encoding: 'utf8',
  });
  return { signal: result.signal, status: result.status, stderr: result.stderr };
}

function expectState(actual: EnvironmentState, expected: EnvironmentState) {
  expect(actual.db).toEqual(expected.db);
  expect(actual.tree?.entries).toEqual(expected.tree?.entries);
  for (const [file, mtime] of Object.entries(expected.tree?.mtimes ?? {})) {
    expect(Math.abs(actual.tree!.mtimes[file]! - mtime), file).toBeLessThan(1);
  }
}

const restoreCases = [
  { failpoint: 'restore:after-staging', outcome: 'cleaned', ends: 'old' },
  { failpoint: 'restore:after-journal-swapping', outcome: 'rolled_back', ends: 'old' },
  { failpoint: 'restore:between-renames', outcome: 'rolled_back', ends: 'old' },
  { failpoint: 'restore:after-first-service', outcome: 'rolled_back', ends: 'old' },
  { failpoint: 'restore:before-commit', outcome: 'rolled_back', ends: 'old' },
  { failpoint: 'restore:after-commit', outcome: 'rolled_forward', ends: 'new' },
] as const;

describe('a restore killed at an instant', () => {
  it.each(restoreCases)('$failpoint: recovery leaves the environment entirely $ends', async (testCase) => {
    const captured = environmentState(env);
    await captureSnapshot({
      snapshotId: 'snap_A',
      createdAt: '',
      env,
      store,
      workDir: path.join(tmp.dir, 'w'),
    });
    writer.close();
    changeEnvironment(env);
    const changed = environmentState(env);

    const args = {
      storeRoot,
      snapshotId: 'snap_A',
      target: env,
      selectors: ['db', 'files'],
      journalDir,
      jobId: 'job_1',
    };
    const child = runChild('restore-child.ts', args, testCase.failpoint);
    expect(child.signal, child.stderr).toBe('SIGKILL');
    expect(readdirSync(journalDir)).toEqual(['job_1.json']);

    expect(await recoverInterruptedSwaps(journalDir)).toEqual([
      { jobId: 'job_1', outcome: testCase.outcome },
    ]);
    expectState(environmentState(env), testCase.ends === 'old' ? changed : captured);
    expect(leftovers(env)).toEqual([]);
    expect(readdirSync(journalDir)).toEqual([]);
    expect(await recoverInterruptedSwaps(journalDir)).toEqual([]);
  });

  it('without a failpoint, the same child restores completely', async () => {
    const captured = environmentState(env);
    await captureSnapshot({
      snapshotId: 'snap_A',
      createdAt: '',
      env,
      store,
      workDir: path.join(tmp.dir, 'w'),
    });
    writer.close();
    changeEnvironment(env);
    const args = {
      storeRoot,
      snapshotId: 'snap_A',
      target: env,
      selectors: ['db', 'files'],
      journalDir,
      jobId: 'job_1',
    };
    const child = runChild('restore-child.ts', args, '');
    expect(child.status, child.stderr).toBe(0);
    expectState(environmentState(env), captured);
  });
});

// A blob takes its name only once its content is on disk (flushed in one go, or fsynced one by one), so whatever
// instant the kill hits, every name under blobs/ has its whole content: a later capture may trust it.
const captureCases = [
  { failpoint: 'capture:after-db', named: 'none' },
  { failpoint: 'capture:mid-files', named: 'none' },
  { failpoint: 'store:before-rename', named: 'none' },
  { failpoint: 'store:mid-rename', named: 'some' },
  { failpoint: 'capture:before-manifest', named: 'all' },
] as const;

describe.each(['syncfs', 'fsync'])('a capture killed at an instant (flushing by %s)', (flush) => {
  it.each(captureCases)(
    '$failpoint: no snapshot, only whole blobs named, temporary files cleaned',
    async ({ failpoint, named }) => {
      writer.close();
      const before = environmentState(env);
      const args = { storeRoot, snapshotId: 'snap_K', env, workDir: path.join(tmp.dir, 'w') };
      const child = spawnSync(nodeBin, [script('capture-child.ts'), JSON.stringify(args)], {
        env: { ...process.env, REWIND_FAILPOINTS: failpoint, REWIND_FLUSH: flush },
        encoding: 'utf8',
      });
      expect(child.signal, child.stderr).toBe('SIGKILL');

      expect(await store.getManifest('snap_K')).toBeNull();
      const blobs: string[] = [];
      for await (const blob of store.listBlobs()) blobs.push(blob);
      const tmpDir = path.join(storeRoot, 'tmp');
      const temporary = readdirSync(tmpDir);
      if (named === 'none') expect(blobs).toEqual([]);
      else expect(blobs.length).toBeGreaterThan(0);
      if (named === 'all') expect(temporary).toEqual([]);
      else expect(temporary.length).toBeGreaterThan(0); // it died mid-way
      for (const blob of blobs) await store.verifyBlob(blob);

      await store.cleanTemporary();
      expect(readdirSync(tmpDir)).toEqual([]);
      expect(environmentState(env)).toEqual(before); // a capture only reads

      // The next capture reuses what is named and writes the rest: all of it whole.
      const { manifest } = await captureSnapshot({
        snapshotId: 'snap_L',
        createdAt: '',
        env,
        store,
        workDir: path.join(tmp.dir, 'w'),
      });
      for (const blob of manifestBlobs(manifest)) await store.verifyBlob(blob);
    },
  );
});
