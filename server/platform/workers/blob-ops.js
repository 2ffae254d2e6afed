// The small-content half of the blob format (blob-codec.ts has the streaming half), run on worker threads with
// synchronous calls: read, hash, compress and write a small file; read, decompress, check and materialise a
// small blob. Hashing comes first and compressing second, in separate calls, so content the store already has
// is never compressed nor written. JavaScript typed in comments, as every module a worker loads (see worker.js).
// @ts-check
/** @import { DecodeItem, DecodeResult, HashResult, WorkerFailure } from './protocol.ts' */
import { createHash } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  futimesSync,
  openSync,
  readSync,
  writeSync,
} from 'node:fs';
import { zstdCompressSync, zstdDecompressSync } from 'node:zlib';

/**
 * @typedef {object} Slab
 * @property {Buffer} buffer
 * @property {number} used
 * @property {number} holders contents held in it
 */

/** @type {Map<number, { content: Buffer, slab: Slab }>} Contents hashed, waiting to be written or dropped. */
const held = new Map();
let nextToken = 1;

// Small contents are read into a few reused slabs, not a fresh buffer each. Buffers a worker drops are only
// freed by its garbage collector, which runs when they add up to tens of megabytes: thousands of files read
// into fresh buffers would hold that much memory per worker for nothing.
const SLAB_SIZE = 1024 * 1024;
const SPARE_SLABS = 2;

/** @type {Slab[]} */
const spare = [];
/** @type {Slab | null} */
let current = null;

/**
 * A slab with room for `size` bytes.
 * @param {number} size
 * @returns {Slab}
 */
function slabFor(size) {
  if (current && current.holders === 0) current.used = 0;
  if (current && current.buffer.length - current.used >= size) return current;
  // A full slab still holding contents goes back to the spares when its last one is released.
  current = spare.pop() ?? { buffer: Buffer.allocUnsafe(Math.max(SLAB_SIZE, size)), used: 0, holders: 0 };
  return current;
}

/** @param {Slab} slab */
function release(slab) {
  slab.holders--;
  if (slab.holders > 0 || slab === current) return;
  slab.used = 0;
  if (spare.length < SPARE_SLABS && slab.buffer.length === SLAB_SIZE) spare.push(slab);
}

/** zstd's worst case for `size` bytes (as blob-codec.ts has it; not imported, to keep the worker small). */
/** @param {number} size */
const compressedBound = (size) => Math.max(64, size + (size >> 7) + 512);

/** For reading compressed small blobs back; each is decompressed before the next is read. */
/** @type {Buffer | null} */
let readBack = null;

/**
 * @param {unknown} error
 * @returns {WorkerFailure}
 */
export function failure(error) {
  const { message, code, path } = /** @type {NodeJS.ErrnoException} */ (error);
  return { message, code, path };
}

/**
 * The whole file when it is at most `limit` bytes, else null (also when it grew past the limit while read),
 * read into `into(size + 1)`: a buffer of at least that size.
 * @param {string} file
 * @param {number} limit
 * @param {(size: number) => Buffer} into
 * @returns {Buffer | null}
 */
