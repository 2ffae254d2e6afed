// Journey: an operator restores a snapshot from a terminal; a script must confirm it (--confirm NAME for
// production, which --yes does not confirm; --yes for the others), and nothing happens until it does. The
// environment's data ends up exactly as captured.
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../contract/schemas.ts';
import { changeRows, readRows, treeDigest } from '../server/testing/environments.ts';
import { startCliServer, type CliServer } from './testing/cli-process.ts';

let rewind: CliServer;
let snapshotId: string;
let captured: { rows: ReturnType<typeof readRows>; files: Record<string, string> };

beforeAll(async () => {
  rewind = await startCliServer();
  const { production } = rewind.envs;
  captured = { rows: readRows(production.db), files: await treeDigest(production.uploads) };
  const job = await rewind.api.createBackup('acme-store', { environment: 'production' });
  expect((await rewind.waitForJob(job.id)).status).toBe('succeeded');
  snapshotId = job.snapshot_id;
  // Then the environment goes wrong: rows changed, a file gone, a file added.
  changeRows(production.db);
  await rm(path.join(production.uploads, 'products', 'cup.png'));
  await writeFile(path.join(production.uploads, 'stray.txt'), 'not in the snapshot');
});
afterAll(() => rewind?.stop());

const snapshotCount = async (env: string) => (await rewind.snapshotsOf('acme-store', env)).length;

describe('rewind restore', () => {
  it('refuses production without --confirm when stdin is not a terminal, even with --yes, and changes nothing', async () => {
    const rowsBefore = readRows(rewind.envs.production.db);
    const countBefore = await snapshotCount('production');
    // Even a correct name on a pipe is not a confirmation, nor is --yes: scripts must say --confirm NAME.
    for (const yes of [[], ['--yes']]) {
      const result = await rewind.rewind(['restore', snapshotId, '--site', 'acme-store', ...yes, '--wait'], {
        input: 'production\n',
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        'This restore overwrites db (database) and uploads (files) of acme-store/production',
      );
      expect(result.stderr).toContain('pass --confirm production. Nothing was restored.');
      expect(result.stdout).toBe('');
    }
    expect(readRows(rewind.envs.production.db)).toEqual(rowsBefore);
    // No restore job ran: it would have left a pre-restore snapshot.
    expect(await snapshotCount('production')).toBe(countBefore);
  });

  it('passes a wrong --confirm to the API, which refuses it, and changes nothing', async () => {
    const rowsBefore = readRows(rewind.envs.production.db);
    const countBefore = await snapshotCount('production');
    const result = await rewind.rewind([
      'restore',
      snapshotId,
      '--site',
      'acme-store',
      '--confirm',
      'staging',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Confirmation does not match');
    expect(result.stderr).toContain('Send "confirm": "production" to restore into production.');
    expect(readRows(rewind.envs.production.db)).toEqual(rowsBefore);
    expect(await snapshotCount('production')).toBe(countBefore);
  });

  it('refuses another environment type without --yes too', async () => {
    const result = await rewind.rewind(['restore', snapshotId, '--site', 'acme-store', '--env', 'staging']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('of acme-store/staging (staging)');
    expect(await snapshotCount('staging')).toBe(0);
  });

  it('with --confirm production --wait brings the data back as captured and says how to undo it', async () => {
    expect(readRows(rewind.envs.production.db)).not.toEqual(captured.rows);
    const rowsBefore = readRows(rewind.envs.production.db);
    const filesBefore = await treeDigest(rewind.envs.production.uploads);
    const result = await rewind.rewind([
      'restore',
      snapshotId,
      '--site',
      'acme-store',
      '--confirm',
      'production',
      '--wait',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Restore job job_\w+ succeeded: production has its database and files/);
    expect(result.stdout).toMatch(
      /Undo it: rewind restore snap_\w+ --site acme-store --env production --selectors db,files --confirm production$/m,
    );
    expect(readRows(rewind.envs.production.db)).toEqual(captured.rows);
    expect(await treeDigest(rewind.envs.production.uploads)).toEqual(captured.files);

    // The command it prints runs as it is, without a question, and puts production back as it was.
    const undo = /Undo it: rewind (.+)$/m.exec(result.stdout)![1]!.split(' ');
    const undone = await rewind.rewind([...undo, '--wait']);
    expect(undone.code, undone.stderr).toBe(0);
    expect(readRows(rewind.envs.production.db)).toEqual(rowsBefore);
    expect(await treeDigest(rewind.envs.production.uploads)).toEqual(filesBefore);
  });

  it('restores only the selected part into another environment, with --json', async () => {
    const stagingFiles = await treeDigest(rewind.envs.staging.uploads);
    const result = await rewind.rewind([
      'restore',
      snapshotId,
      '--site',
      'acme-store',
      '--env',
      'staging',
      '--selectors',
      'db',
      '--yes',
      '--wait',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const job = JSON.parse(result.stdout) as Job;
    expect(job).toMatchObject({
      type: 'restore',
      status: 'succeeded',
      environment: 'staging',
      selectors: ['db'],
    });
    expect(job.pre_restore_snapshot_id).toMatch(/^snap_/);
    expect(readRows(rewind.envs.staging.db)).toEqual(captured.rows);
    expect(await treeDigest(rewind.envs.staging.uploads)).toEqual(stagingFiles);
  });

  it('says whose data the target has now when it came from another environment', async () => {
    const result = await rewind.rewind([
      'restore',
      snapshotId,
      '--site',
      'acme-store',
      '--env',
      'staging',
      '--selectors',
      'files',
      '--yes',
      '--wait',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`staging now has production's files from ${snapshotId}.`);
    const job = /Restore job (job_\w+)/.exec(result.stdout)![1]!;
    const waited = await rewind.rewind(['jobs', 'wait', job]);
    expect(waited.stdout).toContain(`staging now has production's files from ${snapshotId}.`);
    expect(await treeDigest(rewind.envs.staging.uploads)).toEqual(captured.files);
  });
});
