// Breaking a snapshot's stored contents on purpose, so tests can see that a verify notices.
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Services } from '../core/services.ts';

/** The SHA-256 the snapshot's manifest records for a file of a mount. */
export async function contentOf(services: Services, snapshotId: string, service: string, file: string) {
  const manifest = await services.store.getManifest(snapshotId);
  const entry = manifest?.services.find((s) => s.name === service)?.entries?.find((e) => e.path === file);
  if (entry?.type !== 'file') throw new Error(`Snapshot ${snapshotId} has no file ${service}/${file}.`);
  return entry.sha256;
}

/** Where the local store keeps a content (blobs/<first two>/<sha256>). */
export const blobFile = (services: Services, sha256: string) =>
  path.join(services.paths.storeDir, 'blobs', sha256.slice(0, 2), sha256);

/** Overwrites the stored content with bytes that are not it. */
export const corruptBlob = (services: Services, sha256: string) =>
  writeFile(blobFile(services, sha256), 'not the content any more');

/** Removes the stored content, as a lost disk block or a careless hand would. */
export const removeBlob = (services: Services, sha256: string) => rm(blobFile(services, sha256));
