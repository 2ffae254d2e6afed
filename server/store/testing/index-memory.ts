// What the in-memory index costs for a million contents, and how long a store takes to build it at start: the
// contents spread over packs as a store holds them (each pack's index as it is stored, sorted by id), checked
// and loaded into the columns (index-columns.ts), then sorted. Usage: node index-memory.ts [contents]
import { randomBytes } from 'node:crypto';
import { ContentIndex } from '../content-index.ts';
import { IndexColumns } from '../index-columns.ts';
import { checkedIndexCount, encodeIndex, type PackEntry } from '../pack-format.ts';

const count = Number(process.argv[2] ?? 1_000_000);
/** Contents a pack holds: 16 MB of ~10 KB frames. */
const PER_PACK = 1600;
const packIndexes: Buffer[] = [];
for (let start = 0; start < count; start += PER_PACK) {
  const entries: PackEntry[] = [];
  for (let at = 0; at < Math.min(PER_PACK, count - start); at++) {
    entries.push({ id: randomBytes(32), offset: at * 10_000, length: 10_000, size: 30_000, piece: false });
  }
  packIndexes.push(encodeIndex(entries));
}

const index = new ContentIndex();
const started = performance.now();
const checked = packIndexes.map((data, at) => ({
  data,
  count: checkedIndexCount(data, `index/${at}`),
  pack: index.packNumber(randomBytes(16).toString('hex')),
}));
let filledMs = 0;
/** The columns as a store fills them; dropped once loaded, as a store drops them. */
function filled(): IndexColumns {
  const columns = new IndexColumns(checked.reduce((sum, { count }) => sum + count, 0));
  for (const { data, pack } of checked) columns.pushPackIndex(data, pack);
  filledMs = performance.now() - started;
  return columns;
}
index.load(filled());
const loadMs = performance.now() - started;
packIndexes.length = 0;
checked.length = 0;
await new Promise((resolve) => setImmediate(resolve)); // the loading frame gone, its columns can go
globalThis.gc?.();
const { heapUsed, arrayBuffers, rss } = process.memoryUsage();
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const probe = randomBytes(32).toString('hex');
const lookups = performance.now();
for (let at = 0; at < 100_000; at++) index.find(probe);
console.log(
  `${count} contents in ${Math.ceil(count / PER_PACK)} packs: columns ${mb(index.memoryBytes)}, heap ${mb(heapUsed)}, ` +
    `array buffers ${mb(arrayBuffers)}, rss ${mb(rss)}; built in ${loadMs.toFixed(0)} ms ` +
    `(indexes checked and copied ${filledMs.toFixed(0)} ms, sorted ${(loadMs - filledMs).toFixed(0)} ms); ` +
    `${((performance.now() - lookups) / 100).toFixed(2)} µs a lookup`,
);
