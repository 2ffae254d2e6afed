// Store format 2, as objects of a backend:
//   store.json                 { "format": 2 }: which layout the folder uses (no marker and blobs/: format 1)
//   packs/ab/<pack id>         small contents and pieces of big ones, one zstd frame each, back to back
//   index/<pack id>            what a pack holds, sorted by content id (below); published after its pack
//   chunks/ab/<sha256>         a big content: the ids and sizes of its pieces, in order
//   blobs/ab/<sha256>          format 1: one zstd file per content, still read as they are
//   manifests/<snap>.json.zst  one per snapshot, the commit point
//   quarantine/<sha256>.<where> contents that failed their checksum, kept for a human to look at
import { createHash, randomBytes } from 'node:crypto';
import { EngineError } from '../platform/errors.ts';

export const STORE_FORMAT = 2;
export const MARKER = 'store.json';
/** A pack is finished once it holds this much; a piece of a big content may carry it a little past. */
export const PACK_TARGET = 16 * 1024 * 1024;
/** Big contents are cut into pieces of this size, so no content is ever held whole. */
export const PIECE_SIZE = 4 * 1024 * 1024;

export const packName = (pack: string) => `packs/${pack.slice(0, 2)}/${pack}`;
export const indexName = (pack: string) => `index/${pack}`;
export const chunksName = (sha256: string) => `chunks/${sha256.slice(0, 2)}/${sha256}`;
export const looseName = (sha256: string) => `blobs/${sha256.slice(0, 2)}/${sha256}`;
export const newPackId = () => randomBytes(16).toString('hex');

/** One content (or piece) in a pack. */
export interface PackEntry {
  /** 32 bytes: the SHA-256 of the uncompressed content. */
  id: Buffer;
  offset: number;
  /** Bytes of its zstd frame. */
  length: number;
  /** Bytes uncompressed. */
  size: number;
  /** A piece of a big content, not a content of its own. */
  piece: boolean;
}

// index/<pack>: "RWX2", entry count (u32), then per entry id (32), offset, length, size|piece bit (u32 each),
// sorted by id, then the SHA-256 of everything before it.
const INDEX_MAGIC = Buffer.from('RWX2');
export const INDEX_ENTRY = 44;
export const INDEX_PIECE_BIT = 0x80000000;

export function encodeIndex(entries: PackEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => a.id.compare(b.id));
  const body = Buffer.alloc(8 + sorted.length * INDEX_ENTRY);
  INDEX_MAGIC.copy(body, 0);
  body.writeUInt32LE(sorted.length, 4);
  sorted.forEach((entry, at) => {
    const base = 8 + at * INDEX_ENTRY;
    entry.id.copy(body, base);
    body.writeUInt32LE(entry.offset, base + 32);
    body.writeUInt32LE(entry.length, base + 36);
    body.writeUInt32LE((entry.size | (entry.piece ? INDEX_PIECE_BIT : 0)) >>> 0, base + 40);
  });
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

/** How many entries a pack's index holds, once its checksum and length are right (corrupt_index otherwise). */
export function checkedIndexCount(data: Buffer, where: string): number {
  const body = data.subarray(0, data.length - 32);
  const damaged = () =>
    new EngineError(
      'corrupt_index',
      `The pack index ${where} is damaged; run a verify to see what it holds.`,
    );
  if (data.length < 40 || !body.subarray(0, 4).equals(INDEX_MAGIC)) throw damaged();
  if (
    !createHash('sha256')
      .update(body)
      .digest()
      .equals(data.subarray(data.length - 32))
  )
    throw damaged();
  const count = body.readUInt32LE(4);
  if (body.length !== 8 + count * INDEX_ENTRY) throw damaged();
  return count;
}

export function decodeIndex(data: Buffer, where: string): PackEntry[] {
  const count = checkedIndexCount(data, where);
  return Array.from({ length: count }, (_, at) => {
    const base = 8 + at * INDEX_ENTRY;
    const sized = data.readUInt32LE(base + 40);
    return {
      id: data.subarray(base, base + 32),
      offset: data.readUInt32LE(base + 32),
      length: data.readUInt32LE(base + 36),
      size: (sized & ~INDEX_PIECE_BIT) >>> 0,
      piece: (sized & INDEX_PIECE_BIT) !== 0,
    };
  });
}

/** A big content's pieces, in order. */
export interface Piece {
  sha256: string;
  size: number;
}

// chunks/<sha>: "RWC2", piece count (u32), then per piece its id (32) and size (u32).
const CHUNKS_MAGIC = Buffer.from('RWC2');

export function encodeChunks(pieces: Piece[]): Buffer {
  const data = Buffer.alloc(8 + pieces.length * 36);
  CHUNKS_MAGIC.copy(data, 0);
  data.writeUInt32LE(pieces.length, 4);
  pieces.forEach((piece, at) => {
    Buffer.from(piece.sha256, 'hex').copy(data, 8 + at * 36);
    data.writeUInt32LE(piece.size, 8 + at * 36 + 32);
  });
  return data;
}

export function decodeChunks(data: Buffer, sha256: string, where: string): Piece[] {
  const count = data.length >= 8 ? data.readUInt32LE(4) : -1;
  if (!data.subarray(0, 4).equals(CHUNKS_MAGIC) || data.length !== 8 + count * 36) {
    throw new EngineError(
      'corrupt_blob',
      `Blob ${sha256} in the snapshot store (${where}) is corrupt: its list of pieces is damaged.`,
    );
  }
  return Array.from({ length: count }, (_, at) => ({
    sha256: data.toString('hex', 8 + at * 36, 8 + at * 36 + 32),
    size: data.readUInt32LE(8 + at * 36 + 32),
  }));
}
