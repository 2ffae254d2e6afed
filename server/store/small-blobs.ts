// Small contents (most files of an uploads folder) go through worker threads a chunk at a time: one message per
// few dozen files, and on the worker a few synchronous system calls per file.
import { SMALL_FILE } from '../platform/blob-codec.ts';
import { runOnWorker, withWorker } from '../platform/workers/pool.ts';
import type { DecodeItem, DecodeResult, WorkerFailure } from '../platform/workers/protocol.ts';

export { SMALL_FILE };
/** A small content's compressed blob cannot be bigger than this (zstd's worst case is a fraction over). */
export const SMALL_BLOB = SMALL_FILE + 64 * 1024;

export type Encoded =
  | { large: true }
  | { error: WorkerFailure }
  /**
   * `stored` null: not written, the store has (or is writing) the content already. `failed`: it was claimed,
   * but writing it failed.
   */
  | { sha256: string; size: number; stored: { tmp: string; bytes: number } | null; failed?: WorkerFailure };

/**
 * Reads and hashes each file; then, for the ones `claim` says the store lacks, compresses them into a fresh
 * temporary file. Content the store has is never compressed nor written.
 */
export function encodeSmall(
  files: string[],
  tmpFile: () => string,
  claim: (sha256: string) => boolean,
): Promise<Encoded[]> {
  return withWorker(async (worker) => {
    const hashed = await worker.call({ op: 'hash', files, limit: SMALL_FILE });
    const keep: Array<{ token: number; tmp: string }> = [];
    const drop: number[] = [];
    const keptAt = new Map<number, number>();
    hashed.forEach((result, index) => {
      if (!('token' in result)) return;
      if (claim(result.sha256)) {
        keptAt.set(index, keep.length);
        keep.push({ token: result.token, tmp: tmpFile() });
      } else drop.push(result.token);
    });
    const written = keep.length + drop.length > 0 ? await worker.call({ op: 'store', keep, drop }) : [];
    return hashed.map((result, index): Encoded => {
      if (!('token' in result)) return result;
      const at = keptAt.get(index);
      if (at === undefined) return { sha256: result.sha256, size: result.size, stored: null };
      const bytes = written[at]!;
      const { sha256, size } = result;
      if (typeof bytes !== 'number') return { sha256, size, stored: null, failed: bytes.error };
      return { sha256, size, stored: { tmp: keep[at]!.tmp, bytes } };
    });
  });
}

/** Materialises small blobs as new files, each checked against its name and size. */
export function decodeSmall(items: DecodeItem[]): Promise<DecodeResult[]> {
  return runOnWorker({ op: 'decode', items, maxCompressed: SMALL_BLOB });
}

/** Renames many files (temporary names into place), a few hundred per worker message. */
export async function renameMany(pairs: Array<[string, string]>): Promise<void> {
  const chunk = 512;
  const chunks = [];
  for (let i = 0; i < pairs.length; i += chunk) chunks.push(pairs.slice(i, i + chunk));
  await Promise.all(chunks.map((part) => runOnWorker({ op: 'rename', pairs: part })));
}
