// Journey: an operator checks from a terminal or a script that the snapshots can still be restored. Each
// snapshot is said ok or damaged, naming what is damaged; the exit code says whether any is.
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, Snapshot } from '../contract/schemas.ts';
import { createLocalStore } from '../server/store/local-store.ts';
import { damageContent } from '../server/store/testing/stored-content.ts';
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

/** Overwrites the stored content of one file of the snapshot, in the server's own store folder. */
async function corrupt(snap: string, file: string): Promise<void> {
  const store = path.join(rewind.server.dataDir, 'store');
  const manifest = (await createLocalStore(store).getManifest(snap))!;
  const entry = manifest.services.find((s) => s.name === 'uploads')!.entries!.find((e) => e.path === file);
  if (entry?.type !== 'file') throw new Error(`snapshot ${snap} has no ${file}`);
  damageContent(store, entry.sha256);
}

describe('rewind check', () => {
  it('says ok for every snapshot of an environment and exits 0 while all are intact', async () => {
    const first = await snapshotOf('staging');
    const second = await snapshotOf('staging');
    const result = await rewind.rewind(['check', '--site', 'acme-store', '--env', 'staging']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n').sort()).toEqual([`${first}  ok`, `${second}  ok`].sort());
  });

  it('names the damaged file, exits 1, and leaves the intact snapshot ok', async () => {
    const intact = await snapshotOf('production');
    const uploads = rewind.envs.production.uploads;
    await writeFile(path.join(uploads, 'only-here.bin'), randomBytes(20_000));
    const damaged = await snapshotOf('production');
    await rm(path.join(uploads, 'only-here.bin'));
    await corrupt(damaged, 'only-here.bin');

    const result = await rewind.rewind(['check', '--site', 'acme-store', intact, damaged]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${intact}  ok\n`);
    expect(result.stdout).toContain(`${damaged}  DAMAGED: 1 content not intact\n`);
    expect(result.stdout).toContain('  uploads/only-here.bin: corrupt (does not match its checksum)\n');
    expect(result.stderr).toContain(
      '1 of 2 snapshots are damaged and cannot be restored; restore another point.',
    );

    const json = await rewind.rewind(['check', '--site', 'acme-store', '--env', 'production', '--json']);
    expect(json.code).toBe(1);
    const out = JSON.parse(json.stdout) as { jobs: Job[]; snapshots: Snapshot[] };
    expect(out.jobs).toEqual([
      expect.objectContaining({ type: 'verify', verify_scope: 'environment', status: 'succeeded' }),
    ]);
    const byId = new Map(out.snapshots.map((s) => [s.id, s.verification]));
    expect(byId.get(intact)?.status).toBe('ok');
    // The first check moved the corrupt copy out of the store (into its quarantine), so now it is missing.
    expect(byId.get(damaged)?.damaged).toEqual([
      expect.objectContaining({ service: 'uploads', path: 'only-here.bin', code: 'missing_blob' }),
    ]);
  });

  it('asks for snapshots or an environment, and exits 4 for a snapshot that does not exist', async () => {
    const usage = await rewind.rewind(['check', '--site', 'acme-store']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Name the snapshots to verify, or --env ENV');
    const missing = await rewind.rewind(['check', '--site', 'acme-store', 'snap_nope']);
    expect(missing.code).toBe(4);
  });
});
