import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../contract/schemas.ts';
import type { Manifest } from '../../engine/types.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('downloading a snapshot archive', () => {
  let t: TestApp;
  let snapshotId: string;
  beforeAll(async () => {
    t = await startTestApp();
    const job = (
      await t.api({
        method: 'POST',
        url: '/v1/sites/acme-store/backups',
        payload: { environment: 'production' },
      })
    ).json<Job>();
    snapshotId = (await t.waitForJob(job.id)).snapshot_id;
  });
  afterAll(() => t.close());

  async function download(query = ''): Promise<{ dir: string; headers: Record<string, unknown> }> {
    const response = await t.api({
      method: 'GET',
      url: `/v1/sites/acme-store/snapshots/${snapshotId}/download${query}`,
    });
    expect(response.statusCode).toBe(200);
    const dir = path.join(t.dir, `extract-${Math.random().toString(36).slice(2)}`);
    await mkdir(dir);
    await writeFile(path.join(dir, 'archive'), response.rawPayload);
    const decompress = query.includes('format=tar.zst') ? '--zstd' : '--gzip';
    const tar = spawnSync('tar', [decompress, '-xf', 'archive'], { cwd: dir });
    expect(tar.status, tar.stderr.toString()).toBe(0);
    return { dir, headers: response.headers };
  }

  it('streams a .tar.gz whose manifest, database and files match the snapshot checksums', async () => {
    const { dir, headers } = await download();
    expect(headers['content-type']).toBe('application/gzip');
    expect(headers['content-disposition']).toBe(
      `attachment; filename="acme-store-production-${snapshotId}.tar.gz"`,
    );
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.snapshot_id).toBe(snapshotId);
    const db = manifest.services.find((s) => s.name === 'db')!;
    expect(sha256(await readFile(path.join(dir, 'db', 'db.sqlite')))).toBe(db.dump!.sha256);
    const uploads = manifest.services.find((s) => s.name === 'uploads')!;
    const files = uploads.entries!.filter((e) => e.type === 'file');
    expect(files.length).toBe(4);
    for (const entry of files) {
      expect(sha256(await readFile(path.join(dir, 'files', 'uploads', entry.path))), entry.path).toBe(
        entry.sha256,
      );
    }
  });

  it('streams a .tar.zst with format=tar.zst, holding the same snapshot', async () => {
    const { dir, headers } = await download('?format=tar.zst&selectors=db,files');
    expect(headers['content-type']).toBe('application/zstd');
    expect(headers['content-disposition']).toBe(
      `attachment; filename="acme-store-production-${snapshotId}.tar.zst"`,
    );
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.snapshot_id).toBe(snapshotId);
    expect(sha256(await readFile(path.join(dir, 'db', 'db.sqlite')))).toBe(
      manifest.services.find((s) => s.name === 'db')!.dump!.sha256,
    );
    for (const entry of manifest.services.find((s) => s.name === 'uploads')!.entries!) {
      if (entry.type !== 'file') continue;
      expect(sha256(await readFile(path.join(dir, 'files', 'uploads', entry.path))), entry.path).toBe(
        entry.sha256,
      );
    }
  });

  it('refuses an unknown format with 422, naming the formats there are', async () => {
    const response = await t.api({
      method: 'GET',
      url: `/v1/sites/acme-store/snapshots/${snapshotId}/download?format=zip`,
    });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json<{ code: string; detail: string; field: string }>();
    expect(problem).toMatchObject({ code: 'unknown_format', field: 'format' });
    expect(problem.detail).toContain('"zip"');
    expect(problem.detail).toContain('tar.gz, tar.zst');
  });

  it('takes one part with selectors', async () => {
    const { dir, headers } = await download('?selectors=db');
    expect(String(headers['content-disposition'])).toContain('-db.tar.gz');
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.services.map((s) => s.name)).toEqual(['db']);
    await expect(readFile(path.join(dir, 'files', 'uploads', 'documents', 'terms.md'))).rejects.toThrow();
  });

  it('refuses unknown selectors and unknown snapshots', async () => {
    const bad = await t.api({
      method: 'GET',
      url: `/v1/sites/acme-store/snapshots/${snapshotId}/download?selectors=all`,
    });
    expect(bad.statusCode).toBe(400);
    const missing = await t.api({
      method: 'GET',
      url: '/v1/sites/acme-store/snapshots/snap_missing/download',
    });
    expect(missing.statusCode).toBe(404);
  });
});
