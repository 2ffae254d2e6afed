// Opens a store in its own process, which migrates a format-1 store as it loads, so a crash test can SIGKILL it
// at a failpoint (REWIND_FAILPOINTS). Usage: node migrate-child.ts <store root>
import { createLocalStore } from '../local-store.ts';

await createLocalStore(process.argv[2]!).hasBlob('0'.repeat(64));
