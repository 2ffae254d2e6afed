import type { SnapshotStorage } from '@contract/schemas';
import { formatBytes } from '@/lib/format';

// Snapshots share the contents they have in common, so deleting one frees only what no other one uses.

/** Before deleting: "Frees about 1.2 MB of storage (40.6 MB of its 41.8 MB are shared with other snapshots)." */
export function describeFrees(storage: SnapshotStorage): string {
  const { store_usage_bytes: total, shared_bytes: shared, freed_bytes: freed } = storage;
  if (shared === 0) return `Frees about ${formatBytes(freed)} of storage.`;
  if (freed === 0) {
    return `Frees next to nothing: all ${formatBytes(total)} of it in the store is shared with other snapshots.`;
  }
  return `Frees about ${formatBytes(freed)} of storage (${formatBytes(shared)} of its ${formatBytes(total)} are shared with other snapshots).`;
}

/** After: "1.2 MB of storage freed; 40.6 MB stays, shared with other snapshots." */
export function describeFreed(storage: SnapshotStorage): string {
  const freed = `${formatBytes(storage.freed_bytes)} of storage freed`;
  return storage.shared_bytes === 0
    ? `${freed}.`
    : `${freed}; ${formatBytes(storage.shared_bytes)} stays, shared with other snapshots.`;
}
