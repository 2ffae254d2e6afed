// Checking the whole store: a whole store is found whole, and each way of breaking it on purpose is noticed and
// named by pack or content id.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStore } from './local-store.ts';
import { damageContent, storedFrames } from './testing/stored-content.ts';

let dir: string;
let root: string;
let small: string[];
let big: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rewind-check-'));
  root = path.join(dir, 'store');
  const files = [];
  for (let at = 0; at < 10; at++) {
    files.push({ file: path.join(dir, `small-${at}`), sizeHint: 20_000 });
    await writeFile(files[at]!.file, randomBytes(20_000));
  }
  files.push({ file: path.join(dir, 'big'), sizeHint: 5_000_000 }); // two pieces
  await writeFile(files[10]!.file, randomBytes(5_000_000));
  const batch = createLocalStore(root).openBatch();
  const outcomes = await batch.putFiles(files);
  await batch.commit();
  const ids = outcomes.map((outcome) => ('sha256' in outcome ? outcome.sha256 : ''));
  small = ids.slice(0, 10);
  big = ids[10]!;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const check = () => createLocalStore(root).checkStore!();
const packOf = (sha256: string) => path.basename(storedFrames(root, sha256)[0]!.index!);

describe('checking the store', () => {
  it('finds a whole store whole, every content and piece read', async () => {
    expect(await check()).toEqual({ damagedPacks: [], damagedContents: [], wholeContents: 12 });
  });

  it('names a content whose frame in a pack is damaged, and nothing else', async () => {
    damageContent(root, small[3]!);
    const result = await check();
    expect(result.damagedPacks).toEqual([]);
    expect(result.damagedContents).toEqual([
      {
        sha256: small[3],
        where: `packs/${packOf(small[3]!).slice(0, 2)}/${packOf(small[3]!)}`,
        why: expect.stringMatching(/does not decompress|hashes to/),
      },
    ]);
    expect(result.wholeContents).toBe(11);
  });

  it('names a big content whose piece is damaged, and the piece', async () => {
    damageContent(root, big);
    const { damagedContents } = await check();
    expect(damagedContents).toHaveLength(2);
    expect(damagedContents[0]).toMatchObject({ piece: true, where: expect.stringMatching(/^packs\//) });
    expect(damagedContents[1]).toEqual({
      sha256: big,
      where: `chunks/${big.slice(0, 2)}/${big}`,
      why: `its piece ${damagedContents[0]!.sha256} is damaged (${damagedContents[0]!.where})`,
    });
  });

  it('names a pack whose index fails its checksum', async () => {
    const index = storedFrames(root, small[0]!)[0]!.index!;
    const bytes = readFileSync(index);
    bytes[20]! ^= 0x40;
    writeFileSync(index, bytes);
    const store = createLocalStore(root);
    expect(await store.checkStore!()).toMatchObject({
      damagedPacks: [{ pack: path.basename(index), why: expect.stringContaining('checksum') }],
      // The big content's pieces were in that pack too.
      damagedContents: [{ sha256: big, why: expect.stringMatching(/in no pack with a whole index/) }],
    });
    // The store still loads; what that index named is no longer offered, so a capture stores it afresh.
    expect(await store.hasBlobs(small)).toEqual(new Set());
  });
});
