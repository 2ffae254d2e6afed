// A batch of puts, written into packs and made durable together. Small contents go through worker threads
// (small-blobs.ts); a big one is read a piece at a time, each piece hashed, compressed and appended on its own,
// so no content is ever held whole. Nothing is visible until commit, which publishes every pack with its index
// (one flush: the packs are durable before any index names them), then the chunk lists of the big contents,
// and only then tells the in-memory index. The manifest, written after commit, stays the snapshot's commit
// point. A crash leaves staged files only (or a pack without its index), which cleanTemporary removes.
import { createHash } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { zstdCompress } from 'node:zlib';
import { compressedBound } from '../platform/blob-codec.ts';
import { limiter } from '../platform/concurrency.ts';
import { failpoint } from '../platform/failpoints.ts';
import type { StagedObject, StoreBackend } from './backend/backend.ts';
import { CHUNKED, type ContentIndex, type IndexedEntry } from './content-index.ts';
import {
  chunksName,
  encodeChunks,
  encodeIndex,
  indexName,
  newPackId,
  PACK_TARGET,
  packName,
  PIECE_SIZE,
  type PackEntry,
  type Piece,
} from './pack-format.ts';
import { encodeSmall, SMALL_FILE } from './small-blobs.ts';
import type { BlobBatch, FileToPut, PutOutcome, PutResult } from './snapshot-store.ts';

const compress = promisify(zstdCompress);
// A big file streams a piece at a time; two at once, each with a few pieces in flight, keep memory flat.
const largeAtOnce = limiter(2);
const PIECES_AHEAD = 1;

interface OpenPack {
  id: string;
  file: string;
  end: number;
  busy: boolean;
  entries: PackEntry[];
  handle?: FileHandle;
}

export interface BatchContext {
  backend: StoreBackend;
  index: ContentIndex;
  /** Loads the index and writes the store marker, once. */
  ready(): Promise<void>;
  /** Pieces the chunk lists refer to: a piece stays while one does. */
  pieceRefs: Map<string, number>;
}

const fromWorker = (failure: { message: string; code?: string; path?: string }): Error =>
  Object.assign(new Error(failure.message), failure);

