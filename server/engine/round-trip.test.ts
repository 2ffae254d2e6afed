// Capture, change, restore, diff — the way restic's integration tests do it: the restored environment must be
// the captured one, file by file and row by row.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStore } from '../store/local-store.ts';
import type { SnapshotStore } from '../store/snapshot-store.ts';
import { captureSnapshot } from './capture.ts';
import { restoreSnapshot } from './restore.ts';
import {
  changeEnvironment,
  createEnvironment,
  dbPath,
  environmentSpec,
  environmentState,
  leftovers,
  makeTempDir,
  type EnvironmentState,
} from './testing/fixtures.ts';
import type { EnvironmentSpec, Manifest, Progress, Selector } from './types.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
let env: EnvironmentSpec;
let store: SnapshotStore;
let writer: DatabaseSync;
let journalDir: string;

beforeEach(async () => {
  tmp = await makeTempDir('round-trip');
  env = environmentSpec(tmp.dir);
  writer = createEnvironment(env);
  store = createLocalStore(path.join(tmp.dir, 'store'));
  journalDir = path.join(tmp.dir, 'journals');
});
afterEach(async () => {
  if (writer.isOpen) writer.close();
  await tmp.cleanup();
});

async function capture(snapshotId = 'snap_A', onProgress?: (p: Progress) => void): Promise<Manifest> {
  const result = await captureSnapshot({
    snapshotId,
    createdAt: '2025-06-01T12:00:00.000Z',
    env,
    store,
    workDir: path.join(tmp.dir, 'work'),
    onProgress,
  });
  return result.manifest;
}

async function restore(
  manifest: Manifest,
  selectors: Selector[],
  target = env,
  onProgress?: (p: Progress) => void,
) {
  await restoreSnapshot({
    jobId: 'job_1',
    manifest,
    target,
    selectors,
    store,
    journalDir,
    onProgress,
    beforeSwap: async () => {},
  });
}

function expectSameState(actual: EnvironmentState, expected: EnvironmentState) {
  expect(actual.db).toEqual(expected.db);
  expect(actual.tree?.entries).toEqual(expected.tree?.entries);
  for (const [file, mtime] of Object.entries(expected.tree?.mtimes ?? {})) {
    expect(Math.abs(actual.tree!.mtimes[file]! - mtime), file).toBeLessThan(1);
  }
}

function expectNoRestoreLeftovers(target: EnvironmentSpec) {
  expect(leftovers(target)).toEqual([]);
  expect(existsSync(journalDir) ? readdirSync(journalDir) : []).toEqual([]);
}

