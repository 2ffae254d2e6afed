// Runs one capture in its own process, so crash tests can SIGKILL it at a failpoint (REWIND_FAILPOINTS).
// Usage: node capture-child.ts '<json: storeRoot, snapshotId, env, workDir>'
import { createLocalStore } from '../../store/local-store.ts';
import { captureSnapshot } from '../capture.ts';
import type { EnvironmentSpec } from '../types.ts';

interface Args {
  storeRoot: string;
  snapshotId: string;
  env: EnvironmentSpec;
  workDir: string;
}

const args = JSON.parse(process.argv[2]!) as Args;
await captureSnapshot({
  snapshotId: args.snapshotId,
  createdAt: new Date().toISOString(),
  env: args.env,
  store: createLocalStore(args.storeRoot),
  workDir: args.workDir,
});
