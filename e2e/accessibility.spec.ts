// Accessibility: axe scans the login page, the overview, the environment page (a history with ready,
// pre-restore and failed snapshots, its last restore, a highlighted restore point), every dialog and menu
// opened from it and a toast, in the light and the dark theme. No serious or critical violation is allowed.
import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { Api } from './fixtures/api.ts';
import { expectAccessible } from './fixtures/axe.ts';
import { environmentPath, history, snapshotRow, toast } from './fixtures/dashboard.ts';
import { expect, test } from './fixtures/test.ts';

/** The production page, its history holding one ready snapshot; answers that snapshot's row. */
async function productionWithASnapshot(page: Page, api: Api) {
  const snapshot = await api.takeSnapshot('production', 'before the 2.4 upgrade');
  await page.goto(environmentPath('production'));
  const row = snapshotRow(page, snapshot);
  await expect(row).toContainText('Ready');
  return row;
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme });
    });

    test('the overview and the environment pages are accessible', async ({ page, api, site }) => {
      const manual = await api.takeSnapshot('production', 'before the 2.4 upgrade');
      const restore = await api.restoreSnapshot(manual.id, ['files'], 'production');
      expect((await api.waitForJob(restore.id)).status).toBe('succeeded');
      await writeFile(site.envs.staging.db, 'not a database');
      const failedJob = await api.backup('staging');
      expect((await api.waitForJob(failedJob.id)).status).toBe('failed');

      await page.goto('/');
      if (colorScheme === 'dark') await expect(page.locator('html')).toHaveClass(/\bdark\b/);
      else await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
      await expect(page.getByRole('main').getByRole('region', { name: 'Acme Store' })).toContainText('ready');
      await expectAccessible(page, 'the overview');

      await page.goto(environmentPath('production'));
      await expect(snapshotRow(page, manual)).toContainText('Ready');
      await expect(history(page)).toContainText('Pre-restore');
      await expectAccessible(page, 'the environment page');
      await page.getByRole('button', { name: 'Undo last restore' }).click();
      const undo = page.getByRole('dialog', { name: 'Undo the last restore of production' });
      await undo.getByRole('textbox', { name: /Type production to confirm/ }).fill('prod');
      await expectAccessible(page, 'the undo restore dialog');
      await page.keyboard.press('Escape');
      await expect(undo).toBeHidden();
      await page.goto(`${environmentPath('production')}?snapshot=${manual.id}`);
      await expect(snapshotRow(page, manual)).toHaveAttribute('aria-current', 'true');
      await expectAccessible(page, 'the environment page, a restore point highlighted');

      await page.goto(environmentPath('staging'));
      await expect(history(page)).toContainText('Failed');
      await expectAccessible(page, 'an environment page with a failed snapshot');
    });

    test('the take snapshot and restore dialogs and the download menu are accessible', async ({
      page,
      api,
    }) => {
      const row = await productionWithASnapshot(page, api);

      await page.getByRole('main').getByRole('button', { name: 'Take snapshot' }).click();
      const take = page.getByRole('dialog', { name: 'Take a snapshot of production' });
      await take.getByLabel('Label (optional)').fill('before the 2.4 upgrade');
      await expectAccessible(page, 'the take snapshot dialog');
      await take.getByRole('button', { name: 'Cancel' }).click();
      await expect(take).toBeHidden();

      await row.getByRole('link', { name: /^Restore snapshot from / }).click();
      const restore = page.getByRole('dialog', { name: 'Restore production' });
      await restore.getByRole('textbox', { name: /Type production to confirm/ }).fill('prod');
      await expectAccessible(page, 'the restore dialog, production not yet confirmed');
      await restore.getByRole('combobox', { name: 'Restore into' }).selectOption('staging');
      await expect(page.getByRole('dialog', { name: 'Restore staging' })).toBeVisible();
      await expectAccessible(page, 'the restore dialog, into staging');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toBeHidden();

      await row.getByRole('button', { name: /^Download snapshot from / }).click();
      await expect(page.getByRole('menu')).toBeVisible();
      await expectAccessible(page, 'the download menu');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('menu')).toBeHidden();
    });

    test('the label, policy and delete dialogs, and a toast, are accessible', async ({ page, api }) => {
      const row = await productionWithASnapshot(page, api);

      await row.getByRole('button', { name: /^Edit the label of snapshot from / }).click();
      const label = page.getByRole('dialog', { name: 'Label this snapshot' });
      await expectAccessible(page, 'the label dialog');
      await label.getByRole('button', { name: 'Cancel' }).click();
      await expect(label).toBeHidden();

      await page.getByRole('button', { name: 'Edit policy' }).click();
      const policy = page.getByRole('dialog', { name: 'Backup policy of production' });
      await expect(policy).toBeVisible();
      await expect(policy.getByRole('button', { name: 'Save policy' })).toBeVisible();
      await expectAccessible(page, 'the backup policy dialog');
      await policy.getByRole('combobox', { name: 'Time zone' }).fill('eu');
      await expect(policy.getByRole('listbox')).toBeVisible();
      await expectAccessible(page, 'the time zone list');
      await page.keyboard.press('Escape');
      await expect(policy.getByRole('listbox')).toBeHidden();
      await page.keyboard.press('Escape');
      await expect(policy).toBeHidden();

      await row.getByRole('button', { name: /^Delete snapshot from / }).click();
      const remove = page.getByRole('dialog', { name: 'Delete this snapshot?' });
      await expect(remove).toContainText('before the 2.4 upgrade');
      await expect(remove).toContainText('Frees about');
      await remove.getByRole('textbox', { name: /Type production to confirm/ }).fill('prod');
      await expectAccessible(page, 'the delete dialog, production not yet confirmed');
      await remove.getByRole('textbox', { name: /Type production to confirm/ }).fill('production');
      await remove.getByRole('button', { name: 'Delete snapshot' }).click();
      await expect(remove).toBeHidden();
      await expect(toast(page, 'Snapshot deleted')).toBeVisible();
      await expectAccessible(page, 'the environment page with a toast');
    });
  });
}

test.describe('signed out', () => {
  test.use({ signedIn: false });

  test('the login page is accessible', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { name: 'Sign in to Rewind' })).toBeVisible();
    await expectAccessible(page, 'the login page');
    await page.getByLabel('Access token').fill('rwd_wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectAccessible(page, 'the login page with an error');
  });
});
