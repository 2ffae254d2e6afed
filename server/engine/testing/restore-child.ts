// Runs one restore in its own process, so crash tests can SIGKILL it at a failpoint (REWIND_FAILPOINTS).
// Usage: node restore-child.ts '<json: storeRoot, snapshotId, target, selectors, journalDir, jobId>'
import { createLocalStore } from '../../store/local-store.ts';
import { restoreSnapshot } from '../restore.ts';
import type { EnvironmentSpec, Selector } from '../types.ts';

interface Args {
  storeRoot: string;
  snapshotId: string;
  target: EnvironmentSpec;
  selectors: Selector[];
  journalDir: string;
  jobId: string;
}

const args = JSON.parse(process.argv[2]!) as Args;
const store = createLocalStore(args.storeRoot);
const manifest = await store.getManifest(args.snapshotId);
if (!manifest) throw new Error(`no manifest for ${args.snapshotId}`);
await restoreSnapshot({
  jobId: args.jobId,
  manifest,
  target: args.target,
  selectors: args.selectors,
  store,
  journalDir: args.journalDir,
  beforeSwap: async () => {},
});
