// Journey 2, restore: the environment's data changes behind the dashboard's back; from the history, pick the
// restore point, bring back the files only (production asks for its name first), then the database too,
// then undo that restore — each time checking the bytes on disk, not just what the page says.
import type { Page } from '@playwright/test';
import type { Snapshot } from '../contract/schemas.ts';
import { environmentPath, restoreAccepted, snapshotRow, toast } from './fixtures/dashboard.ts';
import { changeRows, changeUploads, readRows, treeDigest } from './fixtures/disk.ts';
import { expect, test } from './fixtures/test.ts';

async function openRestore(page: Page, snapshot: Snapshot) {
  await snapshotRow(page, snapshot)
    .getByRole('link', { name: /^Restore snapshot from / })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Restore production' });
  await expect(dialog).toContainText('before the 2.4 upgrade');
  return dialog;
}

test('files, then the database, come back from a restore point, and the restore can be undone', async ({
  page,
  api,
  site,
}) => {
  const { db, uploads } = site.envs.production;
  const restorePoint = await api.takeSnapshot('production', 'before the 2.4 upgrade');
  const filesAtSnapshot = await treeDigest(uploads);
  const rowsAtSnapshot = readRows(db);

  // The application carries on: rows updated, deleted and added; uploads added, edited and deleted.
  changeRows(db);
  await changeUploads(uploads);
  const rowsChanged = readRows(db);
  const filesChanged = await treeDigest(uploads);
  expect(rowsChanged).not.toEqual(rowsAtSnapshot);
  expect(filesChanged).not.toEqual(filesAtSnapshot);

  await page.goto(environmentPath('production'));

  // Files only. Production asks for its name before the Restore button does anything.
  let dialog = await openRestore(page, restorePoint);
  await dialog.getByRole('checkbox', { name: /^Database/ }).uncheck();
  await expect(dialog.getByRole('checkbox', { name: /^Files/ })).toBeChecked();
  await expect(dialog).toContainText('This overwrites production’s files (uploads) with their state at');
  const confirm = dialog.getByRole('button', { name: 'Restore production' });
  const typed = dialog.getByRole('textbox', { name: /Type production to confirm/ });
  await expect(confirm).toBeDisabled();
  await typed.fill('Production');
  await expect(confirm).toBeDisabled();
  await typed.fill('productio');
  await expect(confirm).toBeDisabled();
  await typed.press('Enter');
  await expect(dialog).toBeVisible();
  await typed.fill('production');
  await expect(confirm).toBeEnabled();
  expect((await api.jobs()).map((job) => job.type)).toEqual(['backup']);

  let accepted = restoreAccepted(page);
  await confirm.click();
  const filesRestore = await accepted;
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(environmentPath('production'));
  await expect(toast(page, 'Restore of production started')).toBeVisible();
  const filesRestored = toast(page, 'The files of acme-store / production are back');
  await expect(filesRestored).toBeVisible();
  // Read, it is closed: it would stay 20 s for its Undo button, which undoes the newest restore only.
  await filesRestored.getByRole('button', { name: 'Close toast' }).click();
  await expect(filesRestored).toBeHidden();
  expect(await api.waitForJob(filesRestore.id)).toMatchObject({
    status: 'succeeded',
    snapshot_id: restorePoint.id,
    selectors: ['files'],
    error: null,
  });
  expect(await treeDigest(uploads)).toEqual(filesAtSnapshot);
  expect(readRows(db)).toEqual(rowsChanged);

  // The pre-restore snapshot is in the history, above the restore point.
  const preRestore = await api.snapshot((await api.job(filesRestore.id)).pre_restore_snapshot_id!);
  expect(preRestore).toMatchObject({ kind: 'pre_restore', status: 'ready', environment: 'production' });
  await expect(snapshotRow(page, preRestore)).toContainText('Pre-restore');

  // Now the database too.
  dialog = await openRestore(page, restorePoint);
  await dialog.getByRole('checkbox', { name: /^Files/ }).uncheck();
  await expect(dialog).toContainText('This overwrites production’s database (db) with its state at');
  await dialog.getByRole('textbox', { name: /Type production to confirm/ }).fill('production');
  accepted = restoreAccepted(page);
  await dialog.getByRole('button', { name: 'Restore production' }).click();
  const dbRestore = await accepted;
  await expect(dialog).toBeHidden();
  const restored = toast(page, 'The database of acme-store / production is back');
  await expect(restored).toBeVisible();
  const dbRestored = await api.waitForJob(dbRestore.id);
  expect(dbRestored).toMatchObject({ status: 'succeeded', selectors: ['db'], error: null });
  expect(readRows(db)).toEqual(rowsAtSnapshot);
  expect(await treeDigest(uploads)).toEqual(filesAtSnapshot);

  // Undo it from its toast: production asks its name again. The database is back as it was just before that
  // restore; the files stay restored.
  await restored.getByRole('button', { name: 'Undo restore' }).click();
  dialog = page.getByRole('dialog', { name: 'Undo the last restore of production' });
  await expect(dialog).toContainText('Brings the database of production back to how it was');
  await dialog.getByRole('textbox', { name: /Type production to confirm/ }).fill('production');
  accepted = restoreAccepted(page);
  await dialog.getByRole('button', { name: 'Undo restore' }).click();
  const undo = await accepted;
  await expect(dialog).toBeHidden();
  expect(undo).toMatchObject({ snapshot_id: dbRestored.pre_restore_snapshot_id, selectors: ['db'] });
  expect(await api.waitForJob(undo.id)).toMatchObject({ status: 'succeeded', error: null });
  expect(readRows(db)).toEqual(rowsChanged);
  expect(await treeDigest(uploads)).toEqual(filesAtSnapshot);

  // Every restore kept a way back: three pre-restore snapshots above the restore point, all ready.
  const kinds = (await api.history('production')).map((snapshot) => `${snapshot.kind} ${snapshot.status}`);
  expect(kinds).toEqual(['pre_restore ready', 'pre_restore ready', 'pre_restore ready', 'manual ready']);
  await expect(page.getByRole('list', { name: 'Snapshots, newest first' }).getByRole('listitem')).toHaveCount(
    4,
  );
});
