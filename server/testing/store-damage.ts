// Breaking a snapshot's stored contents on purpose, so tests can see that a verify notices.
import path from 'node:path';
import type { Services } from '../core/services.ts';
import { damageContent } from '../store/testing/stored-content.ts';

/** The SHA-256 the snapshot's manifest records for a file of a mount. */
export async function contentOf(services: Services, snapshotId: string, service: string, file: string) {
  const manifest = await services.store.getManifest(snapshotId);
  const entry = manifest?.services.find((s) => s.name === service)?.entries?.find((e) => e.path === file);
  if (entry?.type !== 'file') throw new Error(`Snapshot ${snapshotId} has no file ${service}/${file}.`);
  return entry.sha256;
}

/** Flips bits of the stored content on disk, where it lies (a pack's frame or a blob file), as bit rot would. */
export const corruptBlob = async (services: Services, sha256: string) =>
  damageContent(path.resolve(services.paths.storeDir), sha256);

/** Takes the content out of the store behind every snapshot's back, as a careless hand would. */
export const removeBlob = async (services: Services, sha256: string) => {
  await services.store.deleteBlob(sha256);
};