describe('capture then restore', () => {
  it('brings back the database and every file exactly as captured', async () => {
    expect(statSync(`${dbPath(env)}-wal`).size).toBeGreaterThan(0); // the newest orders are only in the WAL
    const captured = environmentState(env);
    expect(captured.db!.orders).toHaveLength(200);

    const captureProgress: Progress[] = [];
    const manifest = await capture('snap_A', (p) => captureProgress.push(p));
    writer.close();
    changeEnvironment(env);
    const changed = environmentState(env);
    expect(changed.db).not.toEqual(captured.db);
    expect(changed.tree).not.toEqual(captured.tree);
    expect(existsSync(`${dbPath(env)}-wal`)).toBe(true); // hot WAL of the changed data

    let stateBeforeSwap: EnvironmentState | null = null;
    const restoreProgress: Progress[] = [];
    await restoreSnapshot({
      jobId: 'job_1',
      manifest,
      target: env,
      selectors: ['db', 'files'],
      store,
      journalDir,
      onProgress: (p) => restoreProgress.push(p),
      beforeSwap: async () => {
        stateBeforeSwap = environmentState(env);
      },
    });

    expect(stateBeforeSwap).toEqual(changed); // the pre-restore snapshot sees the environment untouched
    expect(existsSync(`${dbPath(env)}-wal`)).toBe(false); // the stale WAL went with the old database
    expectSameState(environmentState(env), captured);
    expectNoRestoreLeftovers(env);

    const phases = (events: Progress[]) => [...new Set(events.map((p) => p.phase))];
    expect(phases(captureProgress)).toEqual(['capturing_db', 'capturing_files', 'finalizing']);
    expect(phases(restoreProgress)).toEqual(['verifying', 'staging', 'swapping', 'finalizing']);
    for (const p of [...captureProgress, ...restoreProgress])
      expect(p.doneBytes).toBeLessThanOrEqual(p.totalBytes);
    expect(captureProgress.at(-1)!.doneBytes).toBe(captureProgress.at(-1)!.totalBytes);
    expect(restoreProgress.at(-1)!.doneBytes).toBe(restoreProgress.at(-1)!.totalBytes);
  });

  it('records the tree in the manifest: sorted, symlinks not followed, sizes and counts', async () => {
    const manifest = await capture();
    const uploads = manifest.services.find((s) => s.name === 'uploads')!;
    const paths = uploads.entries!.map((e) => e.path);
    expect(paths).toEqual([...paths].sort());
    expect(uploads.entries).toContainEqual({
      path: 'latest-photo',
      type: 'symlink',
      target: 'products/photos/mug.bin',
    });
    expect(uploads.entries).toContainEqual({ path: 'empty folder', type: 'dir', mode: 0o755 });
    expect(uploads.file_count).toBe(uploads.entries!.filter((e) => e.type === 'file').length);
    const db = manifest.services.find((s) => s.name === 'db')!;
    expect(db.dump).toMatchObject({ ext: 'sqlite' });
    expect(readdirSync(path.join(tmp.dir, 'work'))).toEqual([]); // the backup copy is gone
  });

  it('restores only the database when asked, leaving the files as they are', async () => {
    const captured = environmentState(env);
    const manifest = await capture();
    writer.close();
    changeEnvironment(env);
    const changed = environmentState(env);
    await restore(manifest, ['db']);
    const now = environmentState(env);
    expect(now.db).toEqual(captured.db);
    expect(now.tree).toEqual(changed.tree);
    expectNoRestoreLeftovers(env);
  });

  it('restores only the files when asked, leaving the database as it is', async () => {
    const captured = environmentState(env);
    const manifest = await capture();
    writer.close();
    changeEnvironment(env);
    const changed = environmentState(env);
    await restore(manifest, ['files']);
    const now = environmentState(env);
    expect(now.db).toEqual(changed.db);
    expectSameState({ ...now, db: null }, { ...captured, db: null });
    expectNoRestoreLeftovers(env);
  });

  it('restores into another environment with other paths, existing or not', async () => {
    const captured = environmentState(env);
    const manifest = await capture();
    writer.close();

    const fresh = environmentSpec(path.join(tmp.dir, 'elsewhere'), 'preview-checkout');
    await restore(manifest, ['db', 'files'], fresh);
    expectSameState(environmentState(fresh), captured);
    expectNoRestoreLeftovers(fresh);

    const staging = environmentSpec(tmp.dir, 'staging');
    createEnvironment(staging).close();
    changeEnvironment(staging);
    await restore(manifest, ['db', 'files'], staging);
    expectSameState(environmentState(staging), captured);
    expectNoRestoreLeftovers(staging);
  });

  it('refuses a target without the same services, before touching anything', async () => {
    const manifest = await capture();
    writer.close();
    const before = environmentState(env);
    const renamed: EnvironmentSpec = {
      ...env,
      services: env.services.map((s) => (s.type === 'files' ? { ...s, name: 'media' } : s)),
    };
    await expect(restore(manifest, ['db', 'files'], renamed)).rejects.toMatchObject({
      code: 'service_mismatch',
    });
    expect(environmentState(env)).toEqual(before);
    expectNoRestoreLeftovers(env);
  });

  it('fails clearly on an unreadable environment, and writes no manifest', async () => {
    writer.close();
    const missing: EnvironmentSpec = {
      ...env,
      services: env.services.map((s) =>
        s.type === 'sqlite' ? { ...s, path: path.join(tmp.dir, 'nope.db') } : s,
      ),
    };
    await expect(
      captureSnapshot({ snapshotId: 'snap_X', createdAt: '', env: missing, store, workDir: tmp.dir }),
    ).rejects.toMatchObject({ code: 'service_unreadable', message: expect.stringContaining('nope.db') });
    const noMount: EnvironmentSpec = {
      ...env,
      services: env.services.map((s) =>
        s.type === 'files' ? { ...s, path: path.join(tmp.dir, 'gone') } : s,
      ),
    };
    await expect(
      captureSnapshot({ snapshotId: 'snap_X', createdAt: '', env: noMount, store, workDir: tmp.dir }),
    ).rejects.toMatchObject({ code: 'service_unreadable', message: expect.stringContaining('gone') });
    expect(await store.getManifest('snap_X')).toBeNull();
  });
});
