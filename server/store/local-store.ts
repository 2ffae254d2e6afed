// The embedded snapshot store: the content store (content-store.ts) over a local folder (backend/).
import { createLocalBackend } from './backend/local-backend.ts';
import { createContentStore } from './content-store.ts';
import type { SnapshotStore } from './snapshot-store.ts';

export function createLocalStore(root: string): SnapshotStore {
  return createContentStore(createLocalBackend(root));
}
