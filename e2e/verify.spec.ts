// Journey: verify a snapshot from its row in the history → its job runs → "Verified". A content of it is then
// damaged on disk, in the store folder of this test's own server → Verify again → "Damaged", naming the file;
// the restore dialog says so and offers nothing to confirm, the API refuses the restore, and nothing changed.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../contract/client.ts';
import type { Api } from './fixtures/api.ts';
import { environmentPath, snapshotRow } from './fixtures/dashboard.ts';
import { readRows, readStoredManifest, damageStored, treeDigest } from './fixtures/disk.ts';
import type { EnvironmentFiles } from './fixtures/test-site.ts';
import { expect, test } from './fixtures/test.ts';

async function stateOf(api: Api, env: EnvironmentFiles) {
  return {
    restores: (await api.jobs()).filter((job) => job.type === 'restore'),
    history: (await api.history('production')).map((snapshot) => snapshot.id),
    rows: readRows(env.db),
    files: await treeDigest(env.uploads),
  };
}

test('a snapshot verifies ok, then a damaged content in the store is named and its restore refused', async ({
  page,
  api,
  server,
  site,
}) => {
  const env = site.envs.production;
  // A file of its own, so the content this test damages belongs to this snapshot alone.
  await writeFile(path.join(env.uploads, 'only-here.bin'), randomBytes(32_000));
  const snapshot = await api.takeSnapshot('production', 'before the upgrade');

  await page.goto(environmentPath('production'));
  const row = snapshotRow(page, snapshot);
  const verify = row.getByRole('button', { name: /^Verify snapshot from / });
  await verify.click();
  await expect(row).toContainText('Verified just now');
  const ok = (await api.snapshot(snapshot.id)).verification;
  expect(ok).toMatchObject({ status: 'ok', damaged: [], damaged_count: 0 });
  expect((await api.job(ok!.job_id)).type).toBe('verify');

  // A disk goes bad under the store: the content's stored bytes are no longer it.
  const manifest = await readStoredManifest(server.dataDir, snapshot.id);
  const entry = manifest.services
    .find((service) => service.name === 'uploads')!
    .entries!.find((candidate) => candidate.path === 'only-here.bin');
  if (entry?.type !== 'file') throw new Error('the snapshot has no only-here.bin');
  damageStored(server.dataDir, entry.sha256);

  await verify.click();
  await expect(row.getByText('Damaged', { exact: true })).toBeVisible();
  await expect(row).toContainText('Damaged: uploads/only-here.bin is missing or corrupt in the store.');
  const damaged = (await api.snapshot(snapshot.id)).verification;
  expect(damaged?.status).toBe('damaged');
  expect(damaged?.job_id).not.toBe(ok!.job_id);
  expect(damaged?.damaged).toEqual([
    expect.objectContaining({ service: 'uploads', path: 'only-here.bin', code: 'corrupt_blob' }),
  ]);
  const before = await stateOf(api, env);

  await row.getByRole('link', { name: /^Restore snapshot from / }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore production' });
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('This restore point is damaged');
  await expect(alert).toContainText('uploads/only-here.bin: corrupt');
  await expect(alert).toContainText('restore another point instead');
  await expect(dialog.getByRole('button', { name: 'Restore production' })).toBeDisabled();

  // A script that tries anyway is refused by the server, saying what is damaged and what to do.
  const refused = await api.restoreSnapshot(snapshot.id, ['db', 'files'], 'production').then(
    () => null,
    (error: unknown) => error,
  );
  expect(refused).toBeInstanceOf(ApiError);
  expect((refused as ApiError).status).toBe(409);
  expect((refused as ApiError).problem.code).toBe('snapshot_damaged');
  expect((refused as ApiError).problem.detail).toContain('uploads/only-here.bin');
  expect((refused as ApiError).problem.detail).toContain('restore another point');
  expect(await stateOf(api, env)).toEqual(before);
});
