// Bounded concurrency for the engine's many-small-steps work (files of a mount, blobs of a restore).
import { SMALL_FILE, SMALL_FILES_PER_CHUNK } from './blob-codec.ts';
import { POOL_SIZE } from './workers/pool.ts';

// Big files stream through a compressor of a few MB each: two at a time, beside the chunks of small files (two
// per worker thread, so a worker always has the next chunk waiting).
const LARGE_FILES_AT_ONCE = 2;

/**
 * Calls each work's `fn` for its items, at most `limit` at a time, the works side by side (e.g. big files two
 * at a time and chunks of small ones on every worker thread). At the first failure no new call starts, and the
 * failure is thrown only once every call already started has settled: a caller that cleans up after a failure
 * (deleting a staging folder, temporary files) must not race calls still writing.
 */
export async function runBounded(
  ...works: Array<{ items: readonly unknown[]; limit: number; fn: (item: never) => Promise<void> }>
): Promise<void> {
  let failure: { error: unknown } | null = null;
  const lanes = works.flatMap(({ items, limit, fn }) => {
    let next = 0;
    const lane = async () => {
      while (next < items.length && !failure) {
        try {
          await fn(items[next++] as never);
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    return Array.from({ length: Math.min(limit, items.length) }, lane);
  });
  await Promise.all(lanes);
  if (failure) throw (failure as { error: unknown }).error;
}

/** Small items in chunks of up to `size` (one worker message each), the others one by one. */
export function chunkSmall<T>(items: readonly T[], isSmall: (item: T) => boolean, size: number) {
  const chunks: T[][] = [];
  const large: T[] = [];
  for (const item of items) {
    const last = chunks.at(-1);
    if (!isSmall(item)) large.push(item);
    else if (!last || last.length >= size) chunks.push([item]);
    else last.push(item);
  }
  return { chunks, large };
}

/** Runs the functions given to it at most `limit` at a time, in the order given. */
export function limiter(limit: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (fn) => {
    if (active < limit) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve)); // a finishing call hands its place over
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/**
 * Calls `fn` for every item: small ones (up to SMALL_FILE bytes) in chunks, one worker message each, two chunks
 * per worker thread; big ones alone, LARGE_FILES_AT_ONCE at a time. Fails as runBounded does.
 */
export function runBySize<T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  fn: (chunk: T[]) => Promise<void>,
): Promise<void> {
  const { chunks, large } = chunkSmall(items, (item) => sizeOf(item) <= SMALL_FILE, SMALL_FILES_PER_CHUNK);
  return runBounded(
    { items: chunks, limit: POOL_SIZE * 2, fn },
    { items: large, limit: LARGE_FILES_AT_ONCE, fn: (item: T) => fn([item]) },
  );
}
