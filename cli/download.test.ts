// Journey: an operator downloads a snapshot's archive; what lands on disk is complete and matches its manifest.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Manifest } from '../server/engine/types.ts';
import { createLocalStore } from '../server/store/local-store.ts';
import { damageContent } from '../server/store/testing/stored-content.ts';
import { pinnedNode, projectRoot, startCliServer, type CliServer } from './testing/cli-process.ts';

const run = promisify(execFile);
let rewind: CliServer;
let snapshotId: string;
let cwd: string;

beforeAll(async () => {
  rewind = await startCliServer();
  const job = await rewind.api.createBackup('acme-store', { environment: 'production' });
  expect((await rewind.waitForJob(job.id)).status).toBe('succeeded');
  snapshotId = job.snapshot_id;
});
afterAll(() => rewind?.stop());
beforeEach(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'rewind-download-'));
  return () => rm(cwd, { recursive: true, force: true });
});

const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

/** Extracts with the system's tar and checks every file the manifest lists against its SHA-256. */
async function extractAndVerify(archive: string): Promise<Manifest> {
  const out = path.join(cwd, 'extracted');
  await mkdir(out);
  await run('tar', [archive.endsWith('.tar.zst') ? '--zstd' : '--gzip', '-xf', archive, '-C', out]);
  const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
  let checked = 0;
  for (const service of manifest.services) {
    if (service.dump) {
      expect(await sha256(path.join(out, 'db', `${service.name}.${service.dump.ext}`))).toBe(
        service.dump.sha256,
      );
      checked++;
    }
    for (const entry of service.entries ?? []) {
      if (entry.type !== 'file') continue;
      expect(await sha256(path.join(out, 'files', service.name, entry.path)), entry.path).toBe(entry.sha256);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(0);
  return manifest;
}

describe('rewind download', () => {
  it("saves the archive under the server's name, and its checksums match the manifest", async () => {
    const result = await rewind.rewind(['download', snapshotId, '--site', 'acme-store'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    const name = `acme-store-production-${snapshotId}.tar.gz`;
    expect(result.stdout).toMatch(new RegExp(`^Saved ${name} \\([\\d.]+ kB\\)\\.\\n$`));
    expect(await readdir(cwd)).toEqual([name]); // no partial file left beside it
    const manifest = await extractAndVerify(path.join(cwd, name));
    expect(manifest.snapshot_id).toBe(snapshotId);
    expect(manifest.services.map((service) => service.name)).toEqual(['db', 'uploads']);
  });

  it('writes to -o with only the selected part, and reports it as JSON', async () => {
    const file = path.join(cwd, 'db-only.tgz');
    const result = await rewind.rewind(
      ['download', snapshotId, '--site', 'acme-store', '--selectors', 'db', '-o', file, '--json'],
      { cwd },
    );
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { file: string; size_bytes: number };
    expect(report.file).toBe(file);
    expect((await readFile(file)).length).toBe(report.size_bytes);
    const manifest = await extractAndVerify(file);
    expect(manifest.services.map((service) => service.name)).toEqual(['db']);
  });

  it('saves a .tar.zst with --format tar.zst, or when -o names one', async () => {
    const named = await rewind.rewind(
      ['download', snapshotId, '--site', 'acme-store', '--format', 'tar.zst'],
      {
        cwd,
      },
    );
    expect(named.code, named.stderr).toBe(0);
    const name = `acme-store-production-${snapshotId}.tar.zst`;
    expect(await readdir(cwd)).toEqual([name]);
    expect((await readFile(path.join(cwd, name))).subarray(0, 4)).toEqual(
      Buffer.from([0x28, 0xb5, 0x2f, 0xfd]),
    );
    expect((await extractAndVerify(path.join(cwd, name))).snapshot_id).toBe(snapshotId);

    const file = path.join(cwd, 'nightly.tar.zst');
    const inferred = await rewind.rewind(['download', snapshotId, '--site', 'acme-store', '-o', file], {
      cwd,
    });
    expect(inferred.code, inferred.stderr).toBe(0);
    expect((await readFile(file)).subarray(0, 4)).toEqual(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]));
  });

  it('refuses an unknown --format, or one that -o contradicts, with exit 2 and no file', async () => {
    const unknown = await rewind.rewind(['download', snapshotId, '--site', 'acme-store', '--format', 'zip'], {
      cwd,
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--format takes tar.gz or tar.zst; got "zip"');
    const contradicted = await rewind.rewind(
      ['download', snapshotId, '--site', 'acme-store', '--format', 'tar.gz', '-o', 'a.tar.zst'],
      { cwd },
    );
    expect(contradicted.code).toBe(2);
    expect(contradicted.stderr).toContain('make them agree');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('streams to stdout with -o -', async () => {
    const archive = path.join(cwd, 'piped.tar.gz');
    // Through a shell pipe, as an operator would: the CLI's stdout is a pipe, not a file.
    const cli = `'${pinnedNode}' '${path.join(projectRoot, 'cli', 'main.ts')}'`;
    await run(
      'bash',
      ['-o', 'pipefail', '-c', `${cli} download ${snapshotId} --site acme-store -o - | cat > '${archive}'`],
      {
        env: { ...process.env, REWIND_URL: rewind.server.url, REWIND_TOKEN: rewind.server.token },
      },
    );
    await extractAndVerify(archive);
  });

  it('exits 4 for an unknown snapshot and leaves no file', async () => {
    const result = await rewind.rewind(['download', 'snap_missing', '--site', 'acme-store'], { cwd });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('Snapshot not found');
    expect(await readdir(cwd)).toEqual([]);
  });

  // Last: these damage blobs that snapshots of this server share.
  it('exits 1 with what is damaged, and leaves no file, when the damage is found before the first byte', async () => {
    const store = path.join(rewind.server.dataDir, 'store');
    const manifest = (await createLocalStore(store).getManifest(snapshotId))!;
    const image = manifest.services[1]!.entries!.find((entry) => entry.path === 'products/tea pot/main.png');
    if (image?.type !== 'file') throw new Error('the test environment has no main.png');
    damageContent(store, image.sha256);

    const result = await rewind.rewind(['download', snapshotId, '--site', 'acme-store'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Snapshot is damaged');
    expect(result.stderr).toContain(image.sha256);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('leaves no partial file when the archive stops midway', async () => {
    // Three blocks of incompressible bytes sort first: the damage after them is found once bytes were sent.
    await writeFile(path.join(rewind.envs.staging.uploads, 'aaa-video.bin'), randomBytes(3 * 1024 * 1024));
    const job = await rewind.api.createBackup('acme-store', { environment: 'staging' });
    expect((await rewind.waitForJob(job.id)).status).toBe('succeeded');
    const store = path.join(rewind.server.dataDir, 'store');
    const manifest = (await createLocalStore(store).getManifest(job.snapshot_id))!;
    const files = manifest.services[1]!.entries!.filter((entry) => entry.type === 'file');
    expect(files[0]!.path).toBe('aaa-video.bin');
    const late = files.at(-1)!;
    damageContent(store, late.sha256);

    const result = await rewind.rewind(['download', job.snapshot_id, '--site', 'acme-store'], { cwd });
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('stopped before the archive was complete');
    expect(await readdir(cwd)).toEqual([]);
  });
});
