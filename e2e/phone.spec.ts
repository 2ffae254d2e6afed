// On a phone (375 × 667): every dialog of the environment page fits the screen — nothing wider than it,
// a long label wraps, the body scrolls while its buttons stay in reach — and closing one (Escape, Cancel,
// the close button, or what it started) gives the focus back to the control that opened it. A restore
// started from the phone really runs: the files on disk are back as they were.
import { environmentPath, restoreAccepted, snapshotRow } from './fixtures/dashboard.ts';
import { changeUploads, treeDigest } from './fixtures/disk.ts';
import { expectFits } from './fixtures/layout.ts';
import { expect, test } from './fixtures/test.ts';

test.use({ viewport: { width: 375, height: 667 } });

// A label as people write them, with nowhere to break it.
const longLabel = 'before-the-2.4-upgrade-of-checkout,payments-and-the-search-index-rebuild-on-friday';

test('the restore dialog fits a phone, gives the focus back, and its restore runs', async ({
  page,
  api,
  site,
}) => {
  const { uploads } = site.envs.production;
  const restorePoint = await api.takeSnapshot('production', longLabel);
  const filesAtSnapshot = await treeDigest(uploads);
  await changeUploads(uploads);
  expect(await treeDigest(uploads)).not.toEqual(filesAtSnapshot);

  await page.goto(environmentPath('production'));
  const opener = snapshotRow(page, restorePoint).getByRole('link', { name: /^Restore snapshot from / });
  const dialog = page.getByRole('dialog', { name: 'Restore production' });
  const confirm = dialog.getByRole('button', { name: 'Restore production' });

  // Each way of closing it gives the focus back to the history's Restore link.
  const closings = {
    Escape: () => page.keyboard.press('Escape'),
    Cancel: () => dialog.getByRole('button', { name: 'Cancel' }).click(),
    'the close button': () => dialog.getByRole('button', { name: 'Close' }).click(),
  };
  for (const [how, close] of Object.entries(closings)) {
    await opener.click();
    await expect(dialog, how).toContainText(longLabel);
    await close();
    await expect(dialog, how).toBeHidden();
    await expect(opener, `focus after ${how}`).toBeFocused();
  }

  await opener.press('Enter');
  await expect(dialog).toContainText(longLabel);
  await dialog.getByRole('checkbox', { name: /^Database/ }).uncheck();
  await dialog.getByRole('textbox', { name: /Type production to confirm/ }).fill('production');
  await expect(confirm).toBeEnabled();
  await expectFits(dialog, confirm);
  // Taller than the screen: its body scrolls between the title and the buttons.
  const body = dialog.locator('[data-slot="dialog-body"]');
  expect(await body.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(true);

  // Clicked where it stands, without scrolling: nothing covers it.
  const box = (await confirm.boundingBox())!;
  const accepted = restoreAccepted(page);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const job = await accepted;
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  expect(await api.waitForJob(job.id)).toMatchObject({
    status: 'succeeded',
    snapshot_id: restorePoint.id,
    selectors: ['files'],
    error: null,
  });
  expect(await treeDigest(uploads)).toEqual(filesAtSnapshot);
});

test('the other dialogs fit a phone and give the focus back', async ({ page, api }) => {
  const snapshot = await api.takeSnapshot('production', longLabel);
  await page.goto(environmentPath('production'));
  const row = snapshotRow(page, snapshot);
  await expect(row).toContainText('Ready');

  const take = page.getByRole('main').getByRole('button', { name: 'Take snapshot' });
  await take.click();
  let dialog = page.getByRole('dialog', { name: 'Take a snapshot of production' });
  await dialog.getByLabel('Label (optional)').fill(longLabel);
  await expectFits(dialog, dialog.getByRole('button', { name: 'Take snapshot' }));
  await page.keyboard.press('Escape');
  await expect(take).toBeFocused();

  const policy = page.getByRole('button', { name: 'Edit policy' });
  await policy.click();
  dialog = page.getByRole('dialog', { name: 'Backup policy of production' });
  await expect(dialog.getByLabel('Repeat')).toBeVisible();
  await expectFits(dialog, dialog.getByRole('button', { name: 'Save policy' }));
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(policy).toBeFocused();

  const editLabel = row.getByRole('button', { name: /^Edit the label of snapshot from / });
  await editLabel.click();
  dialog = page.getByRole('dialog', { name: 'Label this snapshot' });
  await expectFits(dialog, dialog.getByRole('button', { name: 'Save label' }));
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(editLabel).toBeFocused();

  const remove = row.getByRole('button', { name: /^Delete snapshot from / });
  await remove.click();
  dialog = page.getByRole('dialog', { name: 'Delete this snapshot?' });
  await expect(dialog).toContainText(longLabel);
  await expectFits(dialog, dialog.getByRole('button', { name: 'Delete snapshot' }));
  await page.keyboard.press('Escape');
  await expect(remove).toBeFocused();

  // Deleted, its row and its button are gone: the focus goes to the page rather than nowhere.
  await remove.click();
  await dialog.getByRole('textbox', { name: /Type production to confirm/ }).fill('production');
  await dialog.getByRole('button', { name: 'Delete snapshot' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toHaveCount(0);
  await expect(page.getByRole('main')).toBeFocused();
  expect(await api.history('production')).toEqual([]);
});
