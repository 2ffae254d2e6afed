// Compressing an archive's tar stream on every core: the stream is cut into independent blocks of 1 MiB, each
// compressed on libuv's thread pool (zlib's async API), a few at a time, and emitted in their order.
//   tar.gz   one gzip member, pigz-style: each block is a raw deflate stream ended by a sync flush (the last
//            one by a final block), between one header and one trailer whose CRC-32 is computed as blocks are
//            cut. Every gzip reader reads it, browsers' and `tar -xzf` alike.
//   tar.zst  one zstd frame per block (with its checksum): concatenated frames are one valid zstd stream.
// Memory stays at a few blocks whatever the archive's size: the next input waits while IN_FLIGHT blocks are
// compressing or waiting for their turn, and while the reader has not taken what was emitted.
import { availableParallelism } from 'node:os';
import { Transform, type TransformCallback } from 'node:stream';
import { promisify } from 'node:util';
import { constants, crc32, deflateRaw, zstdCompress } from 'node:zlib';
import type { ArchiveFormat } from './types.ts';

/** Compressible content, or content stored as it is (media is compressed already). */
export type Effort = 'compress' | 'store';

export const BLOCK_BYTES = 1024 * 1024;
/** Blocks compressing at once: one per core, and one more so a core never waits for the next block. */
const IN_FLIGHT = Math.min(availableParallelism(), 3) + 1;

/**
 * Room for a whole compressed block (even one that does not compress) in one output buffer: zlib's default of
 * 16 kB would cost a trip to the thread pool, and back to the main thread, per 16 kB.
 */
const OUTPUT_CHUNK = BLOCK_BYTES + 64 * 1024;

const deflateBlock = promisify(deflateRaw);
const zstdBlock = promisify(zstdCompress);

interface Codec {
  /** Bytes before the first block (none for zstd). */
  header(): Buffer;
  compress(block: Buffer, effort: Effort, last: boolean): Promise<Buffer>;
  /** Sees each block's content, in order, before it is compressed. */
  update(block: Buffer): void;
  trailer(): Buffer;
}

function gzipCodec(): Codec {
  let crc = 0;
  let size = 0;
  return {
    // ID1 ID2, deflate, no flags, no mtime, no extra flags, OS unix.
    header: () => Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]),
    compress: (block, effort, last) =>
      deflateBlock(block, {
        chunkSize: OUTPUT_CHUNK,
        level: effort === 'store' ? constants.Z_NO_COMPRESSION : constants.Z_DEFAULT_COMPRESSION,
        finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
      }),
    update(block) {
      crc = crc32(block, crc);
      size = (size + block.length) % 2 ** 32;
    },
    trailer() {
      const trailer = Buffer.alloc(8);
      trailer.writeUInt32LE(crc >>> 0, 0);
      trailer.writeUInt32LE(size, 4);
      return trailer;
    },
  };
}

function zstdCodec(): Codec {
  return {
    header: () => Buffer.alloc(0),
    compress: (block, effort) =>
      zstdBlock(block, {
        chunkSize: OUTPUT_CHUNK,
        params: {
          // zstd passes incompressible blocks through by itself; level 1 finds that out fastest.
          [constants.ZSTD_c_compressionLevel]: effort === 'store' ? 1 : 3,
          [constants.ZSTD_c_checksumFlag]: 1,
        },
      }),
    update() {},
    trailer: () => Buffer.alloc(0),
  };
}

/** A tar stream in, the compressed archive out. `effort()` applies from the next bytes written. */
export class BlockCompressor extends Transform {
  private readonly codec: Codec;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private pendingEffort: Effort = 'compress';
  private nextEffort: Effort = 'compress';
  /** Each block's emission, in order: it settles once the block is pushed. */
  private emissions: Array<Promise<void>> = [];
  private chain: Promise<void> = Promise.resolve();
  private started = false;

  constructor(format: ArchiveFormat) {
    super({ readableHighWaterMark: 2 * BLOCK_BYTES, writableHighWaterMark: BLOCK_BYTES });
    this.codec = format === 'tar.zst' ? zstdCodec() : gzipCodec();
  }

  /** How to compress the content about to be written (a block never mixes two efforts). */
  effort(effort: Effort): void {
    this.nextEffort = effort;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.nextEffort !== this.pendingEffort) {
      if (this.pendingBytes > 0) this.cut(false);
      this.pendingEffort = this.nextEffort;
    }
    let rest = chunk;
    while (this.pendingBytes + rest.length >= BLOCK_BYTES) {
      const take = BLOCK_BYTES - this.pendingBytes;
      this.pending.push(rest.subarray(0, take));
      this.pendingBytes += take;
      rest = rest.subarray(take);
      this.cut(false);
    }
    if (rest.length > 0) {
      this.pending.push(rest);
      this.pendingBytes += rest.length;
    }
    this.whenRoom().then(() => callback(), callback);
  }

  override _flush(callback: TransformCallback): void {
    this.cut(true);
    this.chain.then(() => {
      const trailer = this.codec.trailer();
      if (trailer.length > 0) this.push(trailer);
      callback();
    }, callback);
  }

  private cut(last: boolean): void {
    const block = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    if (block.length === 0 && !last) return;
    this.codec.update(block);
    const compressed = this.codec.compress(block, this.pendingEffort, last);
    compressed.catch(() => {}); // heard through the chain below
    const header = this.started ? null : this.codec.header();
    this.started = true;
    const emitted = this.chain.then(async () => {
      const out = await compressed;
      if (this.destroyed) return;
      this.push(header ? Buffer.concat([header, out]) : out);
    });
    this.chain = emitted;
    this.emissions.push(emitted);
    void emitted.then(
      () => this.emissions.shift(),
      () => {},
    );
  }

  /** Settles once fewer than IN_FLIGHT blocks are compressing or waiting for their turn to be emitted. */
  private async whenRoom(): Promise<void> {
    while (this.emissions.length >= IN_FLIGHT) await this.emissions[0];
  }
}
