// The in-memory index as a store loads it: many packs' indexes (each sorted), format-1 blob files and chunk
// lists, put in one id order; every content is then found where it is, whatever order they came in.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHUNKED, ContentIndex, LOOSE } from './content-index.ts';
import { IndexColumns } from './index-columns.ts';
import { checkedIndexCount, encodeIndex, type PackEntry } from './pack-format.ts';

interface Stored extends PackEntry {
  pack: string;
}

/** `count` random entries; with `prefix`, every id starts with those bytes (one bucket of the sort). */
function entriesOf(pack: string, count: number, prefix?: Buffer): Stored[] {
  return Array.from({ length: count }, (_, at) => {
    const id = randomBytes(32);
    prefix?.copy(id);
    return { pack, id, offset: at * 100, length: 100 + at, size: 200, piece: at % 7 === 3 };
  });
}

function loaded(packs: Stored[][], loose: Buffer[] = [], chunked: Buffer[] = []): ContentIndex {
  const index = new ContentIndex();
  const indexes = packs.map((entries) => encodeIndex(entries));
  const columns = new IndexColumns(
    indexes.reduce((sum, data) => sum + checkedIndexCount(data, 'test'), 0) + loose.length + chunked.length,
  );
  indexes.forEach((data, at) => columns.pushPackIndex(data, index.packNumber(packs[at]![0]!.pack)));
  for (const id of loose) columns.push(id, 0, LOOSE, 0, 0, false);
  for (const id of chunked) columns.push(id, 0, CHUNKED, 0, 0, false);
  index.load(columns);
  return index;
}

describe('loading the content index', () => {
  it('finds every content and piece of many packs, format-1 blob files and chunk lists where they are', () => {
    const packs = Array.from({ length: 40 }, (_, at) => entriesOf(`pack${at}`, 50 + at * 13));
    // Sixty entries in one bucket, from three packs: more than a short bucket holds, sorted the other way.
    for (const pack of ['crowded1', 'crowded2', 'crowded3'])
      packs.push(entriesOf(pack, 20, Buffer.from([0xab, 0xcd])));
    const loose = Array.from({ length: 30 }, () => randomBytes(32));
    const chunked = Array.from({ length: 30 }, () => randomBytes(32));
    const index = loaded(packs, loose, chunked);

    for (const entry of packs.flat()) {
      const hex = entry.id.toString('hex');
      expect(index.find(hex, entry.piece)).toEqual({
        pack: entry.pack,
        chunked: false,
        offset: entry.offset,
        length: entry.length,
      });
      expect(index.find(hex, !entry.piece)).toBeNull();
    }
    for (const id of loose)
      expect(index.find(id.toString('hex'))).toMatchObject({ pack: null, chunked: false });
    for (const id of chunked)
      expect(index.find(id.toString('hex'))).toMatchObject({ pack: null, chunked: true });
    expect(index.find(randomBytes(32).toString('hex'))).toBeNull();

    const contents = [
      ...packs
        .flat()
        .filter((entry) => !entry.piece)
        .map((entry) => entry.id),
      ...loose,
      ...chunked,
    ];
    const inOrder = contents.sort((a, b) => a.compare(b)).map((id) => id.toString('hex'));
    expect([...index.contents()]).toEqual(inOrder);
  });

  it('keeps every copy of a content held twice, offering another once one is forgotten', () => {
    const [first] = entriesOf('old', 1); // a content, not a piece
    const hex = first!.id.toString('hex');
    const index = loaded([[first!], [{ ...first!, pack: 'new', offset: 4_000 }]], [first!.id]);
    expect(index.inPack(hex)).toBe(true);
    expect(index.remove(hex, false, 'old')).toHaveLength(1);
    expect(index.find(hex)).not.toBeNull();
    // A pack this index does not know (quarantined, then repacked away) holds nothing to forget.
    expect(index.remove(hex, false, 'gone')).toEqual([]);
    expect(index.remove(hex, false, 'new')).toEqual([
      expect.objectContaining({ pack: 'new', offset: 4_000 }),
    ]);
    expect(index.inPack(hex)).toBe(false);
    expect(index.find(hex)).toEqual({ pack: null, chunked: false, offset: 0, length: 0 });
    expect(index.remove(hex, false, LOOSE)).toHaveLength(1);
    expect(index.find(hex)).toBeNull();
  });
});
