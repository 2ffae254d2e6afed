// Freeing the space of deleted contents. Deleting a content in a pack only stops the store offering it; this
// makes that durable and gives the bytes back: a pack whose live frames fall under half of it is rewritten
// with them (new packs and their indexes published before the old ones are deleted, so a crash in between
// leaves the same contents in two packs, which is harmless), a pack with none is dropped, and any other pack
// touched gets an index without its deleted contents. Run only while no capture writes (the store lock).
import { open, rm, type FileHandle } from 'node:fs/promises';
import { failpoint } from '../platform/failpoints.ts';
import type { StagedObject, StoreBackend } from './backend/backend.ts';
import type { ContentIndex, IndexedEntry } from './content-index.ts';
import {
  decodeIndex,
  encodeIndex,
  indexName,
  newPackId,
  PACK_TARGET,
  packName,
  type PackEntry,
} from './pack-format.ts';

/** Packs whose live frames are under this share of the pack are rewritten. */
export const REPACK_BELOW = 0.5;

export interface CompactResult {
  repackedPacks: number;
  droppedPacks: number;
  /** Bytes of the store's objects that are gone from disk. */
  freedBytes: number;
}

/** Bytes read at once when copying live frames: a run of adjacent frames is cut at this size. */
const RUN_BYTES = 4 * 1024 * 1024;

interface FreshPack {
  id: string;
  file: string;
  entries: PackEntry[];
  end: number;
  handle?: FileHandle;
}

/** The entries in offset order, cut into runs of frames that follow each other, each run under RUN_BYTES. */
function runsOf(entries: PackEntry[]): PackEntry[][] {
  const runs: PackEntry[][] = [];
  let run: PackEntry[] = [];
  for (const entry of [...entries].sort((a, b) => a.offset - b.offset)) {
    const last = run.at(-1);
    const joins =
      last !== undefined &&
      entry.offset === last.offset + last.length &&
      entry.offset + entry.length - run[0]!.offset <= RUN_BYTES;
    if (!joins && run.length > 0) {
      runs.push(run);
      run = [];
    }
    run.push(entry);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * Appends a run's frames (`bytes`, read from `base` of the old pack) to the new packs, starting another once
 * one holds PACK_TARGET: one write for the frames that go to the same pack.
 */
async function copyRun(
  backend: StoreBackend,
  fresh: FreshPack[],
  run: PackEntry[],
  bytes: Buffer,
  base: number,
): Promise<void> {
  let at = 0;
  while (at < run.length) {
    let target = fresh.at(-1);
    if (!target || target.end >= PACK_TARGET) {
      target = { id: newPackId(), file: await backend.scratchFile(), entries: [], end: 0 };
      fresh.push(target);
    }
    const from = run[at]!.offset - base;
    let to = from;
    while (at < run.length && (to === from || target.end + (to - from) < PACK_TARGET)) {
      const entry = run[at++]!;
      target.entries.push({ ...entry, offset: target.end + (to - from) });
      to += entry.length;
    }
    target.handle ??= await open(target.file, 'wx');
    await target.handle.write(bytes.subarray(from, to));
    target.end += to - from;
  }
}

const keyOf = (entry: { id: Buffer; piece: boolean; offset: number }) =>
  `${entry.id.toString('hex')}${entry.piece ? 'p' : 'c'}${entry.offset}`;

export async function compactPacks(backend: StoreBackend, index: ContentIndex): Promise<CompactResult> {
  const result: CompactResult = { repackedPacks: 0, droppedPacks: 0, freedBytes: 0 };
  const touched = [...index.packUsage()].filter(([, usage]) => usage.dead > 0);
  const moving: Array<{ pack: string; entries: PackEntry[]; size: number }> = [];
  const emptied: Array<{ pack: string; size: number }> = [];
  const reindexed: StagedObject[] = [];
  for (const [pack, usage] of touched) {
    const size = (await backend.stat(packName(pack)))?.size ?? 0;
    const stored = await backend.get(indexName(pack));
    const live = new Set(
      index.liveIn(pack).map((entry) => keyOf({ ...entry, id: Buffer.from(entry.sha256, 'hex') })),
    );
    const entries = stored
      ? decodeIndex(stored, `${backend.where}/${indexName(pack)}`).filter((e) => live.has(keyOf(e)))
      : [];
    if (entries.length === 0) emptied.push({ pack, size });
    else if (usage.live < size * REPACK_BELOW) moving.push({ pack, entries, size });
    else reindexed.push(await backend.stage(indexName(pack), encodeIndex(entries)));
  }

  // 1. The live frames of the packs being rewritten, copied as they are into new packs, read a run of adjacent
  // frames at a time (most of a pack's live frames sit side by side)…
  const fresh: FreshPack[] = [];
  const closeAll = () => Promise.all(fresh.map((pack) => pack.handle?.close()));
  try {
    for (const { pack, entries } of moving) {
      for (const run of runsOf(entries)) {
        const first = run[0]!;
        const last = run.at(-1)!;
        const length = last.offset + last.length - first.offset;
        const bytes = await backend.get(packName(pack), { offset: first.offset, length });
        if (!bytes || bytes.length !== length)
          throw new Error(`Pack ${pack} is shorter than its index says.`);
        await copyRun(backend, fresh, run, bytes, first.offset);
      }
    }
    await closeAll();
    const staged: StagedObject[] = [];
    for (const pack of fresh) staged.push(await backend.stage(packName(pack.id), { file: pack.file }));
    for (const pack of fresh) staged.push(await backend.stage(indexName(pack.id), encodeIndex(pack.entries)));
    // 2. …published (with the slimmer indexes) before anything old is deleted.
    await backend.publish([...staged, ...reindexed]);
  } catch (error) {
    await closeAll().catch(() => {});
    await Promise.all(fresh.map((pack) => rm(pack.file, { force: true })));
    throw error;
  }
  failpoint('repack:after-publish');
  const added: IndexedEntry[] = fresh.flatMap((pack) =>
    pack.entries.map((entry) => ({ ...entry, pack: index.packNumber(pack.id) })),
  );
  index.add(added);
  // 3. The old packs go: the index first, so a crash leaves at worst a pack no index names (cleanTemporary).
  for (const { pack, entries, size } of moving) {
    for (const entry of entries) index.remove(entry.id.toString('hex'), entry.piece, pack);
    await backend.delete(indexName(pack));
    failpoint('repack:mid-delete');
    await backend.delete(packName(pack));
    result.freedBytes += size;
    result.repackedPacks++;
  }
  result.freedBytes -= fresh.reduce((sum, pack) => sum + pack.end, 0);
  for (const { pack, size } of emptied) {
    await backend.delete(indexName(pack));
    await backend.delete(packName(pack));
    result.freedBytes += size;
    result.droppedPacks++;
  }
  return result;
}
