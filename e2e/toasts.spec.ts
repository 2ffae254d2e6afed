// Toasts never stand in the way: while several are up, the history's row actions can still be clicked, on a
// desktop (they stack in the sidebar's corner) and on a 375 px phone (the page leaves room below them).
import type { Page } from '@playwright/test';
import { environmentPath, history } from './fixtures/dashboard.ts';
import { expect, test } from './fixtures/test.ts';

async function takeTwoSnapshots(page: Page) {
  for (const label of ['first', 'second']) {
    await page.getByRole('main').getByRole('button', { name: 'Take snapshot' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Take a snapshot of production' });
    await dialog.getByLabel('Label (optional)').fill(label);
    await dialog.getByRole('button', { name: 'Take snapshot' }).click();
    await expect(dialog).toBeHidden();
  }
}

/**
 * Every action of these rows is what a tap at its centre reaches, as the page stands: nothing (a toast) lies
 * over it.
 */
async function expectRowActionsUncovered(page: Page, rows: number[]) {
  for (const index of rows) {
    const row = history(page).getByRole('listitem').nth(index);
    for (const action of await row.getByRole('button').or(row.getByRole('link')).all()) {
      const name = (await action.getAttribute('aria-label')) ?? (await action.textContent());
      const reached = await action.evaluate((element) => {
        const box = element.getBoundingClientRect();
        const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        return hit !== null && element.contains(hit);
      });
      expect(reached, `${name} of row ${index + 1} can be tapped`).toBe(true);
    }
  }
}

for (const { name, width, height } of [
  { name: 'a desktop', width: 1280, height: 720 },
  { name: 'a 375 px phone', width: 375, height: 740 },
]) {
  test(`row actions stay usable under stacked toasts on ${name}`, async ({ page, api }) => {
    await page.setViewportSize({ width, height });
    for (let i = 0; i < 3; i++) await api.takeSnapshot('production', `seed ${i}`);
    await page.goto(environmentPath('production'));
    await expect(history(page).getByRole('listitem')).toHaveCount(3);

    // Each take says "Snapshot started", then "Snapshot ready": a stack of two to four toasts for a while.
    await takeTwoSnapshots(page);
    const notifications = page.getByRole('region', { name: /^Notifications/ }).getByRole('listitem');
    await expect.poll(() => notifications.count()).toBeGreaterThanOrEqual(2);

    // The rows at the bottom of the page are the ones toasts would cover: scroll there, list included.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await history(page).evaluate((list) => list.parentElement!.scrollTo(0, list.scrollHeight));
    await expectRowActionsUncovered(page, [3, 4]);
    if (width >= 768) {
      // In the sidebar's corner: clear of the whole main column.
      const main = (await page.getByRole('main').boundingBox())!;
      for (const box of await notifications.evaluateAll((items) =>
        items.map((item) => item.getBoundingClientRect().right),
      )) {
        expect(box).toBeLessThanOrEqual(main.x);
      }
    }
  });
}
