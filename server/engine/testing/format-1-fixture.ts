// The committed format-1 store (server/store/testing/format-1/, made by make-format-1-fixture.ts): unpacked
// into a test's folder, what each of its snapshots held, and a restore of one that compares with it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { SnapshotStore } from '../../store/snapshot-store.ts';
import { restoreSnapshot } from '../restore.ts';
import type { EnvironmentSpec } from '../types.ts';
import {
  changeEnvironment,
  createEnvironment,
  environmentSpec,
  environmentState,
  type EnvironmentState,
} from './fixtures.ts';

const fixture = path.join(import.meta.dirname, '..', '..', 'store', 'testing', 'format-1');

/** Each snapshot's environment as it was captured, by snapshot id. */
export const format1Snapshots = JSON.parse(
  readFileSync(path.join(fixture, 'expected.json'), 'utf8'),
) as Record<string, EnvironmentState>;

/** Unpacks the fixture into `dir`; returns the store's root. */
export function unpackFormat1Store(dir: string): string {
  execFileSync('tar', ['-xzf', path.join(fixture, 'store.tar.gz'), '-C', dir]);
  return path.join(dir, 'store');
}

// Through JSON, as the expected states were written: a BLOB column becomes the same plain object both ways.
export function expectSameState(state: EnvironmentState, wanted: EnvironmentState): void {
  const actual = JSON.parse(JSON.stringify(state)) as EnvironmentState;
  expect(actual.db).toEqual(wanted.db);
  expect(actual.tree?.entries).toEqual(wanted.tree?.entries);
  for (const [file, mtime] of Object.entries(wanted.tree?.mtimes ?? {})) {
    expect(Math.abs(actual.tree!.mtimes[file]! - mtime), file).toBeLessThan(1);
  }
}

/** Restores the whole snapshot into `target` (an environment that exists). */
export async function restoreInto(
  store: SnapshotStore,
  snapshotId: string,
  target: EnvironmentSpec,
  journalDir: string,
): Promise<void> {
  const manifest = await store.getManifest(snapshotId);
  expect(manifest, snapshotId).not.toBeNull();
  await restoreSnapshot({
    jobId: `job_${snapshotId}`,
    manifest: manifest!,
    target,
    selectors: ['db', 'files'],
    store,
    journalDir,
    beforeSwap: async () => {},
  });
}

/** Restores every snapshot of the fixture over a changed environment under `dir` and compares it. */
export async function expectEverySnapshotRestores(store: SnapshotStore, dir: string): Promise<void> {
  expect(Object.keys(format1Snapshots).length).toBe(2);
  for (const [snapshotId, wanted] of Object.entries(format1Snapshots)) {
    const target = environmentSpec(dir, `restored-${snapshotId}-${Date.now()}`);
    createEnvironment(target).close();
    changeEnvironment(target); // the restore has something to overwrite
    await restoreInto(store, snapshotId, target, path.join(dir, 'journals'));
    expectSameState(environmentState(target), wanted);
  }
}