export function packBatch({ backend, index, ready, pieceRefs }: BatchContext): BlobBatch {
  const packs: OpenPack[] = [];
  const byFile = new Map<string, OpenPack>();
  /** Contents (and pieces) written in this batch, not yet committed. */
  const pending = new Set<string>();
  const pendingPieces = new Set<string>();
  const claimed = new Set<string>();
  const chunkLists: Array<{ sha256: string; pieces: Piece[] }> = [];
  let inFlight = 0;

  const isNew = (sha256: string) => !pending.has(sha256) && !claimed.has(sha256) && !index.find(sha256);
  const isNewPiece = (sha256: string) => !pendingPieces.has(sha256) && !index.find(sha256, true);

  async function take(): Promise<OpenPack> {
    let pack = packs.find((candidate) => !candidate.busy && candidate.end < PACK_TARGET);
    if (!pack) {
      const file = await backend.scratchFile();
      pack = { id: newPackId(), file, end: 0, busy: false, entries: [] };
      packs.push(pack);
      byFile.set(file, pack);
    }
    pack.busy = true;
    return pack;
  }
  const lease = {
    take: async () => (await take()).file,
    give(file: string, end: number) {
      const pack = byFile.get(file)!;
      pack.busy = false;
      pack.end = Math.max(pack.end, end);
    },
  };

  async function putSmall(
    files: string[],
    onBytes?: (bytes: number) => void,
  ): Promise<Array<PutOutcome | null>> {
    const mine: string[] = [];
    const encoded = await encodeSmall(
      files,
      (sha256) => {
        if (!isNew(sha256)) return false;
        claimed.add(sha256);
        mine.push(sha256);
        return true;
      },
      lease,
    ).finally(() => {
      // Synchronously with the pending.add calls below: no other put can see a content as new in between.
      for (const sha256 of mine) claimed.delete(sha256);
    });
    return encoded.map((result): PutOutcome | null => {
      if ('large' in result) return null;
      if (!('sha256' in result)) return { error: fromWorker(result.error) };
      if (result.failed) return { error: fromWorker(result.failed) };
      const { stored, sha256, size } = result;
      if (stored) {
        pending.add(sha256);
        const id = Buffer.from(sha256, 'hex');
        byFile
          .get(stored.pack)!
          .entries.push({ id, offset: stored.offset, length: stored.length, size, piece: false });
      }
      onBytes?.(size);
      return { sha256, size, storedBytes: stored?.length ?? 0 };
    });
  }

  /** Appends one compressed piece to a pack of this batch, in the order the pieces are handed over. */
  async function appendFrame(sha256: string, size: number, frame: Buffer): Promise<number> {
    const pack = await take();
    try {
      pack.handle ??= await open(pack.file, 'a');
      const offset = (await pack.handle.stat()).size;
      await pack.handle.write(frame);
      pack.end = offset + frame.length;
      pack.entries.push({ id: Buffer.from(sha256, 'hex'), offset, length: frame.length, size, piece: true });
      return frame.length;
    } finally {
      pack.busy = false;
    }
  }

  /** Fills `buffer` from `position` on, short only at the end of the file. */
  async function readPiece(input: FileHandle, buffer: Buffer, position: number): Promise<number> {
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await input.read(buffer, filled, buffer.length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled;
  }

  /**
   * Reads, hashes and compresses a big file a piece at a time, with the next pieces read and compressed (on the
   * thread pool, so on another core) while the ones before are written: at most PIECES_AHEAD pieces and their
   * frames in memory per file.
   */
  function putLarge(file: string, onBytes?: (bytes: number) => void): Promise<PutResult> {
    return largeAtOnce(async () => {
      const input = await open(file, 'r');
      const whole = createHash('sha256');
      const pieces: Piece[] = [];
      const writes: Array<Promise<number>> = [];
      // One buffer per piece in flight, reused: a piece's buffer is free again once its write has settled.
      const buffers = Array.from({ length: PIECES_AHEAD + 1 }, () => Buffer.allocUnsafe(PIECE_SIZE));
      let written = Promise.resolve(0);
      let size = 0;
      try {
        for (let at = 0; ; at++) {
          const buffer = buffers[at % buffers.length]!;
          const filled = await readPiece(input, buffer, size);
          if (filled === 0 && pieces.length > 0) break;
          const content = buffer.subarray(0, filled);
          whole.update(content);
          const sha256 = createHash('sha256').update(content).digest('hex');
          if (isNewPiece(sha256)) {
            pendingPieces.add(sha256); // claimed now: the same piece later in this file is not stored twice
            // One output buffer for the whole frame: zlib's default of 16 kB costs a thread-pool trip each.
            const frame = compress(content, { chunkSize: compressedBound(filled) });
            const previous = written;
            written = (async () => {
              const [before, compressed] = await Promise.all([previous, frame]);
              return before + (await appendFrame(sha256, filled, compressed));
            })();
            writes.push(written);
            if (writes.length > PIECES_AHEAD) await writes.shift();
          }
          pieces.push({ sha256, size: filled });
          size += filled;
          onBytes?.(filled);
          if (filled < PIECE_SIZE) break;
        }
      } finally {
        // Every write settles before the file is closed or a failure is reported: none runs after the put.
        await Promise.allSettled(writes);
        await input.close();
      }
      const storedBytes = await written;
      const sha256 = whole.digest('hex');
      if (!isNew(sha256)) return { sha256, size, storedBytes: 0 };
      pending.add(sha256);
      chunkLists.push({ sha256, pieces });
      return { sha256, size, storedBytes };
    });
  }

  async function putFiles(files: FileToPut[], onBytes?: (bytes: number) => void): Promise<PutOutcome[]> {
    inFlight++;
    try {
      await ready();
      const outcomes: Array<PutOutcome | null> = files.map(() => null);
      const small = files.flatMap(({ sizeHint }, at) =>
        sizeHint === undefined || sizeHint <= SMALL_FILE ? [at] : [],
      );
      if (small.length > 0) {
        const done = await putSmall(
          small.map((at) => files[at]!.file),
          onBytes,
        );
        done.forEach((outcome, k) => (outcomes[small[k]!] = outcome));
      }
      for (const [at, { file }] of files.entries()) {
        outcomes[at] ??= await putLarge(file, onBytes).catch((error: Error) => ({ error }));
      }
      return outcomes as PutOutcome[];
    } finally {
      inFlight--;
    }
  }

  async function closePacks(): Promise<void> {
    await Promise.all(packs.map(async (pack) => pack.handle?.close()));
    for (const pack of packs) delete pack.handle;
  }

  function reset() {
    packs.length = 0;
    byFile.clear();
    pending.clear();
    pendingPieces.clear();
    chunkLists.length = 0;
  }

  return {
    putFiles,

    async putFile(file, onBytes, sizeHint) {
      const [outcome] = await putFiles([{ file, sizeHint }], onBytes);
      if ('error' in outcome!) throw outcome.error;
      return outcome!;
    },

    async commit() {
      if (inFlight > 0) throw new Error('A blob batch was committed while puts were still in flight.');
      await closePacks();
      const written = packs.filter((pack) => pack.entries.length > 0);
      const lists = [...chunkLists];
      await Promise.all(
        packs.filter((pack) => pack.entries.length === 0).map((pack) => rm(pack.file, { force: true })),
      );
      reset();
      const staged: StagedObject[] = [];
      try {
        for (const pack of written) staged.push(await backend.stage(packName(pack.id), { file: pack.file }));
        for (const pack of written)
          staged.push(await backend.stage(indexName(pack.id), encodeIndex(pack.entries)));
        const listed: StagedObject[] = [];
        for (const { sha256, pieces } of lists)
          listed.push(await backend.stage(chunksName(sha256), encodeChunks(pieces)));
        failpoint('store:before-rename');
        // 1. Every pack durable and published with its index (a pack before the index that names it)…
        await backend.publish(staged);
        failpoint('store:mid-rename');
        // 2. …then the chunk lists, whose pieces are in those packs (or were there already)…
        await backend.publish(listed);
      } catch (error) {
        await Promise.all(written.map((pack) => rm(pack.file, { force: true })));
        throw error;
      }
      // 3. …and only then is anyone told (hasBlob) that the contents exist.
      const entries: IndexedEntry[] = written.flatMap((pack) =>
        pack.entries.map((entry) => ({ ...entry, pack: index.packNumber(pack.id) })),
      );
      for (const { sha256, pieces } of lists) {
        entries.push({ id: Buffer.from(sha256, 'hex'), pack: CHUNKED, offset: 0, length: 0, piece: false });
        for (const piece of pieces) pieceRefs.set(piece.sha256, (pieceRefs.get(piece.sha256) ?? 0) + 1);
      }
      index.add(entries);
    },

    async abort() {
      await closePacks();
      const files = packs.map((pack) => pack.file);
      reset();
      await Promise.all(files.map((file) => rm(file, { force: true })));
    },
  };
}
