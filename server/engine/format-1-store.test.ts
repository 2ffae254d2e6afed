// A store written in format 1 (one zstd file per content under blobs/, made by the store before format 2:
// server/store/testing/format-1/, see testing/make-format-1-fixture.ts) keeps working: every snapshot in it
// restores byte for byte and row for row, and new captures into the same folder restore too.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStore } from '../store/local-store.ts';
import { captureSnapshot } from './capture.ts';
import { restoreSnapshot } from './restore.ts';
import {
  changeEnvironment,
  createEnvironment,
  environmentSpec,
  environmentState,
  makeTempDir,
  type EnvironmentState,
} from './testing/fixtures.ts';
import type { EnvironmentSpec } from './types.ts';

const fixture = path.join(import.meta.dirname, '..', 'store', 'testing', 'format-1');
const expected = JSON.parse(readFileSync(path.join(fixture, 'expected.json'), 'utf8')) as Record<
  string,
  EnvironmentState
>;

let tmp: { dir: string; cleanup: () => Promise<void> };
let storeRoot: string;
beforeEach(async () => {
  tmp = await makeTempDir('format-1');
  execFileSync('tar', ['-xzf', path.join(fixture, 'store.tar.gz'), '-C', tmp.dir]);
  storeRoot = path.join(tmp.dir, 'store');
});
afterEach(() => tmp.cleanup());

// Through JSON, as the expected states were written: a BLOB column becomes the same plain object both ways.
function expectSameState(state: EnvironmentState, wanted: EnvironmentState) {
  const actual = JSON.parse(JSON.stringify(state)) as EnvironmentState;
  expect(actual.db).toEqual(wanted.db);
  expect(actual.tree?.entries).toEqual(wanted.tree?.entries);
  for (const [file, mtime] of Object.entries(wanted.tree?.mtimes ?? {})) {
    expect(Math.abs(actual.tree!.mtimes[file]! - mtime), file).toBeLessThan(1);
  }
}

async function restoreInto(snapshotId: string, target: EnvironmentSpec) {
  const store = createLocalStore(storeRoot);
  const manifest = await store.getManifest(snapshotId);
  expect(manifest, snapshotId).not.toBeNull();
  await restoreSnapshot({
    jobId: `job_${snapshotId}`,
    manifest: manifest!,
    target,
    selectors: ['db', 'files'],
    store,
    journalDir: path.join(tmp.dir, 'journals'),
    beforeSwap: async () => {},
  });
}

describe('a format-1 store', () => {
  it('restores every snapshot in it exactly as it was captured', async () => {
    expect(Object.keys(expected).length).toBe(2);
    for (const snapshotId of Object.keys(expected)) {
      const target = environmentSpec(tmp.dir, `restored-${snapshotId}`);
      createEnvironment(target).close();
      changeEnvironment(target);
      await restoreInto(snapshotId, target);
      expectSameState(environmentState(target), expected[snapshotId]!);
    }
  });

  it('takes new snapshots beside the old ones, and all of them restore', async () => {
    const env = environmentSpec(tmp.dir, 'live');
    createEnvironment(env).close();
    const captured = JSON.parse(JSON.stringify(environmentState(env))) as EnvironmentState;
    const store = createLocalStore(storeRoot);
    await captureSnapshot({
      snapshotId: 'snap_NEW',
      createdAt: '',
      env,
      store,
      workDir: path.join(tmp.dir, 'w'),
    });
    for (const snapshotId of [...Object.keys(expected), 'snap_NEW']) {
      const target = environmentSpec(tmp.dir, `again-${snapshotId}`);
      mkdirSync(path.dirname(target.services[0]!.path!), { recursive: true });
      createEnvironment(target).close();
      await restoreInto(snapshotId, target);
      expectSameState(environmentState(target), expected[snapshotId] ?? captured);
    }
  });
});
