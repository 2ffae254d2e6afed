// Small contents (most files of an uploads folder) go through worker threads a chunk at a time: one message per
// few dozen files, and on the worker a few synchronous system calls per file: read, hash, and for the contents
// the store lacks, compress and append to a pack.
import { SMALL_FILE } from '../platform/blob-codec.ts';
import { runOnWorker, withWorker } from '../platform/workers/pool.ts';
import type { DecodeItem, DecodeResult, WorkerFailure } from '../platform/workers/protocol.ts';

export { SMALL_FILE };
/** A small content's compressed frame cannot be bigger than this (zstd's worst case is a fraction over). */
export const SMALL_BLOB = SMALL_FILE + 64 * 1024;

/** A pack file to append to, held by one writer at a time. */
export interface PackLease {
  take(): Promise<string>;
  /** Gives the pack back, saying where its written frames end. */
  give(file: string, end: number): void;
}

export type Encoded =
  | { large: true }
  | { error: WorkerFailure }
  /**
   * `stored` null: not written, the store has (or is writing) the content already. `failed`: it was claimed,
   * but writing it failed.
   */
  | {
      sha256: string;
      size: number;
      stored: { pack: string; offset: number; length: number } | null;
      failed?: WorkerFailure;
    };

/**
 * Reads and hashes each file; then, for the ones `claim` says the store lacks, compresses them into a pack.
 * Content the store has is never compressed nor written.
 */
export function encodeSmall(
  files: string[],
  claim: (sha256: string) => boolean,
  packs: PackLease,
): Promise<Encoded[]> {
  return withWorker(async (worker) => {
    const hashed = await worker.call({ op: 'hash', files, limit: SMALL_FILE });
    const keep: number[] = [];
    const drop: number[] = [];
    const keptAt = new Map<number, number>();
    hashed.forEach((result, index) => {
      if (!('token' in result)) return;
      if (claim(result.sha256)) {
        keptAt.set(index, keep.length);
        keep.push(result.token);
      } else drop.push(result.token);
    });
    let pack: string | null = null;
    let written: Array<{ offset: number; length: number } | { error: WorkerFailure }> = [];
    if (keep.length > 0) {
      pack = await packs.take();
      let end = -1;
      try {
        written = await worker.call({ op: 'append', keep, drop, pack });
        for (const frame of written) if ('offset' in frame) end = Math.max(end, frame.offset + frame.length);
      } finally {
        packs.give(pack, end);
      }
    } else if (drop.length > 0) await worker.call({ op: 'append', keep, drop, pack: null });
    return hashed.map((result, index): Encoded => {
      if (!('token' in result)) return result;
      const at = keptAt.get(index);
      const { sha256, size } = result;
      if (at === undefined) return { sha256, size, stored: null };
      const frame = written[at]!;
      if ('error' in frame) return { sha256, size, stored: null, failed: frame.error };
      return { sha256, size, stored: { pack: pack!, ...frame } };
    });
  });
}

/** Materialises small contents as new files, each checked against its name and size. */
export function decodeSmall(items: DecodeItem[]): Promise<DecodeResult[]> {
  return runOnWorker({ op: 'decode', items, maxCompressed: SMALL_BLOB });
}
