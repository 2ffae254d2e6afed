// A store written in format 1 (one zstd file per content under blobs/, made by the store before format 2:
// server/store/testing/format-1/, see testing/make-format-1-fixture.ts) keeps working: every snapshot in it
// restores byte for byte and row for row, and new captures into the same folder restore too. How it is moved
// into packs, and kills during that: format-1-migration.test.ts.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStore } from '../store/local-store.ts';
import { captureSnapshot } from './capture.ts';
import {
  expectEverySnapshotRestores,
  expectSameState,
  format1Snapshots,
  restoreInto,
  unpackFormat1Store,
} from './testing/format-1-fixture.ts';
import {
  createEnvironment,
  environmentSpec,
  environmentState,
  makeTempDir,
  type EnvironmentState,
} from './testing/fixtures.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
let storeRoot: string;
beforeEach(async () => {
  tmp = await makeTempDir('format-1');
  storeRoot = unpackFormat1Store(tmp.dir);
});
afterEach(() => tmp.cleanup());

describe('a format-1 store', () => {
  it('restores every snapshot in it exactly as it was captured', async () => {
    await expectEverySnapshotRestores(createLocalStore(storeRoot), tmp.dir);
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
    for (const snapshotId of [...Object.keys(format1Snapshots), 'snap_NEW']) {
      const target = environmentSpec(tmp.dir, `again-${snapshotId}`);
      mkdirSync(path.dirname(target.services[0]!.path!), { recursive: true });
      createEnvironment(target).close();
      await restoreInto(createLocalStore(storeRoot), snapshotId, target, path.join(tmp.dir, 'journals'));
      expectSameState(environmentState(target), format1Snapshots[snapshotId] ?? captured);
    }
    expect(Object.keys(format1Snapshots).length).toBe(2);
  });
});
