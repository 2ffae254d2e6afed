// The small-content half of the blob format (blob-codec.ts has the streaming half), run on worker threads with
// synchronous calls: read, hash, compress and write a small file; read, decompress, check and materialise a
// small blob. Hashing comes first and compressing second, in separate calls, so content the store already has
// is never compressed nor written.
import { createHash } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  futimesSync,
  openSync,
  readSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { zstdCompressSync, zstdDecompressSync } from 'node:zlib';
import type { DecodeItem, DecodeResult, HashResult, WorkerFailure } from './protocol.ts';

/** Contents hashed and waiting for the main thread to say whether the store needs them. */
const held = new Map<number, Buffer>();
let nextToken = 1;

export function failure(error: unknown): WorkerFailure {
  const { message, code, path } = error as NodeJS.ErrnoException;
  return { message, code, path };
}

/** The whole file when it is at most `limit` bytes, else null (also when it grew past the limit while read). */
function readAtMost(file: string, limit: number): Buffer | null {
  const fd = openSync(file, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size > limit) return null;
    const buffer = Buffer.allocUnsafe(size + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, length);
      if (read === 0) return buffer.subarray(0, length);
      length += read;
      if (length > size) return null;
    }
  } finally {
    closeSync(fd);
  }
}

export function hashFiles(files: string[], limit: number): HashResult[] {
  return files.map((file) => {
    try {
      const content = readAtMost(file, limit);
      if (!content) return { large: true };
      const token = nextToken++;
      held.set(token, content);
      return { token, sha256: createHash('sha256').update(content).digest('hex'), size: content.length };
    } catch (error) {
      return { error: failure(error) };
    }
  });
}

/**
 * Compresses each kept content into its temporary file (not fsynced: the store flushes a whole batch at once
 * before any of it is renamed into place) and forgets the dropped ones. One-shot compression writes the
 * content size into the frame, as a pledged size would.
 */
export function storeHeld(
  keep: Array<{ token: number; tmp: string }>,
  drop: number[],
): Array<number | { error: WorkerFailure }> {
  for (const token of drop) held.delete(token);
  return keep.map(({ token, tmp }) => {
    const content = held.get(token);
    held.delete(token);
    try {
      if (!content) throw new Error(`no content held for token ${token}`);
      const compressed = zstdCompressSync(content);
      writeFileSync(tmp, compressed, { flag: 'wx' });
      return compressed.length;
    } catch (error) {
      return { error: failure(error) };
    }
  });
}

function decodeOne(item: DecodeItem, maxCompressed: number): DecodeResult {
  let compressed: Buffer | null;
  try {
    compressed = readAtMost(item.blob, maxCompressed);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
    return { error: failure(error) };
  }
  if (!compressed) return { large: true };
  let content: Buffer;
  try {
    // Never more than one byte past the recorded size: a lying manifest cannot make this allocate a lot.
    content = zstdDecompressSync(compressed, { maxOutputLength: item.size + 1 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { larger: true };
    return { corrupt: `it does not decompress (${(error as Error).message})` };
  }
  if (content.length > item.size) return { larger: true };
  const actual = createHash('sha256').update(content).digest('hex');
  if (actual !== item.sha256) return { corrupt: `its content hashes to ${actual}` };
  if (content.length !== item.size) return { actualSize: content.length };
  try {
    const fd = openSync(item.file, 'wx', 0o600);
    try {
      for (let offset = 0; offset < content.length;) {
        offset += writeSync(fd, content, offset, content.length - offset);
      }
      if (item.fsync) fsyncSync(fd);
      fchmodSync(fd, item.mode);
      // Seconds as a number keep the sub-millisecond part that a Date would drop.
      if (item.mtimeMs !== undefined) futimesSync(fd, item.mtimeMs / 1000, item.mtimeMs / 1000);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return { error: failure(error) };
  }
  return { ok: true };
}

export function decodeItems(items: DecodeItem[], maxCompressed: number): DecodeResult[] {
  return items.map((item) => decodeOne(item, maxCompressed));
}

export function renameAll(pairs: Array<[string, string]>): null {
  for (const [from, to] of pairs) renameSync(from, to);
  return null;
}
