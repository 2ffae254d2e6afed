// Freeing space: mark (the caller gathers every blob a remaining manifest names) and sweep (delete the rest).
// The caller runs this only while no capture is running, since a capture's new blobs are named by no manifest
// until it finishes.
import type { SnapshotStore } from '../store/snapshot-store.ts';

export async function sweepStore(
  store: SnapshotStore,
  referenced: Set<string>,
): Promise<{ deletedBlobs: number; freedBytes: number }> {
  const unreferenced: string[] = [];
  for await (const sha256 of store.listBlobs()) if (!referenced.has(sha256)) unreferenced.push(sha256);
  let freedBytes = 0;
  for (const sha256 of unreferenced) freedBytes += await store.deleteBlob(sha256);
  // Packed contents are only marked deleted; this makes it durable and rewrites packs mostly deleted.
  if (unreferenced.length > 0) await store.compact?.();
  return { deletedBlobs: unreferenced.length, freedBytes };
}
