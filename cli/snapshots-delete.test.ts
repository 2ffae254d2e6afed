// Journey: an operator deletes a snapshot from a terminal or a script. It says what deleting it frees before
// it is confirmed (production by its name, never by --yes) and what it freed after; unconfirmed, nothing goes.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../contract/client.ts';
import type { SnapshotStorage } from '../contract/schemas.ts';
import { formatBytes } from './output/format.ts';
import { startCliServer, type CliServer } from './testing/cli-process.ts';

let rewind: CliServer;
beforeAll(async () => {
  rewind = await startCliServer();
});
afterAll(() => rewind?.stop());

async function snapshotOf(env: string): Promise<string> {
  const job = await rewind.api.createBackup('acme-store', { environment: env });
  expect((await rewind.waitForJob(job.id)).status).toBe('succeeded');
  return job.snapshot_id;
}
const exists = (snap: string) =>
  rewind.api.getSnapshot('acme-store', snap).then(
    () => true,
    (error: unknown) => {
      if (error instanceof ApiError && error.status === 404) return false;
      throw error;
    },
  );

describe('rewind snapshots delete', () => {
  it('refuses a snapshot of production without --confirm, even with --yes, saying what it would free', async () => {
    await snapshotOf('production');
    await writeFile(path.join(rewind.envs.production.uploads, 'only-here.bin'), randomBytes(50_000));
    const snap = await snapshotOf('production');
    const storage = await rewind.api.getSnapshotStorage('acme-store', snap);
    expect(storage.freed_bytes).toBeGreaterThan(50_000);
    expect(storage.shared_bytes).toBeGreaterThan(0);

    for (const yes of [[], ['--yes']]) {
      const result = await rewind.rewind(['snapshots', 'delete', snap, '--site', 'acme-store', ...yes]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`This deletes snapshot ${snap} of acme-store/production`);
      expect(result.stderr).toContain(
        `It frees about ${formatBytes(storage.freed_bytes)} of the store (${formatBytes(storage.shared_bytes)} of its ${formatBytes(storage.store_usage_bytes)} are shared with other snapshots).`,
      );
      expect(result.stderr).toContain('pass --confirm production. Nothing was deleted.');
    }
    expect(await exists(snap)).toBe(true);

    const deleted = await rewind.rewind([
      'snapshots',
      'delete',
      snap,
      '--site',
      'acme-store',
      '--confirm',
      'production',
      '--json',
    ]);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(JSON.parse(deleted.stdout) as SnapshotStorage).toEqual(storage);
    expect(await exists(snap)).toBe(false);
  });

  it('deletes a snapshot of staging with --yes and says what it freed', async () => {
    const snap = await snapshotOf('staging');
    const storage = await rewind.api.getSnapshotStorage('acme-store', snap);
    expect((await rewind.rewind(['snapshots', 'delete', snap, '--site', 'acme-store'])).code).toBe(2);
    const result = await rewind.rewind(['snapshots', 'delete', snap, '--site', 'acme-store', '--yes']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      `Deleted snapshot ${snap} of acme-store/staging: freed ${formatBytes(storage.freed_bytes)} of the store`,
    );
    expect(await exists(snap)).toBe(false);
  });

  it('refuses a pinned snapshot with exit 1, keeping it', async () => {
    const snap = await snapshotOf('staging');
    await rewind.api.updateSnapshot('acme-store', snap, { pinned: true });
    const result = await rewind.rewind(['snapshots', 'delete', snap, '--site', 'acme-store', '--yes']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Snapshot is pinned');
    expect(await exists(snap)).toBe(true);
  });
});
