// The embedded snapshot store: a local folder.
//   blobs/ab/<sha256>               zstd-compressed content, named by the SHA-256 of the uncompressed content
//   manifests/<snapshot_id>.json.zst
//   tmp/                            writes in progress; anything here after a crash is garbage
//   quarantine/                     blobs that failed their checksum, kept for a human to look at
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  lstat,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  unlink,
  type FileHandle,
} from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { zstdCompress, zstdDecompress } from 'node:zlib';
import { compressFileInto, decodeBlob, readSmallFile } from '../engine/blob-codec.ts';
import { fsyncDir, fsyncFile, isNotFound, pathExists, writeFileDurably } from '../engine/durable.ts';
import { EngineError, type Manifest } from '../engine/types.ts';
import type { PutResult, SnapshotStore } from './snapshot-store.ts';

const compress = promisify(zstdCompress);
const decompress = promisify(zstdDecompress);
const SHA256 = /^[0-9a-f]{64}$/;
// Snapshot ids are prefixed ULIDs; anything else could climb out of manifests/.
const SNAPSHOT_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function createLocalStore(root: string): SnapshotStore {
  const blobsDir = path.join(root, 'blobs');
  const manifestsDir = path.join(root, 'manifests');
  const tmpDir = path.join(root, 'tmp');
  const quarantineDir = path.join(root, 'quarantine');

  const blobPath = (sha256: string) => {
    if (!SHA256.test(sha256)) throw new EngineError('missing_blob', `"${sha256}" is not a blob name.`);
    return path.join(blobsDir, sha256.slice(0, 2), sha256);
  };
  const manifestPath = (snapshotId: string) => {
    if (!SNAPSHOT_ID.test(snapshotId)) {
      throw new EngineError('invalid_snapshot_id', `"${snapshotId}" is not a snapshot id.`);
    }
    return path.join(manifestsDir, `${snapshotId}.json.zst`);
  };

  /** Moves a finished, fsynced temporary file into place and makes the new name durable. */
  async function publish(tmp: string, target: string): Promise<void> {
    const dir = path.dirname(target);
    const dirIsNew = !(await pathExists(dir));
    await mkdir(dir, { recursive: true });
    if (dirIsNew) await fsyncDir(path.dirname(dir));
    await rename(tmp, target);
    await fsyncDir(dir);
  }

  /**
   * A blob that failed its checksum is moved out of blobs/ (kept for a human to look at): the store stops
   * claiming the content, so the next capture that meets it stores it afresh.
   */
  async function quarantine(file: string): Promise<void> {
    await mkdir(quarantineDir, { recursive: true });
    await rename(file, path.join(quarantineDir, `${path.basename(file)}.${Date.now()}`));
    await fsyncDir(path.dirname(file));
  }

  /** Uploads folders are mostly small files: read whole, nothing is compressed or written when already stored. */
  async function putSmall(
    content: Buffer,
    tmp: string,
    onBytes?: (bytes: number) => void,
  ): Promise<PutResult> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    onBytes?.(content.length);
    const target = blobPath(sha256);
    if (await pathExists(target)) return { sha256, size: content.length, storedBytes: 0 };
    const compressed = await compress(content);
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(compressed);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await publish(tmp, target);
    return { sha256, size: content.length, storedBytes: compressed.length };
  }

  async function putLarge(
    input: FileHandle,
    tmp: string,
    onBytes?: (bytes: number) => void,
  ): Promise<PutResult> {
    const { sha256, size } = await compressFileInto(input, tmp, onBytes);
    const target = blobPath(sha256);
    if (await pathExists(target)) {
      await unlink(tmp);
      return { sha256, size, storedBytes: 0 };
    }
    await fsyncFile(tmp);
    const storedBytes = (await stat(tmp)).size;
    await publish(tmp, target);
    return { sha256, size, storedBytes };
  }

  const store: SnapshotStore = {
    async putFile(file, onBytes): Promise<PutResult> {
      await mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, randomUUID());
      const input = await open(file, 'r');
      try {
        const small = await readSmallFile(input);
        return small ? await putSmall(small, tmp, onBytes) : await putLarge(input, tmp, onBytes);
      } catch (error) {
        await rm(tmp, { force: true });
        throw error;
      } finally {
        await input.close();
      }
    },

    async hasBlob(sha256) {
      return SHA256.test(sha256) && (await pathExists(blobPath(sha256)));
    },

    openBlob(sha256) {
      return decodeBlob(sha256, () => {
        const file = blobPath(sha256);
        return { content: createReadStream(file), where: file, onCorrupt: () => quarantine(file) };
      });
    },

    async verifyBlob(sha256) {
      await pipeline(
        store.openBlob(sha256),
        new Writable({ write: (_chunk, _encoding, callback) => callback() }),
      );
    },

    async blobStoredSize(sha256) {
      if (!SHA256.test(sha256)) return null;
      try {
        return (await lstat(blobPath(sha256))).size;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async deleteBlob(sha256) {
      const size = await store.blobStoredSize(sha256);
      if (size === null) return 0;
      await rm(blobPath(sha256), { force: true });
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
