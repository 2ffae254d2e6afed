// Reading contents back for restores and downloads, checked against their names and recorded sizes, wherever
// they are: a frame in a pack, a big content's pieces, or a format-1 blob file. Small ones are read whole (a
// restore hands them to worker threads, which read their frames and write the files too); big ones are
// streamed with a decompressor of a few MB, two at a time.
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { zstdDecompress } from 'node:zlib';
import { createHash } from 'node:crypto';
import { decodeBlob } from '../platform/blob-codec.ts';
import { limiter } from '../platform/concurrency.ts';
import { EngineError } from '../platform/errors.ts';
import type { DecodeItem, DecodeResult } from '../platform/workers/protocol.ts';
import type { StoreBackend } from './backend/backend.ts';
import type { ContentIndex, Location } from './content-index.ts';
import { chunksName, decodeChunks, looseName, packName } from './pack-format.ts';
import { decodeSmall, SMALL_BLOB, SMALL_FILE } from './small-blobs.ts';
import type { BlobTarget, SnapshotStore } from './snapshot-store.ts';

const decompress = promisify(zstdDecompress);
const largeAtOnce = limiter(2);

export const missingBlob = (sha256: string, where: string) =>
  new EngineError('missing_blob', `Blob ${sha256} is missing from the snapshot store (${where}).`);
const larger = (sha256: string, size: number) =>
  new EngineError('size_mismatch', `Blob ${sha256} is larger than the ${size} bytes recorded.`);
const otherSize = (sha256: string, actual: number, size: number) =>
  new EngineError('size_mismatch', `Blob ${sha256} is ${actual} bytes, not the ${size} recorded.`);

export interface ReadContext {
  backend: StoreBackend;
  index: ContentIndex;
  /** Where a content is, or null when the store does not hold it. */
  locate(sha256: string): Promise<Location | null>;
  /** Sets a content that failed its check aside, so the next capture of it stores it afresh. */
  quarantine(sha256: string, location: Location): Promise<void>;
}

export function objectOf(sha256: string, location: Location): string {
  if (location.pack) return packName(location.pack);
  return location.chunked ? chunksName(sha256) : looseName(sha256);
}

export function whereOf(backend: StoreBackend, sha256: string, location: Location | null): string {
  if (!location) return backend.where;
  const at = location.pack ? ` at byte ${location.offset}` : '';
  return `${backend.where}/${objectOf(sha256, location)}${at}`;
}

