// Bad path: the restore point a user is about to restore stops being restorable while the page shows it —
// it expired, or someone deleted it. The dialog says what went wrong and what to do next, and nothing else
// changes: no job, no pre-restore snapshot, the environment's data untouched.
import type { Page } from '@playwright/test';
import type { Snapshot } from '../contract/schemas.ts';
import type { Api } from './fixtures/api.ts';
import { environmentPath, snapshotRow } from './fixtures/dashboard.ts';
import { expireInCatalog, readRows, treeDigest } from './fixtures/disk.ts';
import type { EnvironmentFiles } from './fixtures/test-site.ts';
import { expect, test } from './fixtures/test.ts';

async function stateOf(api: Api, env: EnvironmentFiles) {
  return {
    jobs: await api.jobs(),
    history: await api.history('production'),
    rows: readRows(env.db),
    files: await treeDigest(env.uploads),
  };
}

/** The restore dialog of `snapshot`, filled in and ready to confirm. */
async function readyToRestore(page: Page, snapshot: Snapshot) {
  await page.goto(environmentPath('production'));
  await snapshotRow(page, snapshot)
    .getByRole('link', { name: /^Restore snapshot from / })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Restore production' });
  await dialog.getByRole('textbox', { name: /Type production to confirm/ }).fill('production');
  const confirm = dialog.getByRole('button', { name: 'Restore production' });
  await expect(confirm).toBeEnabled();
  return { dialog, confirm };
}

test('a restore point that expired while the dialog was open is refused, and then shown expired', async ({
  page,
  api,
  server,
  site,
}) => {
  // The backup policy keeps the newest restore points whatever their age (keep_last, at least one): enough
  // newer ones are taken that the older one is not among them, and can expire.
  const older = await api.takeSnapshot('production', 'before the 2.4 upgrade');
  const { keep_last: keepLast } = (await api.environment('production')).backup_policy.retention;
  let newer = older;
  for (let n = 0; n < Math.max(keepLast, 1); n++)
    newer = await api.takeSnapshot('production', 'after the 2.4 upgrade');
  expect((await api.snapshot(older.id)).held).toBe(false);
  const { dialog, confirm } = await readyToRestore(page, older);

  // Fourteen days pass. There is no clock to move, so the server is stopped, the restore point's expiry is
  // moved into the past in its catalog, and the server starts again on the same port and data.
  const expiredAt = new Date(Date.now() - 60_000);
  await server.restart(() => expireInCatalog(server.dataDir, older.id, expiredAt));
  expect((await api.snapshot(older.id)).expires_at).toBe(expiredAt.toISOString());
  const before = await stateOf(api, site.envs.production);

  await confirm.click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('Snapshot expired');
  await expect(alert).toContainText('can no longer be restored. Pick a more recent restore point.');
  await expect(dialog).toBeVisible();
  expect(await stateOf(api, site.envs.production)).toEqual(before);

  // Closed and loaded again, the history says it expired and no longer offers to restore it, while the more
  // recent restore point is there to pick…
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  const row = snapshotRow(page, older);
  await expect(row).toContainText('Expired');
  await expect(row.getByRole('button', { name: /^Restore snapshot from / })).toBeDisabled();
  await expect(snapshotRow(page, newer).getByRole('link', { name: /^Restore snapshot from / })).toBeVisible();
  // …and its link, opened directly, explains why there is nothing to confirm.
  await page.goto(`${environmentPath('production')}/restore/${older.id}`);
  const reopened = page.getByRole('dialog', { name: 'Restore production' });
  await expect(reopened).toContainText('This snapshot expired');
  await expect(reopened).toContainText('can no longer be restored');
  await expect(reopened.getByRole('button', { name: 'Restore production' })).toBeDisabled();
  expect(await stateOf(api, site.envs.production)).toEqual(before);
});

test('a restore point deleted from elsewhere while the dialog was open is refused, and then gone', async ({
  page,
  api,
  site,
}) => {
  const older = await api.takeSnapshot('production', 'before the 2.4 upgrade');
  const newer = await api.takeSnapshot('production', 'after the 2.4 upgrade');
  const { dialog, confirm } = await readyToRestore(page, older);

  // Someone else (another tab, a script) deletes it.
  await api.deleteSnapshot(older.id, 'production');
  const before = await stateOf(api, site.envs.production);
  expect(before.history.map((snapshot) => snapshot.id)).toEqual([newer.id]);

  await confirm.click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('Snapshot not found');
  await expect(alert).toContainText('It may have been deleted or pruned.');
  await expect(dialog).toBeVisible();
  expect(await stateOf(api, site.envs.production)).toEqual(before);

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(snapshotRow(page, newer).getByRole('link', { name: /^Restore snapshot from / })).toBeVisible();
  await expect(snapshotRow(page, older)).toHaveCount(0);
  expect(await stateOf(api, site.envs.production)).toEqual(before);
});
