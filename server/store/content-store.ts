// The snapshot store over any backend (backend/backend.ts): contents hashed, compressed and packed
// (pack-batch.ts), found through a compact in-memory index (content-index.ts) loaded from the packs' indexes,
// and read back checked (blob-read.ts); a format-1 store is moved into packs as it loads (migrate.ts).
// Layout: pack-format.ts. It assumes one store object per backend per
// process (the server makes one), like the sweep lock does: objects changed behind its back are not seen.
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { zstdCompress, zstdDecompress } from 'node:zlib';
import { EngineError } from '../platform/errors.ts';
import type { StoreBackend } from './backend/backend.ts';
import { blobReader, objectOf } from './blob-read.ts';
import { checkStore } from './check.ts';
import { ContentIndex, SHA256, type Location } from './content-index.ts';
import type { Manifest } from './manifest.ts';
import { packBatch } from './pack-batch.ts';
import { compactPacks } from './repack.ts';
import { loadStore, names, newPackEntries } from './store-load.ts';
import { chunksName, decodeChunks, indexName, packName } from './pack-format.ts';
import type { SnapshotStore } from './snapshot-store.ts';

const compress = promisify(zstdCompress);
const decompress = promisify(zstdDecompress);
// Snapshot ids are prefixed ULIDs; anything else could climb out of manifests/.
const SNAPSHOT_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function createContentStore(backend: StoreBackend): SnapshotStore {
  const index = new ContentIndex();
  const pieceRefs = new Map<string, number>();
  let loading: Promise<void> | null = null;

  const manifestName = (snapshotId: string) => {
    if (!SNAPSHOT_ID.test(snapshotId)) {
      throw new EngineError('invalid_snapshot_id', `"${snapshotId}" is not a snapshot id.`);
    }
    return `manifests/${snapshotId}.json.zst`;
  };

  const load = () => loadStore(backend, index, pieceRefs);

  const ready = () => {
    loading ??= load().catch((error: unknown) => {
      loading = null; // a later call tries again
      throw error;
    });
    return loading;
  };

  /** Pieces no chunk list refers to any more are forgotten; returns the bytes of their frames. */
  function release(pieces: string[]): number {
    let freed = 0;
    for (const piece of pieces) {
      const refs = (pieceRefs.get(piece) ?? 1) - 1;
      if (refs > 0) pieceRefs.set(piece, refs);
      else {
        pieceRefs.delete(piece);
        for (const gone of index.remove(piece, true)) freed += gone.length;
      }
    }
    return freed;
  }

  async function piecesOf(sha256: string): Promise<string[]> {
    const data = await backend.get(chunksName(sha256));
    return data
      ? decodeChunks(data, sha256, `${backend.where}/${chunksName(sha256)}`).map((p) => p.sha256)
      : [];
  }

  /**
   * A content that failed its check is set aside, kept for a human to look at: its bytes are copied to
   * quarantine/ (a pack's frame) or moved there (a blob file, a chunk list), and the store stops offering it,
   * so the next capture that meets the content stores it afresh, which repairs every snapshot naming it.
   */
  async function quarantine(sha256: string, location: Location): Promise<void> {
    const name = objectOf(sha256, location);
    const bytes = await backend.get(name, location.pack ? location : undefined);
    const tag = location.pack ?? (location.chunked ? `chunks-${Date.now()}` : `${Date.now()}`);
    if (bytes) await backend.publish([await backend.stage(`quarantine/${sha256}.${tag}`, bytes)]);
    if (location.pack) index.remove(sha256, false, location.pack);
    else {
      const pieces = location.chunked ? await piecesOf(sha256) : [];
      index.remove(sha256);
      await backend.delete(name);
      release(pieces);
    }
  }

  /**
   * Where a content is; on a miss, after looking for packs written since the index was loaded (another store
   * object on the same folder, as a test or a tool may open): a read never fails for a stale index.
   */
  async function locate(sha256: string): Promise<Location | null> {
    await ready();
    const found = index.find(sha256);
    if (found || !SHA256.test(sha256)) return found;
    index.add(await newPackEntries(backend, index));
    return index.find(sha256);
  }

  const reader = blobReader({ backend, index, locate, quarantine });
  const openBatch = () => packBatch({ backend, index, ready, pieceRefs });

  async function storedSize(sha256: string, location: Location): Promise<number> {
    if (location.pack) return location.length;
    if (!location.chunked) return (await backend.stat(objectOf(sha256, location)))?.size ?? 0;
    let size = 0;
    for (const piece of await piecesOf(sha256)) size += index.find(piece, true)?.length ?? 0;
    return size;
  }

  const store: SnapshotStore = {
    async putFile(file, onBytes) {
      const batch = openBatch();
      try {
        const put = await batch.putFile(file, onBytes);
        await batch.commit();
        return put;
      } catch (error) {
        await batch.abort();
        throw error;
      }
    },

    openBatch,

    async hasBlob(sha256) {
      await ready();
      return index.find(sha256) !== null;
    },

    async hasBlobs(sha256s) {
      await ready();
      const held = new Set<string>();
      for (const sha256 of sha256s) if (index.find(sha256)) held.add(sha256);
      return held;
    },

    openBlob: (sha256) => reader.openBlob(sha256),
    readBlob: reader.readBlob,
    writeBlobFiles: reader.writeBlobFiles,

    async verifyBlob(sha256) {
      await pipeline(
        store.openBlob(sha256),
        new Writable({ write: (_chunk, _encoding, callback) => callback() }),
      );
    },

    async blobStoredSize(sha256) {
      await ready();
      const location = index.find(sha256);
      return location ? storedSize(sha256, location) : null;
    },

    async deleteBlob(sha256) {
      await ready();
      const location = index.find(sha256);
      if (!location) return 0;
      // Out of the index first: from this instant no capture may count on it. A pack's frame stays until
      // the pack is repacked.
      if (location.pack) return index.remove(sha256).reduce((sum, gone) => sum + gone.length, 0);
      const size = await storedSize(sha256, location);
      const pieces = location.chunked ? await piecesOf(sha256) : [];
      index.remove(sha256);
      await backend.delete(objectOf(sha256, location));
      release(pieces);
      return size;
    },

    async *listBlobs() {
      await ready();
      yield* index.contents();
    },

    async putManifest(manifest) {
      const data = await compress(Buffer.from(JSON.stringify(manifest)));
      await backend.publish([await backend.stage(manifestName(manifest.snapshot_id), data)]);
    },

    async getManifest(snapshotId) {
      const data = await backend.get(manifestName(snapshotId));
      if (!data) return null;
      try {
        return JSON.parse((await decompress(data)).toString('utf8')) as Manifest;
      } catch {
        throw new EngineError(
          'corrupt_manifest',
          `The manifest of snapshot ${snapshotId} (${backend.where}/${manifestName(snapshotId)}) cannot be read: it is damaged.`,
        );
      }
    },

    async deleteManifest(snapshotId) {
      await backend.delete(manifestName(snapshotId));
    },

    async checkStore() {
      await ready(); // a format-1 store is migrated first
      return checkStore(backend);
    },

    async compact() {
      await ready();
      return compactPacks(backend, index);
    },

    async cleanTemporary() {
      await ready(); // a format-1 store being migrated (migrate.ts) has staged packs of its own
      await backend.cleanStaged();
      // A pack published without its index (a crash between the two) names nothing: it is dropped, and an
      // index whose pack is gone with it.
      const indexes = new Set((await names(backend, 'index/')).map((name) => name.slice('index/'.length)));
      const packs = new Set((await names(backend, 'packs/')).map((name) => name.split('/')[2]!));
      for (const pack of packs) if (!indexes.has(pack)) await backend.delete(packName(pack));
      for (const pack of indexes) if (!packs.has(pack)) await backend.delete(indexName(pack));
    },
  };
  return store;
}
