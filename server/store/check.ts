// Checking a whole store from what is on disk, not from the in-memory index: every pack's index against its
// checksum, every frame of every pack decompressed and hashed against its id and size, every chunk list's pieces
// found whole in a pack, every format-1 blob file hashed against its name. It only reads, one pack in memory at a
// time; what it finds damaged it names by id, for a human or a repair to act on.
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createZstdDecompress, zstdDecompress } from 'node:zlib';
import type { StoreBackend } from './backend/backend.ts';
import { SHA256 } from './content-index.ts';
import { decodeChunks, decodeIndex, packName } from './pack-format.ts';
import { names } from './store-load.ts';

const decompress = promisify(zstdDecompress);

export interface DamagedContent {
  /** The content's id, or a piece's (with `piece`). */
  sha256: string;
  piece?: boolean;
  /** The object holding it: `packs/…`, `chunks/…` or `blobs/…`. */
  where: string;
  why: string;
}

export interface StoreCheck {
  /** Packs (by id) whose index is damaged, or whose file is missing or shorter than its index says. */
  damagedPacks: Array<{ pack: string; why: string }>;
  damagedContents: DamagedContent[];
  /** Contents and pieces read and found whole. */
  wholeContents: number;
}

async function frameProblem(frame: Buffer, id: string, size: number): Promise<string | null> {
  let content: Buffer;
  try {
    content = await decompress(frame, { maxOutputLength: Math.max(size, 1) });
  } catch (error) {
    return `its frame does not decompress (${(error as Error).message})`;
  }
  const actual = createHash('sha256').update(content).digest('hex');
  if (actual !== id) return `its content hashes to ${actual}`;
  return content.length === size ? null : `it is ${content.length} bytes, not the ${size} its index says`;
}

async function looseProblem(backend: StoreBackend, name: string, sha256: string): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    await pipeline(backend.stream(name), createZstdDecompress(), async (content: AsyncIterable<Buffer>) => {
      for await (const chunk of content) hash.update(chunk);
    });
  } catch (error) {
    return `it does not decompress (${(error as Error).message})`;
  }
  const actual = hash.digest('hex');
  return actual === sha256 ? null : `its content hashes to ${actual}`;
}

export async function checkStore(backend: StoreBackend): Promise<StoreCheck> {
  const result: StoreCheck = { damagedPacks: [], damagedContents: [], wholeContents: 0 };
  const damaged = (entry: DamagedContent) => result.damagedContents.push(entry);
  /** Pieces found whole, and pieces found damaged (where). */
  const wholePieces = new Set<string>();
  const damagedPieces = new Map<string, string>();

  for (const name of await names(backend, 'index/')) {
    const pack = name.slice('index/'.length);
    const where = packName(pack);
    const data = await backend.get(name);
    if (!data) continue; // deleted since it was listed
    let entries;
    try {
      entries = decodeIndex(data, `${backend.where}/${name}`);
    } catch {
      result.damagedPacks.push({ pack, why: `its index (${name}) does not match its checksum` });
      continue;
    }
    const bytes = await backend.get(where);
    if (!bytes) {
      result.damagedPacks.push({
        pack,
        why: `its index names ${entries.length} contents, but the pack is missing`,
      });
      continue;
    }
    let short = false;
    for (const { id, offset, length, size, piece } of entries) {
      const sha256 = id.toString('hex');
      const past = offset + length > bytes.length;
      short ||= past;
      const why = past
        ? 'its frame is past the end of the pack'
        : await frameProblem(bytes.subarray(offset, offset + length), sha256, size);
      if (why) {
        damaged({ sha256, ...(piece ? { piece } : {}), where, why });
        if (piece) damagedPieces.set(sha256, where);
      } else {
        result.wholeContents++;
        if (piece) wholePieces.add(sha256);
      }
    }
    if (short) result.damagedPacks.push({ pack, why: 'it is shorter than its index says' });
  }

  for (const name of await names(backend, 'chunks/')) {
    const sha256 = name.split('/')[2]!;
    if (!SHA256.test(sha256)) continue;
    const data = await backend.get(name);
    if (!data) continue;
    let pieces;
    try {
      pieces = decodeChunks(data, sha256, `${backend.where}/${name}`);
    } catch {
      damaged({ sha256, where: name, why: 'its list of pieces is damaged' });
      continue;
    }
    const missing = pieces.find((piece) => !wholePieces.has(piece.sha256));
    if (!missing) continue;
    const at = damagedPieces.get(missing.sha256);
    damaged({
      sha256,
      where: name,
      why: at
        ? `its piece ${missing.sha256} is damaged (${at})`
        : `its piece ${missing.sha256} is in no pack with a whole index`,
    });
  }

  for (const name of await names(backend, 'blobs/')) {
    const sha256 = name.split('/')[2];
    if (!sha256 || !SHA256.test(sha256)) continue;
    const why = await looseProblem(backend, name, sha256);
    if (why) damaged({ sha256, where: name, why });
    else result.wholeContents++;
  }
  return result;
}
