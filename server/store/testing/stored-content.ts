// For tests that break the store on purpose: where a content's bytes are on disk, read straight from the
// folder (not through the store under test), and ways to damage or replace them.
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zstdCompressSync, zstdDecompressSync } from 'node:zlib';
import { chunksName, decodeChunks, decodeIndex, encodeIndex, looseName, packName } from '../pack-format.ts';

export interface StoredFrame {
  file: string;
  offset: number;
  length: number;
  /** The pack index naming it, when in a pack. */
  index?: string;
}

function packFrame(root: string, sha256: string, piece: boolean): StoredFrame | null {
  const dir = path.join(root, 'index');
  for (const pack of existsSync(dir) ? readdirSync(dir).sort() : []) {
    const index = path.join(dir, pack);
    const entry = decodeIndex(readFileSync(index), index).find(
      (candidate) => candidate.id.toString('hex') === sha256 && candidate.piece === piece,
    );
    if (entry)
      return { file: path.join(root, packName(pack)), offset: entry.offset, length: entry.length, index };
  }
  return null;
}

/** The compressed frames holding a content: its frame in a pack, its blob file, or its pieces' frames. */
export function storedFrames(root: string, sha256: string): StoredFrame[] {
  const framed = packFrame(root, sha256, false);
  if (framed) return [framed];
  const loose = path.join(root, looseName(sha256));
  if (existsSync(loose)) return [{ file: loose, offset: 0, length: statSync(loose).size }];
  const chunks = path.join(root, chunksName(sha256));
  if (!existsSync(chunks)) throw new Error(`the store at ${root} holds no content ${sha256}`);
  return decodeChunks(readFileSync(chunks), sha256, chunks).map((piece) => {
    const frame = packFrame(root, piece.sha256, true);
    if (!frame) throw new Error(`piece ${piece.sha256} of ${sha256} is in no pack`);
    return frame;
  });
}

const read = ({ file, offset, length }: StoredFrame) => readFileSync(file).subarray(offset, offset + length);

/** Flips bits of one byte in the middle of the content's (first) frame, as bit rot would. */
export function damageContent(root: string, sha256: string, mask = 0x01): void {
  const [frame] = storedFrames(root, sha256);
  const bytes = readFileSync(frame!.file);
  bytes[frame!.offset + (frame!.length >> 1)]! ^= mask;
  writeFileSync(frame!.file, bytes);
}

/** The content, decompressed from disk without any check. */
export function contentOf(root: string, sha256: string): Buffer {
  return zstdDecompressSync(Buffer.concat(storedFrames(root, sha256).map(read)));
}

/**
 * Makes the store hold `content` under the name `sha256` (which it does not hash to): a lying store. The frame
 * goes at the end of the pack and the pack's index names it, so a store object opened afterwards reads it.
 */
export function replaceContent(root: string, sha256: string, content: Buffer): void {
  const frames = storedFrames(root, sha256);
  const [frame] = frames;
  if (frames.length > 1) throw new Error(`${sha256} is in pieces: replace a small content`);
  const compressed = zstdCompressSync(content);
  if (!frame!.index) {
    writeFileSync(frame!.file, compressed);
    return;
  }
  const offset = statSync(frame!.file).size;
  appendFileSync(frame!.file, compressed);
  const entries = decodeIndex(readFileSync(frame!.index), frame!.index).map((entry) =>
    entry.id.toString('hex') === sha256 && !entry.piece
      ? { ...entry, offset, length: compressed.length }
      : entry,
  );
  writeFileSync(frame!.index, encodeIndex(entries));
}

/** Every byte the store holds as content (packs, format-1 blobs), indexes and manifests aside. */
export function contentBytesOnDisk(root: string): number {
  let bytes = 0;
  const walk = (dir: string) => {
    for (const entry of existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else bytes += statSync(full).size;
    }
  };
  walk(path.join(root, 'packs'));
  walk(path.join(root, 'blobs'));
  return bytes;
}
