// Where each content is, in memory, without one JavaScript object per content: the store's entries sorted by
// id in flat columns (32 bytes of id, then pack number, offset, frame length and flags: 45 bytes a content),
// and a small map of the ones this process added since the columns were last merged. A million contents take
// ~45 MB; looking one up is a binary search.
import { DEAD, PIECE, type IndexColumns } from './index-columns.ts';
import type { PackEntry } from './pack-format.ts';

export const SHA256 = /^[0-9a-f]{64}$/;

/** Pack numbers that are not packs: a format-1 blob file, or a big content's chunk list. */
export const LOOSE = 0xffffffff;
export const CHUNKED = 0xfffffffe;

export interface Location {
  /** A pack's id, or null for a loose blob or a chunk list. */
  pack: string | null;
  chunked: boolean;
  offset: number;
  length: number;
}

interface Recent {
  pack: number;
  offset: number;
  length: number;
}

export interface IndexedEntry extends Omit<PackEntry, 'size'> {
  /** A pack's number (packNumber), LOOSE or CHUNKED. */
  pack: number;
}

export class ContentIndex {
  private packs: string[] = [];
  private numbers = new Map<string, number>();
  private ids = Buffer.alloc(0);
  private packOf = new Uint32Array(0);
  private offsets = new Uint32Array(0);
  private lengths = new Uint32Array(0);
  private flags = new Uint8Array(0);
  private count = 0;
  /** Added since the last merge: `<hex>` for contents, `<hex>p` for pieces. */
  private recent = new Map<string, Recent>();

  packNumber(pack: string): number {
    let number = this.numbers.get(pack);
    if (number === undefined) {
      number = this.packs.push(pack) - 1;
      this.numbers.set(pack, number);
    }
    return number;
  }

  knowsPack(pack: string): boolean {
    return this.numbers.has(pack);
  }

  /** Replaces everything with these entries, in any order (a store being loaded: index-columns.ts). */
  load(columns: IndexColumns): void {
    const sorted = columns.sorted();
    this.ids = sorted.ids;
    this.packOf = sorted.packOf;
    this.offsets = sorted.offsets;
    this.lengths = sorted.lengths;
    this.flags = sorted.flags;
    this.count = sorted.count;
    this.recent.clear();
  }

  /** Entries durable in the backend: from now on a capture trusts them. */
  add(entries: IndexedEntry[]): void {
    for (const entry of entries) {
      this.recent.set(key(entry.id.toString('hex'), entry.piece), entry);
    }
    if (this.recent.size > Math.max(8192, this.count >> 3)) this.merge();
  }

  /** A live content (or piece) of that id, or null. */
  find(sha256: string, piece = false): Location | null {
    if (!SHA256.test(sha256)) return null;
    const recent = this.recent.get(key(sha256, piece));
    if (recent) return this.location(recent.pack, recent.offset, recent.length);
    const at = this.live(Buffer.from(sha256, 'hex'), piece);
    return at < 0 ? null : this.location(this.packOf[at]!, this.offsets[at]!, this.lengths[at]!);
  }

  /** Whether a live entry of a pack holds the content (not a format-1 blob file, not a chunk list). */
  inPack(sha256: string): boolean {
    const recent = this.recent.get(key(sha256, false));
    if (recent && recent.pack !== LOOSE && recent.pack !== CHUNKED) return true;
    const id = Buffer.from(sha256, 'hex');
    for (let at = this.lowerBound(id); at < this.count && this.idAt(at, id) === 0; at++) {
      const pack = this.packOf[at]!;
      if (this.flags[at]! & (DEAD | PIECE) || pack === LOOSE || pack === CHUNKED) continue;
      return true;
    }
    return false;
  }

  /**
   * Forgets the content (or piece) of that id: everywhere, or only in `pack` (a pack's id, or LOOSE for its
   * format-1 blob file). Returns what it forgot.
   */
  remove(sha256: string, piece = false, pack?: string | typeof LOOSE): Location[] {
    const removed: Location[] = [];
    // A pack this index does not know (gone since) holds nothing to forget.
    const only = pack === undefined || pack === LOOSE ? pack : (this.numbers.get(pack) ?? -1);
    const recentKey = key(sha256, piece);
    const recent = this.recent.get(recentKey);
    if (recent && (only === undefined || recent.pack === only)) {
      this.recent.delete(recentKey);
      removed.push(this.location(recent.pack, recent.offset, recent.length));
    }
    const id = Buffer.from(sha256, 'hex');
    for (let at = this.lowerBound(id); at < this.count && this.idAt(at, id) === 0; at++) {
      if (this.flags[at]! & DEAD || Boolean(this.flags[at]! & PIECE) !== piece) continue;
      if (only !== undefined && this.packOf[at] !== only) continue;
      this.flags[at]! |= DEAD;
      removed.push(this.location(this.packOf[at]!, this.offsets[at]!, this.lengths[at]!));
    }
    return removed;
  }

