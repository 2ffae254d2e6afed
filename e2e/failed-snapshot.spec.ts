// Bad path: a snapshot fails for real — the environment's database file has been replaced by bytes that are
// not a database. The page says the snapshot failed, why and what to check, keeps the earlier restore point
// on offer, and nothing else changes: the environment's files, the other snapshots and the store.
import { readFile, writeFile } from 'node:fs/promises';
import type { Job } from '../contract/schemas.ts';
import { environmentPath, snapshotRow, toast } from './fixtures/dashboard.ts';
import { readStoredManifest, sha256, treeDigest } from './fixtures/disk.ts';
import { expect, test } from './fixtures/test.ts';

test('a snapshot of a damaged database fails, says why, and changes nothing else', async ({
  page,
  api,
  server,
  site,
}) => {
  const { db, uploads } = site.envs.production;
  const lastGood = await api.takeSnapshot('production', 'last good');
  const lastGoodManifest = await readStoredManifest(server.dataDir, lastGood.id);

  await writeFile(db, Buffer.alloc(8192, 'this is not a SQLite database. '));
  const dbBytes = sha256(await readFile(db));
  const files = await treeDigest(uploads);

  await page.goto(environmentPath('production'));
  await page.getByRole('main').getByRole('button', { name: 'Take snapshot' }).click();
  const dialog = page.getByRole('dialog', { name: 'Take a snapshot of production' });
  const accepted = page.waitForResponse(
    (response) => response.url().endsWith('/v1/sites/acme-store/backups') && response.status() === 202,
  );
  await dialog.getByRole('button', { name: 'Take snapshot' }).click();
  const job = (await (await accepted).json()) as Job;

  // The page says it failed, and why: the database named, what is wrong with it, what to check.
  const failure = toast(page, 'Snapshot failed');
  await expect(failure).toBeVisible();
  await expect(failure).toContainText('acme-store / production');
  await expect(failure).toContainText('Service "db": the SQLite database');
  await expect(failure).toContainText('Check that it is a SQLite database');
  const failed = snapshotRow(page, await api.snapshot(job.snapshot_id));
  await expect(failed).toContainText('Failed');
  await expect(failed).toContainText('Not restorable');
  await expect(failed.getByRole('button', { name: /^Restore snapshot from / })).toBeDisabled();
  await expect(failed.getByRole('button', { name: /^Download snapshot from / })).toBeDisabled();
  await expect(failed.getByText('Failed')).toHaveAttribute('title', /cannot be opened/);
  // The earlier restore point is still there, and restorable.
  await expect(
    snapshotRow(page, lastGood).getByRole('link', { name: /^Restore snapshot from / }),
  ).toBeVisible();

  // Persisted: a failed job and snapshot, with the reason…
  const done = await api.waitForJob(job.id);
  expect(done).toMatchObject({ status: 'failed', error: { code: 'service_unreadable' } });
  expect(done.error?.detail).toContain('is not a database');
  expect(await api.snapshot(job.snapshot_id)).toMatchObject({ status: 'failed' });
  // …and nothing else changed: the environment, the last good snapshot, its stored manifest.
  expect(sha256(await readFile(db))).toBe(dbBytes);
  expect(await treeDigest(uploads)).toEqual(files);
  const history = await api.history('production');
  expect(history.map((snapshot) => `${snapshot.id} ${snapshot.status}`)).toEqual([
    `${job.snapshot_id} failed`,
    `${lastGood.id} ready`,
  ]);
  expect(history[1]).toMatchObject({
    created_at: lastGood.created_at,
    completed_at: lastGood.completed_at,
    label: lastGood.label,
    size_bytes: lastGood.size_bytes,
    parts: lastGood.parts,
  });
  expect(await readStoredManifest(server.dataDir, lastGood.id)).toEqual(lastGoodManifest);
  await expect(readStoredManifest(server.dataDir, job.snapshot_id)).rejects.toThrow(/ENOENT/);
});
