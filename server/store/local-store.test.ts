import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, open, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Manifest } from '../engine/types.ts';
import { createLocalStore } from './local-store.ts';
import { damageContent, replaceContent, storedFrames } from './testing/stored-content.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rewind-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

async function put(content: string | Buffer, name = 'input') {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return createLocalStore(path.join(dir, 'store')).putFile(file);
}

describe('local snapshot store', () => {
  it('stores a file by the SHA-256 of its content and gives it back', async () => {
    const store = createLocalStore(path.join(dir, 'store'));
    const result = await put('hello, rewind');
    expect(result).toMatchObject({ sha256: sha('hello, rewind'), size: 13 });
    expect(result.storedBytes).toBeGreaterThan(0);
    expect(await store.hasBlob(result.sha256)).toBe(true);
    expect(await store.blobStoredSize(result.sha256)).toBe(result.storedBytes);
    expect(await text(store.openBlob(result.sha256))).toBe('hello, rewind');
    await store.verifyBlob(result.sha256);
    // One frame, in a pack its index names.
    expect(storedFrames(path.join(dir, 'store'), result.sha256)).toEqual([
      expect.objectContaining({
        offset: 0,
        length: result.storedBytes,
        file: expect.stringContaining('packs'),
      }),
    ]);
    expect(await readdir(path.join(dir, 'store', 'tmp'))).toEqual([]);
  });

  it('gives the whole content back whatever size it is told, the size only sizing its buffers', async () => {
    const content = randomBytes(200_000);
    const { sha256 } = await put(content);
    const store = createLocalStore(path.join(dir, 'store'));
    for (const size of [undefined, 0, 10, 200_000, 5_000_000]) {
      const chunks: Buffer[] = [];
      for await (const chunk of store.openBlob(sha256, size)) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).equals(content)).toBe(true);
    }
  });

  it('stores the same content once', async () => {
    const first = await put('same bytes', 'a');
    const second = await put('same bytes', 'b');
    expect(second.sha256).toBe(first.sha256);
    expect(second.storedBytes).toBe(0);
    const store = createLocalStore(path.join(dir, 'store'));
    const blobs: string[] = [];
    for await (const blob of store.listBlobs()) blobs.push(blob);
    expect(blobs).toEqual([first.sha256]);
  });

  it('notices a flipped byte, names the blob, and sets it aside so the content can be stored afresh', async () => {
    const store = createLocalStore(path.join(dir, 'store'));
    const content = randomBytes(100_000);
    const { sha256 } = await put(content);
    damageContent(path.join(dir, 'store'), sha256);

    await expect(store.verifyBlob(sha256)).rejects.toMatchObject({
      code: 'corrupt_blob',
      message: expect.stringContaining(sha256),
    });
    expect(await store.hasBlob(sha256)).toBe(false);
    expect(await readdir(path.join(dir, 'store', 'quarantine'))).toEqual([expect.stringMatching(sha256)]);
    await expect(text(store.openBlob(sha256))).rejects.toMatchObject({ code: 'missing_blob' });

    const again = await put(content, 'again');
    expect(again.storedBytes).toBeGreaterThan(0);
    await store.verifyBlob(sha256);
  });

  it('notices content that decompresses cleanly but is not what the name says', async () => {
    const store = createLocalStore(path.join(dir, 'store'));
    const real = await put('the real content', 'a');
    const other = await put('other content', 'b');
    replaceContent(path.join(dir, 'store'), real.sha256, Buffer.from('other content'));
    expect(other.sha256).not.toBe(real.sha256);
    await expect(store.verifyBlob(real.sha256)).rejects.toMatchObject({
      code: 'corrupt_blob',
      message: expect.stringContaining(real.sha256),
    });
  });

  it('reports a missing blob as missing', async () => {
    const store = createLocalStore(path.join(dir, 'store'));
    await expect(store.verifyBlob(sha('never stored'))).rejects.toMatchObject({ code: 'missing_blob' });
    await expect(store.verifyBlob('../../etc/passwd')).rejects.toMatchObject({ code: 'missing_blob' });
    expect(await store.hasBlob(sha('never stored'))).toBe(false);
    expect(await store.blobStoredSize(sha('never stored'))).toBeNull();
    expect(await store.deleteBlob(sha('never stored'))).toBe(0);
  });

  it('deletes blobs and reports the bytes freed', async () => {
    const store = createLocalStore(path.join(dir, 'store'));
    const { sha256, storedBytes } = await put('short-lived');
    expect(await store.deleteBlob(sha256)).toBe(storedBytes);
    expect(await store.hasBlob(sha256)).toBe(false);
  });

  describe('asked about many contents at once', () => {
    it('answers with the ones it holds: not unknown or malformed names, nor a batch not yet committed', async () => {
      const store = createLocalStore(path.join(dir, 'store'));
      const a = await put('content a', 'a');
      const b = await put('content b', 'b');
      const pendingFile = path.join(dir, 'pending');
      await writeFile(pendingFile, 'not committed yet');
      const batch = store.openBatch();
      const pending = await batch.putFile(pendingFile);

      const asked = [a.sha256, sha('never stored'), b.sha256, '../../etc/passwd', pending.sha256, a.sha256];
      expect(await store.hasBlobs(asked)).toEqual(new Set([a.sha256, b.sha256]));
      expect(await store.hasBlobs([])).toEqual(new Set());
      await batch.commit();
      expect(await store.hasBlobs(asked)).toEqual(new Set([a.sha256, b.sha256, pending.sha256]));
      // The same answers as one question per content.
      for (const name of asked) {
        expect(await store.hasBlob(name)).toBe((await store.hasBlobs(asked)).has(name));
      }
    });

    it('leaves out a content found damaged, until it is stored afresh', async () => {
      const store = createLocalStore(path.join(dir, 'store'));
      const content = randomBytes(50_000);
      const damaged = await put(content, 'damaged');
      const sound = await put('sound content', 'sound');
      damageContent(path.join(dir, 'store'), damaged.sha256);
      const both = [damaged.sha256, sound.sha256];

      await expect(store.verifyBlob(damaged.sha256)).rejects.toMatchObject({ code: 'corrupt_blob' });
      expect(await store.hasBlobs(both)).toEqual(new Set([sound.sha256]));
      await store.putFile(path.join(dir, 'damaged'));
      expect(await store.hasBlobs(both)).toEqual(new Set(both));
    });

    it('leaves out contents deleted, and ones missing from disk when the store is opened', async () => {
      // Each put is a batch of its own, so each content is in a pack of its own.
      const store = createLocalStore(path.join(dir, 'store'));
      const [a, b, c] = [await put('a', 'a'), await put('b', 'b'), await put('c', 'c')];
      const all = [a.sha256, b.sha256, c.sha256];
      expect(await store.hasBlobs(all)).toEqual(new Set(all));

      await store.deleteBlob(a.sha256);
      expect(await store.hasBlobs(all)).toEqual(new Set([b.sha256, c.sha256]));
      await store.compact!();
      await rm(storedFrames(path.join(dir, 'store'), b.sha256)[0]!.file);
      expect(await createLocalStore(path.join(dir, 'store')).hasBlobs(all)).toEqual(new Set([c.sha256]));
    });
  });

  it('keeps manifests, and cleans temporary files', async () => {
    const store = createLocalStore(path.join(dir, 'store'));
    const manifest: Manifest = {
      format: 1,
      snapshot_id: 'snap_01TEST',
      site: 'acme-store',
      environment: 'production',
      created_at: '2025-01-01T00:00:00.000Z',
      services: [],
    };
    expect(await store.getManifest('snap_01TEST')).toBeNull();
    await store.putManifest(manifest);
    expect(await store.getManifest('snap_01TEST')).toEqual(manifest);
    await store.deleteManifest('snap_01TEST');
    expect(await store.getManifest('snap_01TEST')).toBeNull();
    await expect(store.getManifest('../secrets')).rejects.toMatchObject({ code: 'invalid_snapshot_id' });

    await writeFile(path.join(dir, 'store', 'tmp', 'left-by-a-crash'), 'partial');
    await store.cleanTemporary();
    expect(await readdir(path.join(dir, 'store', 'tmp'))).toEqual([]);
  });

  it('streams a 200 MB file with flat memory', async () => {
    const file = path.join(dir, 'big.bin');
    const block = randomBytes(1024 * 1024);
    const hash = createHash('sha256');
    const handle = await open(file, 'w');
    for (let i = 0; i < 200; i++) {
      block[0] = i; // every block differs a little, so compression still has work to do
      hash.update(block);
      await handle.write(block);
    }
    await handle.close();
    const store = createLocalStore(path.join(dir, 'store'));
    await put('warm up the compressor');

    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    let seen = 0;
    const result = await store.putFile(file, (bytes) => (seen += bytes));
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);

    expect(result.sha256).toBe(hash.digest('hex'));
    expect(result.size).toBe(200 * 1024 * 1024);
    expect(seen).toBe(result.size);
    expect(peak - before).toBeLessThan(60 * 1024 * 1024);
  });
});