  /** The id of every live content (not pieces), in id order, once each. */
  *contents(): Generator<string> {
    this.merge();
    let last = -1;
    for (let at = 0; at < this.count; at++) {
      if (this.flags[at]! & (DEAD | PIECE)) continue;
      if (last >= 0 && this.ids.compare(this.ids, last * 32, last * 32 + 32, at * 32, at * 32 + 32) === 0)
        continue;
      last = at;
      yield this.ids.toString('hex', at * 32, at * 32 + 32);
    }
  }

  /** Per pack id: the bytes of its live frames, and of its dead ones. */
  packUsage(): Map<string, { live: number; dead: number }> {
    this.merge();
    const usage = new Map<string, { live: number; dead: number }>();
    for (let at = 0; at < this.count; at++) {
      const pack = this.packOf[at]!;
      if (pack === LOOSE || pack === CHUNKED) continue;
      const id = this.packs[pack]!;
      const entry = usage.get(id) ?? { live: 0, dead: 0 };
      if (this.flags[at]! & DEAD) entry.dead += this.lengths[at]!;
      else entry.live += this.lengths[at]!;
      usage.set(id, entry);
    }
    return usage;
  }

  /** The live entries of one pack, in offset order. */
  liveIn(pack: string): Array<{ sha256: string; piece: boolean; offset: number; length: number }> {
    this.merge();
    const number = this.numbers.get(pack);
    const found = [];
    for (let at = 0; at < this.count; at++) {
      if (this.packOf[at] !== number || this.flags[at]! & DEAD) continue;
      const sha256 = this.ids.toString('hex', at * 32, at * 32 + 32);
      found.push({
        sha256,
        piece: Boolean(this.flags[at]! & PIECE),
        offset: this.offsets[at]!,
        length: this.lengths[at]!,
      });
    }
    return found.sort((a, b) => a.offset - b.offset);
  }

  /** Bytes held by the columns: what a million contents cost. */
  get memoryBytes(): number {
    return this.ids.byteLength + this.packOf.byteLength * 3 + this.flags.byteLength;
  }

  private merge(): void {
    if (this.recent.size === 0) return;
    const added = [...this.recent].map(([name, entry]) => ({
      id: Buffer.from(name.slice(0, 64), 'hex'),
      piece: name.length > 64,
      ...entry,
    }));
    this.recent.clear();
    added.sort((a, b) => a.id.compare(b.id));
    const old = {
      ids: this.ids,
      packOf: this.packOf,
      offsets: this.offsets,
      lengths: this.lengths,
      flags: this.flags,
    };
    const oldCount = this.count;
    this.resize(oldCount + added.length);
    let [i, j, to] = [0, 0, 0];
    while (i < oldCount || j < added.length) {
      const takeOld =
        j >= added.length || (i < oldCount && old.ids.compare(added[j]!.id, 0, 32, i * 32, i * 32 + 32) <= 0);
      if (takeOld) {
        old.ids.copy(this.ids, to * 32, i * 32, i * 32 + 32);
        this.packOf[to] = old.packOf[i]!;
        this.offsets[to] = old.offsets[i]!;
        this.lengths[to] = old.lengths[i]!;
        this.flags[to] = old.flags[i]!;
        i++;
      } else this.set(to, added[j++]!);
      to++;
    }
    this.count = to;
  }

  private resize(count: number): void {
    this.ids = Buffer.alloc(count * 32);
    this.packOf = new Uint32Array(count);
    this.offsets = new Uint32Array(count);
    this.lengths = new Uint32Array(count);
    this.flags = new Uint8Array(count);
  }

  private set(at: number, entry: IndexedEntry): void {
    entry.id.copy(this.ids, at * 32);
    this.packOf[at] = entry.pack;
    this.offsets[at] = entry.offset;
    this.lengths[at] = entry.length;
    this.flags[at] = entry.piece ? PIECE : 0;
  }

  /** Compares the id at `at` with `id`: negative when the one at `at` sorts first. */
  private idAt(at: number, id: Buffer): number {
    return this.ids.compare(id, 0, 32, at * 32, at * 32 + 32);
  }

  private lowerBound(id: Buffer): number {
    let [low, high] = [0, this.count];
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.idAt(mid, id) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private live(id: Buffer, piece: boolean): number {
    for (let at = this.lowerBound(id); at < this.count && this.idAt(at, id) === 0; at++) {
      if (!(this.flags[at]! & DEAD) && Boolean(this.flags[at]! & PIECE) === piece) return at;
    }
    return -1;
  }

  private location(pack: number, offset: number, length: number): Location {
    if (pack === LOOSE || pack === CHUNKED) return { pack: null, chunked: pack === CHUNKED, offset, length };
    return { pack: this.packs[pack]!, chunked: false, offset, length };
  }
}

const key = (sha256: string, piece: boolean) => (piece ? `${sha256}p` : sha256);
