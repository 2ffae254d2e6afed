// Made the format-1 store fixture (server/store/testing/format-1/) with the store as it was before format 2:
// two snapshots of a small environment, and what each snapshot's environment looked like, fingerprinted
// independently of the store. Kept to show how the fixture was made; running it today writes format 2.
// Usage: node make-format-1-fixture.ts <out-dir>
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createLocalStore } from '../../store/local-store.ts';
import { captureSnapshot } from '../capture.ts';
import {
  changeEnvironment,
  createEnvironment,
  environmentSpec,
  environmentState,
  makeTempDir,
} from './fixtures.ts';

const out = path.resolve(process.argv[2] ?? 'format-1');
const tmp = await makeTempDir('format-1-fixture');
const env = environmentSpec(tmp.dir);
const writer = createEnvironment(env);
const store = createLocalStore(path.join(tmp.dir, 'store'));
const expected: Record<string, unknown> = {};
const capture = async (snapshotId: string) => {
  await captureSnapshot({ snapshotId, createdAt: '', env, store, workDir: path.join(tmp.dir, 'work') });
  expected[snapshotId] = environmentState(env);
};
await capture('snap_01FORMAT1A');
writer.close();
changeEnvironment(env);
await capture('snap_01FORMAT1B');
mkdirSync(out, { recursive: true });
execFileSync('tar', ['-czf', path.join(out, 'store.tar.gz'), '-C', tmp.dir, 'store']);
writeFileSync(path.join(out, 'expected.json'), `${JSON.stringify(expected, null, 1)}\n`);
await tmp.cleanup();
