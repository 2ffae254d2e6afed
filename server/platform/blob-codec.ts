// The blob format, whatever the store: content named by its SHA-256, stored zstd-compressed. Decoding checks the
// hash before it lets a reader finish; this is the streaming way, for big contents; small ones are done whole on
// worker threads (workers/blob-ops.js).
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { createZstdDecompress } from 'node:zlib';
import { isNotFound } from './durable.ts';
import { EngineError } from './errors.ts';

/** Files up to this size are done whole (on worker threads, a few dozen per message); bigger ones streamed. */
export const SMALL_FILE = 256 * 1024;
/** How many small files go to a worker thread in one message. */
export const SMALL_FILES_PER_CHUNK = 32;

/** zstd's worst case for `size` bytes of content: the compressed blob is never bigger. */
export const compressedBound = (size: number) => Math.max(64, size + (size >> 7) + 512);

/** Buffer size for streamed decompression: zlib's default of 16 kB costs a thread-pool trip per 16 kB. */
const STREAM_CHUNK = 1024 * 1024;

export interface BlobSource {
  /** The compressed content. A failure with ENOENT means the blob is missing. */
  content: Readable;
  /** Where it is, for messages. */
  where: string;
  /**
   * Called, and awaited, before the reader hears that the content is corrupt: the store stops offering the blob
   * so the next capture of that content stores it afresh, which repairs every snapshot that names it.
   */
  onCorrupt?: () => Promise<void>;
}

/**
 * Reading a blob back: decompress, and refuse to let the reader finish unless the content still hashes to its
 * name. Every consumer (restore, archive, verify) goes through here, so bit rot is never passed on silently.
 * `open` may throw, e.g. on a bad name; the stream then reports that as its error.
 */
export function decodeBlob(sha256: string, open: () => BlobSource): Readable {
  const hash = createHash('sha256');
  let source: BlobSource;
  const corrupt = async (why: string) => {
    await source.onCorrupt?.().catch(() => {});
    return new EngineError(
      'corrupt_blob',
      `Blob ${sha256} in the snapshot store (${source.where}) is corrupt: ${why}.`,
    );
  };

  const verifier = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      const actual = hash.digest('hex');
      if (actual === sha256) callback();
      else void corrupt(`its content hashes to ${actual}`).then(callback);
    },
  });

  try {
    source = open();
  } catch (error) {
    process.nextTick(() => verifier.destroy(error as Error));
    return verifier;
  }

  const decompressor = createZstdDecompress({ chunkSize: STREAM_CHUNK });
  source.content.on('error', (error) => {
    verifier.destroy(
      isNotFound(error)
        ? new EngineError(
            'missing_blob',
            `Blob ${sha256} is missing from the snapshot store (${source.where}).`,
          )
        : error,
    );
  });
  decompressor.on('error', (error) => {
    void corrupt(`it does not decompress (${error.message})`).then((corruption) =>
      verifier.destroy(corruption),
    );
  });
  // A reader that stops early must not leave the file open.
  verifier.on('close', () => {
    source.content.destroy();
    decompressor.destroy();
  });
  source.content.pipe(decompressor).pipe(verifier);
  return verifier;
}