export function blobReader({ backend, index, locate, quarantine }: ReadContext) {
  const corrupt = async (sha256: string, location: Location, why: string) => {
    await quarantine(sha256, location).catch(() => {});
    return new EngineError(
      'corrupt_blob',
      `Blob ${sha256} in the snapshot store (${whereOf(backend, sha256, location)}) is corrupt: ${why}.`,
    );
  };

  const notFound = (sha256: string) => Object.assign(new Error(`no blob ${sha256}`), { code: 'ENOENT' });

  /** A big content's frames, one piece after another: zstd decompresses the frames back to back. */
  async function* pieces(sha256: string): AsyncGenerator<Buffer> {
    const list = await backend.get(chunksName(sha256));
    if (!list) throw notFound(sha256);
    for (const piece of decodeChunks(list, sha256, `${backend.where}/${chunksName(sha256)}`)) {
      const at = index.find(piece.sha256, true);
      if (!at?.pack) throw missingBlob(sha256, `its piece ${piece.sha256}`);
      yield* backend.stream(packName(at.pack), at) as AsyncIterable<Buffer>;
    }
  }

  function openBlob(sha256: string): Readable {
    let location: Location | null = null;
    return decodeBlob(sha256, () => ({
      content: Readable.from(
        (async function* () {
          location = await locate(sha256);
          if (!location) throw notFound(sha256);
          if (location.chunked) yield* pieces(sha256);
          else yield* backend.stream(objectOf(sha256, location), location.pack ? location : undefined);
        })(),
        { objectMode: false },
      ),
      get where() {
        return whereOf(backend, sha256, location);
      },
      onCorrupt: async () => {
        if (location) await quarantine(sha256, location);
      },
    }));
  }

  /** Streams the content, refusing more than `size` bytes as soon as they come. */
  async function* streamed(sha256: string, size: number): AsyncGenerator<Buffer> {
    let read = 0;
    for await (const chunk of openBlob(sha256) as AsyncIterable<Buffer>) {
      read += chunk.length;
      if (read > size) throw larger(sha256, size);
      yield chunk;
    }
    if (read !== size) throw otherSize(sha256, read, size);
  }

  async function writeStreamed(target: BlobTarget): Promise<void> {
    const handle = await open(target.file, 'wx', 0o600);
    try {
      for await (const chunk of streamed(target.sha256, target.size)) {
        await handle.write(chunk);
        target.onBytes?.(chunk.length);
      }
      if (target.fsync) await handle.sync();
      await handle.chmod(target.mode);
      // Seconds as a number keep the sub-millisecond part that a Date would drop.
      if (target.mtimeMs !== undefined) await handle.utimes(target.mtimeMs / 1000, target.mtimeMs / 1000);
    } finally {
      await handle.close();
    }
  }

  /** The compressed frame of a small content, or null when it is not one (a big content, a big blob file). */
  async function smallFrame(sha256: string, location: Location): Promise<Buffer | null> {
    if (location.chunked) return null;
    if (location.pack) {
      if (location.length > SMALL_BLOB) return null;
      const frame = await backend.get(packName(location.pack), location);
      if (!frame) throw missingBlob(sha256, whereOf(backend, sha256, location));
      return frame;
    }
    const info = await backend.stat(looseName(sha256));
    if (!info) throw missingBlob(sha256, whereOf(backend, sha256, location));
    return info.size > SMALL_BLOB ? null : await backend.get(looseName(sha256));
  }

  async function readBlob(sha256: string, size: number): Promise<Buffer> {
    const location = await locate(sha256);
    if (!location) throw missingBlob(sha256, backend.where);
    const compressed = size <= SMALL_FILE ? await smallFrame(sha256, location) : null;
    if (!compressed) {
      const chunks = [];
      for await (const chunk of streamed(sha256, size)) chunks.push(chunk);
      return Buffer.concat(chunks);
    }
    let content: Buffer;
    try {
      content = await decompress(compressed, {
        maxOutputLength: size + 1,
        chunkSize: Math.max(64, size + 1),
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw larger(sha256, size);
      throw await corrupt(sha256, location, `it does not decompress (${(error as Error).message})`);
    }
    if (content.length > size) throw larger(sha256, size);
    const actual = createHash('sha256').update(content).digest('hex');
    if (actual !== sha256) throw await corrupt(sha256, location, `its content hashes to ${actual}`);
    if (content.length !== size) throw otherSize(sha256, content.length, size);
    return content;
  }

  const writeBlobFiles: SnapshotStore['writeBlobFiles'] = async (targets) => {
    const failures: Array<Error | null> = targets.map(() => null);
    const streamedAt: number[] = [];
    const inWorkers: Array<{ at: number; location: Location; item: DecodeItem }> = [];
    for (const [at, target] of targets.entries()) {
      const location = await locate(target.sha256);
      if (!location) failures[at] = missingBlob(target.sha256, backend.where);
      else if (target.size > SMALL_FILE || location.chunked || !backend.localPath) streamedAt.push(at);
      else inWorkers.push({ at, location, item: decodeItem(target, location) });
    }
    const results =
      inWorkers.length > 0 && !failures.some(Boolean)
        ? await decodeSmall(inWorkers.map(({ item }) => item))
        : [];
    for (const [k, result] of results.entries()) {
      const { at, location } = inWorkers[k]!;
      const target = targets[at]!;
      if ('ok' in result) target.onBytes?.(target.size);
      else if ('large' in result) streamedAt.push(at);
      else failures[at] = await smallFailure(target, location, result);
    }
    for (const at of failures.some(Boolean) ? [] : streamedAt) {
      await largeAtOnce(() => writeStreamed(targets[at]!)).catch((error: Error) => (failures[at] = error));
      if (failures[at]) break;
    }
    return failures;
  };

  async function smallFailure(target: BlobTarget, location: Location, result: DecodeResult): Promise<Error> {
    const { sha256, size } = target;
    if ('missing' in result) return missingBlob(sha256, whereOf(backend, sha256, location));
    if ('corrupt' in result) return corrupt(sha256, location, result.corrupt);
    if ('larger' in result) return larger(sha256, size);
    if ('actualSize' in result) return otherSize(sha256, result.actualSize, size);
    if ('error' in result) return Object.assign(new Error(result.error.message), result.error);
    return new Error(`Blob ${sha256} could not be written.`);
  }

  function decodeItem(target: BlobTarget, location: Location): DecodeItem {
    const { sha256, size, file, mode, mtimeMs, fsync } = target;
    const blob = backend.localPath!(objectOf(sha256, location));
    const range = location.pack ? { offset: location.offset, length: location.length } : undefined;
    return { blob, range, sha256, size, file, mode, mtimeMs, fsync: fsync === true };
  }

  return { openBlob, readBlob, writeBlobFiles };
}
