// The in-memory index's columns (content-index.ts), and how a store's load fills and sorts them without one
// JavaScript object per content: entries are copied straight from the packs' indexes into flat typed arrays,
// then put in id order by a bucket sort on the ids' first two bytes (ids are SHA-256 digests, so a million of
// them fall ~15 to a bucket) and a short sort of each bucket: linear work, a few hundred ms for a million.
import { INDEX_ENTRY, INDEX_PIECE_BIT } from './pack-format.ts';

export const PIECE = 1;
export const DEAD = 2;
const BUCKETS = 65536;
/** Buckets up to this size are sorted by insertion; a bigger one (many copies of one id) by the engine. */
const SHORT = 32;

export class IndexColumns {
  readonly capacity: number;
  readonly ids: Buffer<ArrayBuffer>;
  readonly packOf: Uint32Array<ArrayBuffer>;
  readonly offsets: Uint32Array<ArrayBuffer>;
  readonly lengths: Uint32Array<ArrayBuffer>;
  readonly flags: Uint8Array<ArrayBuffer>;
  count = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    // Its own ArrayBuffer (not Node's shared pool): aligned, so it can be copied a word at a time.
    this.ids = Buffer.from(new ArrayBuffer(capacity * 32));
    this.packOf = new Uint32Array(capacity);
    this.offsets = new Uint32Array(capacity);
    this.lengths = new Uint32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  /** One entry; `id` is 32 bytes of `from` at `at`. */
  push(from: Uint8Array, at: number, pack: number, offset: number, length: number, piece: boolean): void {
    const to = this.count++;
    if (to >= this.capacity) throw new RangeError(`the index has room for ${this.capacity} entries only`);
    this.ids.set(from.subarray(at, at + 32), to * 32);
    this.packOf[to] = pack;
    this.offsets[to] = offset;
    this.lengths[to] = length;
    this.flags[to] = piece ? PIECE : 0;
  }

  /** Every entry of a pack's index, as it is stored (index/<pack>, already checked by checkedIndexCount). */
  pushPackIndex(data: Buffer, pack: number): void {
    const count = data.readUInt32LE(4);
    if (this.count + count > this.capacity) {
      throw new RangeError(`the index has room for ${this.capacity} entries only`);
    }
    let to = this.count;
    for (let base = 8; base < 8 + count * INDEX_ENTRY; base += INDEX_ENTRY, to++) {
      data.copy(this.ids, to * 32, base, base + 32);
      this.packOf[to] = pack;
      this.offsets[to] = data.readUInt32LE(base + 32);
      this.lengths[to] = data.readUInt32LE(base + 36);
      this.flags[to] = data.readUInt32LE(base + 40) & INDEX_PIECE_BIT ? PIECE : 0;
    }
    this.count = to;
  }

  /** The same entries in id order (entries of one id in the order they came), in columns of their size. */
  sorted(): IndexColumns {
    const { ids, count } = this;
    const bucketOf = (at: number) => (ids[at * 32]! << 8) | ids[at * 32 + 1]!;
    const starts = new Uint32Array(BUCKETS + 1);
    for (let at = 0; at < count; at++) starts[bucketOf(at) + 1]!++;
    for (let bucket = 0; bucket < BUCKETS; bucket++) starts[bucket + 1]! += starts[bucket]!;
    const next = starts.slice(0, BUCKETS);
    const order = new Uint32Array(count);
    for (let at = 0; at < count; at++) order[next[bucketOf(at)]!++] = at;
    for (let bucket = 0; bucket < BUCKETS; bucket++)
      sortBucket(ids, order, starts[bucket]!, starts[bucket + 1]!);

    const out = new IndexColumns(count);
    const from = new Uint32Array(ids.buffer, ids.byteOffset, this.capacity * 8);
    const to = new Uint32Array(out.ids.buffer, out.ids.byteOffset, count * 8);
    for (let k = 0; k < count; k++) {
      const at = order[k]!;
      for (let word = 0; word < 8; word++) to[k * 8 + word] = from[at * 8 + word]!;
      out.packOf[k] = this.packOf[at]!;
      out.offsets[k] = this.offsets[at]!;
      out.lengths[k] = this.lengths[at]!;
      out.flags[k] = this.flags[at]!;
    }
    out.count = count;
    return out;
  }
}

/** Orders two entries of one bucket by their ids (the first two bytes are the bucket's). */
function compareIds(ids: Buffer, a: number, b: number): number {
  for (let k = 2; k < 32; k++) {
    const difference = ids[a * 32 + k]! - ids[b * 32 + k]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

function sortBucket(ids: Buffer, order: Uint32Array, start: number, end: number): void {
  if (end - start > SHORT) {
    order.subarray(start, end).sort((a, b) => compareIds(ids, a, b) || a - b);
    return;
  }
  for (let k = start + 1; k < end; k++) {
    const at = order[k]!;
    let j = k - 1;
    while (j >= start && compareIds(ids, order[j]!, at) > 0) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = at;
  }
}