function readAtMost(file, limit, into) {
  const fd = openSync(file, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size > limit) return null;
    const buffer = into(size + 1).subarray(0, size + 1);
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

/**
 * A range of a pack: its frame, or null when the frame is bigger than a small content's can be.
 * @param {string} file
 * @param {{ offset: number, length: number }} range
 * @param {number} limit
 * @param {(size: number) => Buffer} into
 * @returns {Buffer | null}
 */
function readRange(file, { offset, length }, limit, into) {
  if (length > limit) return null;
  const fd = openSync(file, 'r');
  try {
    const buffer = into(length).subarray(0, length);
    let read = 0;
    while (read < length) {
      const got = readSync(fd, buffer, read, length - read, offset + read);
      if (got === 0) break; // a pack cut short: the frame does not decompress, and says so
      read += got;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * @param {string[]} files
 * @param {number} limit
 * @returns {HashResult[]}
 */
export function hashFiles(files, limit) {
  return files.map((file) => {
    try {
      /** @type {Slab | null} */
      let slab = null;
      const content = readAtMost(file, limit, (size) => {
        const room = slabFor(size);
        slab = room;
        return room.buffer.subarray(room.used);
      });
      if (!content || !slab) return { large: true };
      const taken = /** @type {Slab} */ (slab);
      taken.used += content.length;
      taken.holders++;
      const token = nextToken++;
      held.set(token, { content, slab: taken });
      return { token, sha256: createHash('sha256').update(content).digest('hex'), size: content.length };
    } catch (error) {
      return { error: failure(error) };
    }
  });
}

/**
 * Appends each kept content to the pack file as a zstd frame of its own (not fsynced: the store flushes a
 * whole batch at once before any pack is published) and forgets the dropped ones. One-shot compression
 * writes the content size into the frame, as a pledged size would.
 * @param {number[]} keep
 * @param {number[]} drop
 * @param {string | null} pack
 * @returns {Array<{ offset: number, length: number } | { error: WorkerFailure }>}
 */
export function appendHeld(keep, drop, pack) {
  /** @param {number} token */
  const take = (token) => {
    const entry = held.get(token);
    held.delete(token);
    if (entry) release(entry.slab);
    return entry?.content;
  };
  for (const token of drop) take(token);
  if (keep.length === 0 || pack === null)
    return keep.map((token) => (take(token), { error: failure(new Error('no pack')) }));
  /** @type {number} */
  let fd;
  try {
    fd = openSync(pack, 'a');
  } catch (error) {
    return keep.map((token) => (take(token), { error: failure(error) }));
  }
  try {
    let offset = fstatSync(fd).size;
    return keep.map((token) => {
      const content = take(token);
      try {
        if (!content) throw new Error(`no content held for token ${token}`);
        // Compressed before its slab space can be reused: nothing runs in between on this thread.
        const compressed = zstdCompressSync(content, { chunkSize: compressedBound(content.length) });
        for (let done = 0; done < compressed.length;) done += writeSync(fd, compressed, done);
        const at = offset;
        offset += compressed.length;
        return { offset: at, length: compressed.length };
      } catch (error) {
        offset = fstatSync(fd).size; // a half-written frame is dead space, not a shifted pack
        return { error: failure(error) };
      }
    });
  } finally {
    closeSync(fd);
  }
}

/**
 * @param {DecodeItem} item
 * @param {number} maxCompressed
 * @returns {DecodeResult}
 */
function decodeOne(item, maxCompressed) {
  /** @type {Buffer | null} */
  let compressed;
  try {
    /** @param {number} size */
    const into = (size) => {
      if (!readBack || readBack.length < size)
        readBack = Buffer.allocUnsafe(Math.max(size, maxCompressed + 1));
      return readBack;
    };
    compressed =
      item.range === undefined
        ? readAtMost(item.blob, maxCompressed, into)
        : readRange(item.blob, item.range, maxCompressed, into);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return { missing: true };
    return { error: failure(error) };
  }
  if (!compressed) return { large: true };
  /** @type {Buffer} */
  let content;
  try {
    // Never more than one byte past the recorded size: a lying manifest cannot make this allocate a lot.
    content = zstdDecompressSync(compressed, {
      maxOutputLength: item.size + 1,
      chunkSize: Math.max(64, item.size + 1), // one output buffer of the recorded size, not 128 kB
    });
  } catch (error) {
    const { code, message } = /** @type {NodeJS.ErrnoException} */ (error);
    if (code === 'ERR_BUFFER_TOO_LARGE') return { larger: true };
    return { corrupt: `it does not decompress (${message})` };
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

/**
 * @param {DecodeItem[]} items
 * @param {number} maxCompressed
 * @returns {DecodeResult[]}
 */
export function decodeItems(items, maxCompressed) {
  return items.map((item) => decodeOne(item, maxCompressed));
}
