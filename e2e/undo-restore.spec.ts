// Journey: after a restore, the history says what its pre-restore snapshot protects and links to the restore
// point; the kind filter hides and shows pre-restore rows (kept in the URL); "Undo last restore" on the
// environment page brings production's data back as it was before the restore — checked on disk — and then
// says the restore was undone, offering no undo of the undo.
import { environmentPath, history, restoreAccepted, snapshotRow, toast } from './fixtures/dashboard.ts';
import { changeRows, changeUploads, readRows, treeDigest } from './fixtures/disk.ts';
import { expect, test } from './fixtures/test.ts';

// A viewer in Paris whose locale writes a 24-hour clock: the labels use their time, in their format.
test.use({ locale: 'en-GB', timezoneId: 'Europe/Paris' });
const viewerTime = new Intl.DateTimeFormat('en', {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Europe/Paris',
});
const shortTime = (iso: string) => viewerTime.format(new Date(iso));

test('a restore is labelled, filtered and undone from the environment page', async ({
  page,
  api,
  site,
  cspViolations,
}) => {
  const { db, uploads } = site.envs.production;
  const restorePoint = await api.takeSnapshot('production', 'before the 2.4 upgrade');
  const scheduledLike = await api.takeSnapshot('production', 'after the 2.4 upgrade');
  changeRows(db);
  await changeUploads(uploads);
  const rowsBefore = readRows(db);
  const filesBefore = await treeDigest(uploads);

  const restore = await api.waitForJob(
    (await api.restoreSnapshot(restorePoint.id, ['db', 'files'], 'production')).id,
  );
  expect(restore).toMatchObject({ status: 'succeeded', error: null });
  expect(readRows(db)).not.toEqual(rowsBefore);
  const preRestore = await api.snapshot(restore.pre_restore_snapshot_id!);

  await page.goto(environmentPath('production'));

  // The pre-restore row says what it protects, in the viewer's time, and links to the restore point.
  const preRow = snapshotRow(page, preRestore);
  const protects = `Before restoring production's database and files from the snapshot of ${shortTime(restorePoint.created_at)}`;
  await expect(preRow).toContainText(protects);
  expect(shortTime(restorePoint.created_at)).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{2}:\d{2}$/);
  await preRow.getByRole('link', { name: `the snapshot of ${shortTime(restorePoint.created_at)}` }).click();
  await expect(page).toHaveURL(`${environmentPath('production')}?snapshot=${restorePoint.id}`);
  const pointRow = snapshotRow(page, restorePoint);
  await expect(pointRow).toHaveAttribute('aria-current', 'true');
  await expect(pointRow).toBeInViewport();
  await expect(page.getByRole('status').filter({ hasText: 'highlighted below' })).toHaveText(
    `Showing the snapshot of ${shortTime(restorePoint.created_at)}, highlighted below.`,
  );

  // The kind filter hides the pre-restore row, keeps that through a reload, and shows only it on demand.
  const kinds = page.getByRole('group', { name: 'Show snapshots of kind' });
  await kinds.getByRole('button', { name: 'Manual' }).click();
  await expect(page).toHaveURL(/\?kind=manual$/);
  await expect(history(page).getByRole('listitem')).toHaveCount(2);
  await expect(preRow).toHaveCount(0);
  await page.reload();
  await expect(kinds.getByRole('button', { name: 'Manual' })).toHaveAttribute('aria-pressed', 'true');
  await expect(history(page).getByRole('listitem')).toHaveCount(2);
  await expect(snapshotRow(page, scheduledLike)).toBeVisible();
  await kinds.getByRole('button', { name: 'Manual' }).click();
  await kinds.getByRole('button', { name: 'Pre-restore' }).click();
  await expect(page).toHaveURL(/\?kind=pre_restore$/);
  await expect(history(page).getByRole('listitem')).toHaveCount(1);
  await expect(preRow).toBeVisible();
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(/\?kind=manual$/);
  await expect(history(page).getByRole('listitem')).toHaveCount(2);
  await kinds.getByRole('button', { name: 'All' }).click();
  await expect(history(page).getByRole('listitem')).toHaveCount(3);

  // Undo last restore: production asks for its name; nothing starts before it is typed.
  const last = page.getByRole('region', { name: 'Last restore' });
  await expect(last).toContainText(
    `Restored the database and files from the snapshot of ${shortTime(restorePoint.created_at)} — `,
  );
  await last.getByRole('button', { name: 'Undo last restore' }).click();
  const dialog = page.getByRole('dialog', { name: 'Undo the last restore of production' });
  await expect(dialog).toContainText('Brings the database and files of production back to how they were');
  const confirm = dialog.getByRole('button', { name: 'Undo restore' });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('textbox', { name: /Type production to confirm/ }).fill('production');
  // A small undo ends within a poll or two: hold the page's reads of its job until its toast has been seen
  // (then they pass through as they are).
  let release = () => {};
  const seen = new Promise<void>((resolve) => (release = resolve));
  const jobReads = /\/v1\/jobs\/job_\w+$/;
  await page.route(jobReads, async (route) => {
    await seen;
    await route.continue();
  });
  const accepted = restoreAccepted(page);
  await confirm.click();
  const undo = await accepted;
  expect(undo).toMatchObject({
    snapshot_id: preRestore.id,
    selectors: ['db', 'files'],
    environment: 'production',
  });
  await expect(dialog).toBeHidden();
  const undoing = toast(page, 'Undoing the restore of production');
  await expect(undoing).toBeVisible();
  await expect(undoing).toHaveAttribute('data-type', 'loading');
  await expect(last.getByRole('button', { name: 'Undo last restore' })).toHaveCount(0);
  release();

  // The data is back as it was just before the restore, byte for byte.
  expect(await api.waitForJob(undo.id)).toMatchObject({ status: 'succeeded', error: null });
  expect(readRows(db)).toEqual(rowsBefore);
  expect(await treeDigest(uploads)).toEqual(filesBefore);
  await expect(toast(page, 'Restore undone')).toContainText(
    'The database and files of acme-store / production are back as they were before the restore.',
  );
  await expect(undoing).toHaveCount(0);

  // Undone: the page says so and offers nothing that would undo the undo; its pre-restore snapshot is labelled.
  await expect(last).toContainText(
    `Undid the restore of ${shortTime(preRestore.created_at)}: the database and files are back as they were before it`,
  );
  await expect(last.getByRole('button')).toHaveCount(0);
  const undoPreRestore = await api.snapshot((await api.job(undo.id)).pre_restore_snapshot_id!);
  await expect(snapshotRow(page, undoPreRestore)).toContainText(
    `Before restoring production's database and files from the pre-restore snapshot of ${shortTime(preRestore.created_at)}`,
  );
  expect((await api.jobs()).filter((job) => job.type === 'restore')).toHaveLength(2);
  expect(cspViolations).toEqual([]);
});
