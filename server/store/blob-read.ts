// Reading blobs back for restores and downloads, checked against their names and recorded sizes. Small ones are
// read whole (a restore hands them to worker threads, which write the files too); big ones are streamed with
// a decompressor of a few MB, two at a time.
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { zstdDecompress } from 'node:zlib';
import { createHash } from 'node:crypto';
import { limiter } from '../platform/concurrency.ts';
import { isNotFound } from '../platform/durable.ts';
import { EngineError } from '../platform/errors.ts';
import type { DecodeItem, DecodeResult } from '../platform/workers/protocol.ts';
import type { LocalLayout } from './local-layout.ts';
import { decodeSmall, SMALL_BLOB, SMALL_FILE } from './small-blobs.ts';
import type { BlobTarget, SnapshotStore } from './snapshot-store.ts';

const decompress = promisify(zstdDecompress);
const largeAtOnce = limiter(2);

export interface BlobReader {
  readBlob(sha256: string, size: number): Promise<Buffer>;
  writeBlobFiles: SnapshotStore['writeBlobFiles'];
}

export const missingBlob = (sha256: string, where: string) =>
  new EngineError('missing_blob', `Blob ${sha256} is missing from the snapshot store (${where}).`);
const larger = (sha256: string, size: number) =>
  new EngineError('size_mismatch', `Blob ${sha256} is larger than the ${size} bytes recorded.`);
const otherSize = (sha256: string, actual: number, size: number) =>
  new EngineError('size_mismatch', `Blob ${sha256} is ${actual} bytes, not the ${size} recorded.`);

/** The compressed blob when it is at most `limit` bytes (a small content's), else null. */
async function readAtMost(file: string, limit: number, sha256: string): Promise<Buffer | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw isNotFound(error) ? missingBlob(sha256, file) : error;
  }
  try {
    const { size } = await handle.stat();
    return size > limit ? null : await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * `quarantine` moves a blob that fails its check aside (and out of the index) before the caller hears of it,
 * so the next capture of that content stores it afresh.
 */
export function blobReader(
  layout: LocalLayout,
  openBlob: (sha256: string, size?: number) => Readable,
  quarantine: (sha256: string, file: string) => Promise<void>,
): BlobReader {
  const corrupt = async (sha256: string, file: string, why: string) => {
    await quarantine(sha256, file).catch(() => {});
    return new EngineError(
      'corrupt_blob',
      `Blob ${sha256} in the snapshot store (${file}) is corrupt: ${why}.`,
    );
  };

  /** Streams the content, refusing more than `size` bytes as soon as they come. */
  async function* streamed(sha256: string, size: number): AsyncGenerator<Buffer> {
    let read = 0;
    for await (const chunk of openBlob(sha256, size) as AsyncIterable<Buffer>) {
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

  return {
    async readBlob(sha256, size) {
      const file = layout.blobPath(sha256);
      const compressed = size <= SMALL_FILE ? await readAtMost(file, SMALL_BLOB, sha256) : null;
      if (!compressed) {
        const chunks = [];
        for await (const chunk of streamed(sha256, size)) chunks.push(chunk);
        return Buffer.concat(chunks);
      }
      let content: Buffer;
      try {
        content = await decompress(compressed, { maxOutputLength: size + 1 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw larger(sha256, size);
        throw await corrupt(sha256, file, `it does not decompress (${(error as Error).message})`);
      }
      if (content.length > size) throw larger(sha256, size);
      const actual = createHash('sha256').update(content).digest('hex');
      if (actual !== sha256) throw await corrupt(sha256, file, `its content hashes to ${actual}`);
      if (content.length !== size) throw otherSize(sha256, content.length, size);
      return content;
    },

    async writeBlobFiles(targets) {
      const failures: Array<Error | null> = targets.map(() => null);
      const small = targets.flatMap((target, at) => (target.size <= SMALL_FILE ? [at] : []));
      const results = small.length > 0 ? await decodeSmall(small.map((at) => decodeItem(targets[at]!))) : [];
      const streamed = targets.flatMap((target, at) => (target.size > SMALL_FILE ? [at] : []));
      for (const [k, result] of results.entries()) {
        const target = targets[small[k]!]!;
        if ('ok' in result) target.onBytes?.(target.size);
        else if ('large' in result) streamed.push(small[k]!);
        else failures[small[k]!] = await smallFailure(target, result);
      }
      for (const at of failures.some(Boolean) ? [] : streamed) {
        await largeAtOnce(() => writeStreamed(targets[at]!)).catch((error: Error) => (failures[at] = error));
        if (failures[at]) break;
      }
      return failures;
    },
  };

  async function smallFailure(target: BlobTarget, result: DecodeResult): Promise<Error> {
    const { sha256, size } = target;
    const blob = layout.blobPath(sha256);
    if ('missing' in result) return missingBlob(sha256, blob);
    if ('corrupt' in result) return corrupt(sha256, blob, result.corrupt);
    if ('larger' in result) return larger(sha256, size);
    if ('actualSize' in result) return otherSize(sha256, result.actualSize, size);
    if ('error' in result) return Object.assign(new Error(result.error.message), result.error);
    return new Error(`Blob ${sha256} could not be written.`);
  }

  function decodeItem({ sha256, size, file, mode, mtimeMs, fsync }: BlobTarget): DecodeItem {
    return { blob: layout.blobPath(sha256), sha256, size, file, mode, mtimeMs, fsync: fsync === true };
  }
}
