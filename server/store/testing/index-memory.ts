// What the in-memory index costs for a million contents: its columns, and the heap it leaves behind.
// Usage: node index-memory.ts [contents]
import { randomBytes } from 'node:crypto';
import { ContentIndex, type IndexedEntry } from '../content-index.ts';

const count = Number(process.argv[2] ?? 1_000_000);
const index = new ContentIndex();
const pack = index.packNumber(randomBytes(16).toString('hex'));
const entries: IndexedEntry[] = [];
for (let at = 0; at < count; at++) {
  entries.push({ id: randomBytes(32), pack, offset: at * 100, length: 100, piece: false });
}
const started = performance.now();
index.load(entries);
const loadMs = performance.now() - started;
entries.length = 0;
globalThis.gc?.();
const { heapUsed, arrayBuffers, rss } = process.memoryUsage();
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const probe = randomBytes(32).toString('hex');
const lookups = performance.now();
for (let at = 0; at < 100_000; at++) index.find(probe);
console.log(
  `${count} contents: columns ${mb(index.memoryBytes)}, heap ${mb(heapUsed)}, array buffers ${mb(arrayBuffers)}, ` +
    `rss ${mb(rss)}; sorted in ${loadMs.toFixed(0)} ms; ${((performance.now() - lookups) / 100).toFixed(2)} µs a lookup`,
);
