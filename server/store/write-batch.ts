// Writing blobs durably once per batch instead of once per blob. Each content is written to tmp/ (not fsynced);
// commit then flushes them all (one syncfs, or an fsync each where that is not available), and only then
// renames them into place and flushes the renames. So a blob name under blobs/ always has its whole content on
// disk behind it, whatever instant a crash or power cut hits: a later capture that trusts the name (hasBlob)
// trusts complete content. Until commit nothing is visible: a crash leaves only tmp/ files, which
// cleanTemporary removes. The manifest, written after commit, stays the snapshot's commit point.
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { compressFileInto } from '../platform/blob-codec.ts';
import { limiter } from '../platform/concurrency.ts';
import { fsyncEach, flushFilesystem } from '../platform/durable.ts';
import { failpoint } from '../platform/failpoints.ts';
import type { BlobIndex } from './blob-index.ts';
import type { LocalLayout } from './local-layout.ts';
import { encodeSmall, renameMany, SMALL_FILE } from './small-blobs.ts';
import type { BlobBatch, FileToPut, PutOutcome, PutResult } from './snapshot-store.ts';

// A big file streams through a compressor of a few MB; two at once keep memory flat.
const largeAtOnce = limiter(2);
// Below this many renames, worker threads cost more than they save.
const RENAMES_IN_WORKERS = 64;

async function renameAll(pairs: Array<[string, string]>): Promise<void> {
  if (pairs.length >= RENAMES_IN_WORKERS) await renameMany(pairs);
  else await Promise.all(pairs.map(([from, to]) => rename(from, to)));
}

const fromWorker = (failure: { message: string; code?: string; path?: string }): Error =>
  Object.assign(new Error(failure.message), failure);

export function writeBatch(layout: LocalLayout, index: BlobIndex): BlobBatch {
  /** Written to tmp/, waiting for commit: content name → temporary file. */
  const pending = new Map<string, string>();
  /** Being written by a put still in flight. */
  const claimed = new Set<string>();
  let inFlight = 0;

  const isNew = (sha256: string) => !pending.has(sha256) && !claimed.has(sha256) && !index.knows(sha256);

  /** Small files, in one worker message; null where a file turned out big. */
  async function putSmall(
    files: string[],
    onBytes?: (bytes: number) => void,
  ): Promise<Array<PutOutcome | null>> {
    const mine: string[] = [];
    const encoded = await encodeSmall(files, layout.tmpFile, (sha256) => {
      if (!isNew(sha256)) return false;
      claimed.add(sha256);
      mine.push(sha256);
      return true;
    }).finally(() => {
      // Synchronously with the pending.set calls below: no other put can see a content as new in between.
      for (const sha256 of mine) claimed.delete(sha256);
    });
    return encoded.map((result): PutOutcome | null => {
      if ('large' in result) return null;
      if (!('sha256' in result)) return { error: fromWorker(result.error) };
      if (result.failed) return { error: fromWorker(result.failed) };
      if (result.stored) pending.set(result.sha256, result.stored.tmp);
      onBytes?.(result.size);
      return { sha256: result.sha256, size: result.size, storedBytes: result.stored?.bytes ?? 0 };
    });
  }

  function putLarge(file: string, onBytes?: (bytes: number) => void): Promise<PutResult> {
    return largeAtOnce(async () => {
      const tmp = layout.tmpFile();
      const input = await open(file, 'r');
      try {
        const { sha256, size } = await compressFileInto(input, tmp, onBytes);
        if (!isNew(sha256)) {
          await rm(tmp, { force: true });
          return { sha256, size, storedBytes: 0 };
        }
        pending.set(sha256, tmp);
        return { sha256, size, storedBytes: (await stat(tmp)).size };
      } catch (error) {
        await rm(tmp, { force: true });
        throw error;
      } finally {
        await input.close();
      }
    });
  }

  async function putFiles(files: FileToPut[], onBytes?: (bytes: number) => void): Promise<PutOutcome[]> {
    inFlight++;
    try {
      await layout.ready();
      await index.load();
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

  return {
    putFiles,

    async putFile(file, onBytes, sizeHint) {
      const [outcome] = await putFiles([{ file, sizeHint }], onBytes);
      if ('error' in outcome!) throw outcome.error;
      return outcome!;
    },

    async commit() {
      if (inFlight > 0) throw new Error('A blob batch was committed while puts were still in flight.');
      const items = [...pending];
      pending.clear();
      if (items.length === 0) return;
      // 1. The content of every temporary file is on disk…
      if (!(await flushFilesystem(layout.tmpDir))) await fsyncEach(items.map(([, tmp]) => tmp));
      failpoint('store:before-rename');
      // 2. …before any of them takes its name (in two halves, so a crash test can stop between them)…
      const pairs = items.map(([sha256, tmp]): [string, string] => [tmp, layout.blobPath(sha256)]);
      const half = Math.ceil(pairs.length / 2);
      await renameAll(pairs.slice(0, half));
      failpoint('store:mid-rename');
      await renameAll(pairs.slice(half));
      // 3. …and the names are on disk before anyone is told (hasBlob) that the blobs exist.
      if (!(await flushFilesystem(layout.blobsDir))) {
        await fsyncEach(new Set(pairs.map(([, to]) => path.dirname(to))));
      }
      await index.add(items.map(([sha256]) => sha256));
    },

    async abort() {
      const tmps = [...pending.values()];
      pending.clear();
      await Promise.all(tmps.map((tmp) => rm(tmp, { force: true })));
    },
  };
}
