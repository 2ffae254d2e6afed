// Deletes contents and compacts the store in its own process, so a crash test can SIGKILL it at a failpoint
// (REWIND_FAILPOINTS). Usage: node compact-child.ts '<json: storeRoot, remove: sha256[]>'
import { createLocalStore } from '../local-store.ts';

const args = JSON.parse(process.argv[2]!) as { storeRoot: string; remove: string[] };
const store = createLocalStore(args.storeRoot);
for (const sha256 of args.remove) await store.deleteBlob(sha256);
await store.compact!();
