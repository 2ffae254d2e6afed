// Moving a format-1 store into format 2 as it loads: its small blob files (blobs/ab/<sha256>, one zstd file per
// content) are copied, as they are, as frames into new packs; each pack and its index are published durably
// before any blob file it holds is deleted. So whatever instant a kill hits, every content is whole in a blob
// file, a pack, or both (harmless: the same bytes twice), and the next load finishes the job: a blob file whose
// content a pack already holds is only deleted. It runs while the store loads, before the store answers any
// read or write, so it never races a capture.
//
// Big blob files stay as they are: re-cutting one into pieces would decompress, hash and compress it all again
// at start-up for nothing a restore needs (it streams a blob file as well as pieces), and packs are there to
// save the per-file cost of many small contents, which one file of many megabytes does not have.
import { createHash } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { zstdDecompress } from 'node:zlib';
import { limiter } from '../platform/concurrency.ts';
import { failpoint } from '../platform/failpoints.ts';
import type { StoreBackend } from './backend/backend.ts';
import { LOOSE, type ContentIndex } from './content-index.ts';
import {
  encodeIndex,
  indexName,
  looseName,
  newPackId,
  PACK_TARGET,
  packName,
  type PackEntry,
} from './pack-format.ts';
import { SMALL_BLOB, SMALL_FILE } from './small-blobs.ts';

const decompress = promisify(zstdDecompress);
/** Blob files read and checked at once: each is small, the cost is the system calls. */
const READS_AT_ONCE = 16;

export interface MigrateResult {
  /** Blob files whose content is now in a pack (and whose file is gone). */
  packed: number;
  /** Big blob files, left as they are. */
  big: number;
  /** Blob files that do not decompress or hash to their name: left where they are, for a read to quarantine. */
  damaged: number;
}

interface Filling {
  id: string;
  file: string;
  handle: FileHandle;
  end: number;
  entries: PackEntry[];
}

/** A small blob file's frame and content size, or why it stays a file. */
async function readSmall(
  backend: StoreBackend,
  sha256: string,
): Promise<{ frame: Buffer; size: number } | 'big' | 'damaged' | 'gone'> {
  const name = looseName(sha256);
  const info = await backend.stat(name);
  if (!info) return 'gone';
  if (info.size > SMALL_BLOB) return 'big';
  const frame = await backend.get(name);
  if (!frame) return 'gone';
  let content: Buffer;
  try {
    content = await decompress(frame, { maxOutputLength: SMALL_FILE });
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'big' : 'damaged';
  }
  if (createHash('sha256').update(content).digest('hex') !== sha256) return 'damaged';
  return { frame, size: content.length };
}

/**
 * Packs the small ones of these format-1 blob files (ids whose blobs/ file exists, as the store just listed
 * them), telling `index` of each pack once it is durable, and deletes their files after.
 */
export async function migrateLooseBlobs(
  backend: StoreBackend,
  index: ContentIndex,
  loose: string[],
): Promise<MigrateResult> {
  const result: MigrateResult = { packed: 0, big: 0, damaged: 0 };
  const done: string[] = [];
  const waiting: string[] = [];
  let filling: Filling | null = null;

  async function deleteFiles(sha256s: string[]): Promise<void> {
    for (const [at, sha256] of sha256s.entries()) {
      await backend.delete(looseName(sha256));
      index.remove(sha256, false, LOOSE);
      result.packed++;
      if (at === 0) failpoint('migrate:mid-delete');
    }
  }

  async function publish(): Promise<void> {
    if (!filling) return;
    const { id, file, handle, entries } = filling;
    filling = null;
    await handle.close();
    try {
      const staged = [await backend.stage(packName(id), { file })];
      staged.push(await backend.stage(indexName(id), encodeIndex(entries)));
      failpoint('migrate:before-publish');
      await backend.publish(staged); // the pack, then its index: both durable when it resolves
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
    failpoint('migrate:after-publish');
    const pack = index.packNumber(id);
    index.add(entries.map((entry) => ({ ...entry, pack })));
    await deleteFiles(waiting.splice(0));
  }

  async function append(sha256: string, frame: Buffer, size: number): Promise<void> {
    if (!filling) {
      const file = await backend.scratchFile();
      filling = { id: newPackId(), file, handle: await open(file, 'wx'), end: 0, entries: [] };
    }
    await filling.handle.write(frame);
    filling.entries.push({
      id: Buffer.from(sha256, 'hex'),
      offset: filling.end,
      length: frame.length,
      size,
      piece: false,
    });
    filling.end += frame.length;
    waiting.push(sha256);
    if (filling.entries.length === 1) failpoint('migrate:mid-pack');
    if (filling.end >= PACK_TARGET) await publish();
  }

  const read = limiter(READS_AT_ONCE);
  try {
    for (let start = 0; start < loose.length; start += READS_AT_ONCE * 4) {
      const group = loose.slice(start, start + READS_AT_ONCE * 4);
      // A content a pack holds already (a migration killed before it deleted the file) needs no copy.
      const outcomes = await Promise.all(
        group.map((sha256) => (index.inPack(sha256) ? 'packed' : read(() => readSmall(backend, sha256)))),
      );
      for (const [at, outcome] of outcomes.entries()) {
        const sha256 = group[at]!;
        if (outcome === 'packed') done.push(sha256);
        else if (outcome === 'big') result.big++;
        else if (outcome === 'damaged') result.damaged++;
        else if (outcome !== 'gone') await append(sha256, outcome.frame, outcome.size);
      }
    }
    await publish();
  } finally {
    if (filling) {
      const { handle, file } = filling as Filling;
      await handle.close().catch(() => {});
      await rm(file, { force: true });
    }
  }
  await deleteFiles(done);
  return result;
}
