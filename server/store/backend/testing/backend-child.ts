// Writes a few objects through a backend in its own process, so the conformance suite can SIGKILL it at a
// failpoint (REWIND_FAILPOINTS). Usage: node backend-child.ts '<json: module, dir, objects>'
import { Readable } from 'node:stream';
import type { StoreBackend } from '../backend.ts';

const args = JSON.parse(process.argv[2]!) as { module: string; dir: string; objects: number };
const { openBackend } = (await import(args.module)) as { openBackend: (dir: string) => StoreBackend };
const backend = openBackend(args.dir);
const staged = [];
for (let at = 0; at < args.objects; at++) {
  const content = Buffer.alloc(200_000 + at, at + 1);
  // Streamed in pieces, so a kill mid-stage leaves half an object in the staging area.
  const pieces = [content.subarray(0, 100_000), content.subarray(100_000)];
  staged.push(await backend.stage(`packs/object-${at}`, Readable.from(pieces)));
}
await backend.publish(staged);
