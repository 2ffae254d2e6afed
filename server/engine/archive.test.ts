// The download archive, unpacked by the ordinary `tar` a user has, must hold exactly the snapshot.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStore } from '../store/local-store.ts';
import type { SnapshotStore } from '../store/snapshot-store.ts';
import { archiveFileName, createArchive, selectManifest } from './archive.ts';
import { captureSnapshot } from './capture.ts';
import {
  createEnvironment,
  environmentSpec,
  fingerprintTree,
  makeTempDir,
  readDatabase,
} from './testing/fixtures.ts';
import type { ArchiveFormat, FileEntry, Manifest, Selector } from './types.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
let store: SnapshotStore;
let manifest: Manifest;

beforeEach(async () => {
  tmp = await makeTempDir('archive');
  const env = environmentSpec(tmp.dir);
  createEnvironment(env).close();
  store = createLocalStore(path.join(tmp.dir, 'store'));
  ({ manifest } = await captureSnapshot({
    snapshotId: 'snap_01ARCHIVE',
    createdAt: '2025-06-01T12:00:00.000Z',
    env,
    store,
    workDir: path.join(tmp.dir, 'work'),
  }));
});
afterEach(() => tmp.cleanup());

async function extract(selectors: Selector[], format: ArchiveFormat = 'tar.gz'): Promise<string> {
  const file = path.join(tmp.dir, archiveFileName(manifest, selectors, format));
  await pipeline(createArchive({ manifest, store, selectors, format }), createWriteStream(file));
  const out = path.join(tmp.dir, `out-${selectors.join('-')}-${format}`);
  mkdirSync(out);
  const decompress = format === 'tar.zst' ? '--zstd' : '--gzip';
  const result = spawnSync('tar', [decompress, '-xf', file, '-C', out], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return out;
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe.each(['tar.gz', 'tar.zst'] as const)('download archive as .%s', (format) => {
  it('holds the manifest, the database dump and every file with its checksum, mode and links', async () => {
    const out = await extract(['db', 'files'], format);
    expect(readdirSync(out).sort()).toEqual(['db', 'files', 'manifest.json']);
    expect(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'))).toEqual(manifest);

    const dump = manifest.services.find((s) => s.name === 'db')!.dump!;
    expect(sha256(path.join(out, 'db', 'db.sqlite'))).toBe(dump.sha256);
    expect(readDatabase(path.join(out, 'db', 'db.sqlite')).orders).toHaveLength(200);

    const tree = fingerprintTree(path.join(out, 'files', 'uploads'))!;
    const entries = manifest.services.find((s) => s.name === 'uploads')!.entries!;
    expect(Object.keys(tree.entries)).toEqual(entries.map((e) => e.path));
    for (const entry of entries) {
      if (entry.type === 'file') {
        expect(tree.entries[entry.path]).toBe(`file ${entry.mode.toString(8)} ${entry.size} ${entry.sha256}`);
        expect(Math.abs(tree.mtimes[entry.path]! - entry.mtime_ms)).toBeLessThan(1000); // tar keeps seconds
      } else if (entry.type === 'symlink') {
        expect(tree.entries[entry.path]).toBe(`symlink → ${entry.target}`);
      } else {
        expect(tree.entries[entry.path]).toMatch(/^dir /);
      }
    }
  });

  it('holds only the database when only the database is asked for', async () => {
    const out = await extract(['db'], format);
    expect(readdirSync(out).sort()).toEqual(['db', 'manifest.json']);
    const inArchive = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(inArchive).toEqual(selectManifest(manifest, ['db']));
    expect(inArchive.services.map((s) => s.name)).toEqual(['db']);
  });

  it('holds only the files when only the files are asked for', async () => {
    const out = await extract(['files'], format);
    expect(readdirSync(out).sort()).toEqual(['files', 'manifest.json']);
    expect(existsSync(path.join(out, 'files', 'uploads', 'products', 'catalog.csv'))).toBe(true);
  });

  it('is named after the site, the environment, the snapshot and the part', () => {
    expect(archiveFileName(manifest, ['db', 'files'])).toBe('acme-store-production-snap_01ARCHIVE.tar.gz');
    expect(archiveFileName(manifest, ['db'])).toBe('acme-store-production-snap_01ARCHIVE-db.tar.gz');
    expect(archiveFileName(manifest, ['files'])).toBe('acme-store-production-snap_01ARCHIVE-files.tar.gz');
    expect(archiveFileName(manifest, ['db', 'files'], 'tar.zst')).toBe(
      'acme-store-production-snap_01ARCHIVE.tar.zst',
    );
  });

  it('stores media as it is and still compresses the text that follows it, every byte intact', async () => {
    const mixed = path.join(tmp.dir, 'mixed');
    mkdirSync(mixed);
    const media = [randomBytes(400_000), randomBytes(500_000)];
    const text = Buffer.from('order 1234 shipped to Lyon\n'.repeat(80_000)); // 2.2 MB, compresses ~100×
    writeFileSync(path.join(mixed, 'a-video.bin'), media[0]!);
    writeFileSync(path.join(mixed, 'b-orders.log'), text);
    writeFileSync(path.join(mixed, 'c-photo.bin'), media[1]!);
    const env = {
      ...environmentSpec(tmp.dir),
      services: [{ name: 'media', type: 'files' as const, selector: 'files' as const, path: mixed }],
    };
    ({ manifest } = await captureSnapshot({
      snapshotId: 'snap_01MIXED',
      createdAt: '2025-06-01T12:00:00.000Z',
      env,
      store,
      workDir: path.join(tmp.dir, 'work'),
    }));

    const out = await extract(['files'], format);
    const archiveSize = statSync(path.join(tmp.dir, archiveFileName(manifest, ['files'], format))).size;
    expect(archiveSize).toBeLessThan(900_000 + 200_000); // the text went in compressed after the video
    expect(readFileSync(path.join(out, 'files', 'media', 'a-video.bin')).equals(media[0]!)).toBe(true);
    expect(readFileSync(path.join(out, 'files', 'media', 'b-orders.log')).equals(text)).toBe(true);
    expect(readFileSync(path.join(out, 'files', 'media', 'c-photo.bin')).equals(media[1]!)).toBe(true);
  });

  it('fails the stream, never ends it cleanly, when a content is damaged', async () => {
    const mug = manifest.services
      .flatMap((s) => s.entries ?? [])
      .find((e) => e.path === 'products/photos/mug.bin') as FileEntry;
    await store.deleteBlob(mug.sha256);
    await expect(
      text(createArchive({ manifest, store, selectors: ['files'], format })),
    ).rejects.toMatchObject({
      code: 'missing_blob',
    });
  });

  it('stops reading the store when its reader goes away', async () => {
    const archive = createArchive({ manifest, store, selectors: ['db', 'files'], format });
    const errors: unknown[] = [];
    archive.on('error', (error) => errors.push(error));
    await new Promise((resolve) => archive.once('readable', resolve));
    archive.read(1);
    archive.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(archive.destroyed).toBe(true);
    expect(errors).toEqual([]);
  });
});
