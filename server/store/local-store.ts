// The embedded snapshot store: a local folder (layout in local-layout.ts). Blobs are written in batches made
// durable at once (write-batch.ts), known from an in-memory index (blob-index.ts), and read back checked
// (blob-read.ts).
import { createReadStream } from 'node:fs';
import { lstat, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { zstdCompress, zstdDecompress } from 'node:zlib';
import { compressedBound, decodeBlob } from '../platform/blob-codec.ts';
import { fsyncDir, isNotFound, pathExists, writeFileDurably } from '../platform/durable.ts';
import { EngineError } from '../platform/errors.ts';
import type { Manifest } from './manifest.ts';
import { blobIndex } from './blob-index.ts';
import { blobReader } from './blob-read.ts';
import { localLayout, SHA256 } from './local-layout.ts';
import type { SnapshotStore } from './snapshot-store.ts';
import { writeBatch } from './write-batch.ts';

const compress = promisify(zstdCompress);
const READ_CHUNK = 64 * 1024;
const decompress = promisify(zstdDecompress);
// Snapshot ids are prefixed ULIDs; anything else could climb out of manifests/.
const SNAPSHOT_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function createLocalStore(root: string): SnapshotStore {
  const layout = localLayout(root);
  const { blobsDir, manifestsDir, tmpDir } = layout;
  const index = blobIndex(blobsDir);

  const manifestPath = (snapshotId: string) => {
    if (!SNAPSHOT_ID.test(snapshotId)) {
      throw new EngineError('invalid_snapshot_id', `"${snapshotId}" is not a snapshot id.`);
    }
    return path.join(manifestsDir, `${snapshotId}.json.zst`);
  };

  /**
   * A blob that failed its checksum is moved out of blobs/ (kept for a human to look at): the store stops
   * claiming the content, so the next capture that meets it stores it afresh.
   */
  async function quarantine(sha256: string, file: string): Promise<void> {
    await index.remove(sha256);
    await layout.quarantine(file);
  }

  const openBlob = (sha256: string, size?: number) =>
    decodeBlob(sha256, () => {
      const file = layout.blobPath(sha256);
      // Not 64 kB per read for a blob of a few: a download or a restore reads thousands of them, and dropped
      // buffers are only freed when they add up to tens of megabytes.
      const highWaterMark = size === undefined ? undefined : Math.min(READ_CHUNK, compressedBound(size));
      return {
        content: createReadStream(file, { highWaterMark }),
        where: file,
        onCorrupt: () => quarantine(sha256, file),
      };
    });
  const reader = blobReader(layout, openBlob, quarantine);

  const store: SnapshotStore = {
    async putFile(file, onBytes) {
      const batch = writeBatch(layout, index);
      try {
        const put = await batch.putFile(file, onBytes);
        await batch.commit();
        return put;
      } catch (error) {
        await batch.abort();
        throw error;
      }
    },

    openBatch: () => writeBatch(layout, index),

    async hasBlob(sha256) {
      return SHA256.test(sha256) && (await index.has(sha256));
    },

    // The index holds only well-formed names (listed through SHA256, or hashed by a write), so a malformed one
    // is simply not found: no pattern test per name.
    hasBlobs: (sha256s) => index.holds(sha256s),

    openBlob,
    readBlob: reader.readBlob,
    writeBlobFiles: reader.writeBlobFiles,

    async verifyBlob(sha256) {
      await pipeline(
        store.openBlob(sha256),
        new Writable({ write: (_chunk, _encoding, callback) => callback() }),
      );
    },

    async blobStoredSize(sha256) {
      if (!SHA256.test(sha256)) return null;
      try {
        return (await lstat(layout.blobPath(sha256))).size;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async deleteBlob(sha256) {
      const size = await store.blobStoredSize(sha256);
      if (size === null) return 0;
      // Out of the index first: from this instant no capture may count on it.
      await index.remove(sha256);
      await rm(layout.blobPath(sha256), { force: true });
      return size;
    },

    async *listBlobs() {
      for (const prefix of await readdirOrEmpty(blobsDir)) {
        for (const name of await readdirOrEmpty(path.join(blobsDir, prefix))) {
          if (SHA256.test(name) && name.startsWith(prefix)) yield name;
        }
      }
    },

    async putManifest(manifest) {
      const target = manifestPath(manifest.snapshot_id);
      const data = await compress(Buffer.from(JSON.stringify(manifest)));
      await mkdir(manifestsDir, { recursive: true });
      await writeFileDurably(target, data, tmpDir);
    },

    async getManifest(snapshotId) {
      let data: Buffer;
      try {
        data = await readFile(manifestPath(snapshotId));
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
      try {
        return JSON.parse((await decompress(data)).toString('utf8')) as Manifest;
      } catch {
        throw new EngineError(
          'corrupt_manifest',
          `The manifest of snapshot ${snapshotId} (${manifestPath(snapshotId)}) cannot be read: it is damaged.`,
        );
      }
    },

    async deleteManifest(snapshotId) {
      await rm(manifestPath(snapshotId), { force: true });
      if (await pathExists(manifestsDir)) await fsyncDir(manifestsDir);
    },

    async cleanTemporary() {
      for (const name of await readdirOrEmpty(tmpDir)) {
        await rm(path.join(tmpDir, name), { recursive: true, force: true });
      }
    },
  };
  return store;
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}
