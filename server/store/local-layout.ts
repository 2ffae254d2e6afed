// Where the local store keeps things, and the folder layout every write relies on.
//   blobs/ab/<sha256>               zstd-compressed content, named by the SHA-256 of the uncompressed content
//   manifests/<snapshot_id>.json.zst
//   tmp/                            writes in progress; anything here after a crash is garbage
//   quarantine/                     blobs that failed their checksum, kept for a human to look at
import { randomUUID } from 'node:crypto';
import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir } from '../platform/durable.ts';
import { EngineError } from '../platform/errors.ts';

export const SHA256 = /^[0-9a-f]{64}$/;
const PREFIXES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export interface LocalLayout {
  root: string;
  blobsDir: string;
  manifestsDir: string;
  tmpDir: string;
  blobPath(sha256: string): string;
  tmpFile(): string;
  /** Creates blobs/00…ff and tmp/ once, durably, so no write has to check for (or fsync) a new folder. */
  ready(): Promise<void>;
  /** Moves a blob that failed its checksum out of blobs/. */
  quarantine(file: string): Promise<void>;
}

export function localLayout(root: string): LocalLayout {
  const blobsDir = path.join(root, 'blobs');
  const tmpDir = path.join(root, 'tmp');
  // Joined by hand: path.join's result is a chain of string pieces, ~700 bytes each, and a capture holds one
  // per new blob until it commits.
  const { sep } = path;
  const quarantineDir = path.join(root, 'quarantine');
  let prepared: Promise<void> | null = null;

  return {
    root,
    blobsDir,
    manifestsDir: path.join(root, 'manifests'),
    tmpDir,
    blobPath(sha256) {
      if (!SHA256.test(sha256)) throw new EngineError('missing_blob', `"${sha256}" is not a blob name.`);
      return `${blobsDir}${sep}${sha256.slice(0, 2)}${sep}${sha256}`;
    },
    tmpFile: () => `${tmpDir}${sep}${randomUUID()}`,
    ready() {
      prepared ??= (async () => {
        await mkdir(tmpDir, { recursive: true });
        await Promise.all(PREFIXES.map((prefix) => mkdir(path.join(blobsDir, prefix), { recursive: true })));
        await fsyncDir(blobsDir);
        await fsyncDir(root);
      })().catch((error: unknown) => {
        prepared = null; // a later write tries again
        throw error;
      });
      return prepared;
    },
    async quarantine(file) {
      await mkdir(quarantineDir, { recursive: true });
      await rename(file, path.join(quarantineDir, `${path.basename(file)}.${Date.now()}`));
      await fsyncDir(path.dirname(file));
    },
  };
}
