// Journey, Rewind goes away: the server stops while the environment page is open. The page says it cannot
// reach Rewind (not on the first failed request, and without covering its controls), keeps what it showed,
// and once the server is back the notice goes and the page shows what happened meanwhile — in the light and
// the dark theme.
import { expectAccessible } from './fixtures/axe.ts';
import { environmentPath, snapshotRow } from './fixtures/dashboard.ts';
import { expect, test } from './fixtures/test.ts';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the page says when it cannot reach Rewind and refreshes when it is back (${colorScheme})`, async ({
    page,
    api,
    server,
  }) => {
    await page.emulateMedia({ colorScheme });
    const before = await api.takeSnapshot('production', 'before the outage');
    await page.goto(environmentPath('production'));
    await expect(snapshotRow(page, before)).toContainText('Ready');
    // Taken through the API: the open page does not know of it yet.
    const meanwhile = await api.takeSnapshot('production', 'taken before the restart');
    const banner = page.getByRole('status').filter({ hasText: 'Cannot reach Rewind — retrying' });
    const nav = page.getByRole('navigation', { name: 'Sites and environments' });

    await server.restart(async () => {
      // Rewind is down. Going to staging asks for it, and keeps asking.
      await nav.getByRole('link', { name: 'staging' }).click();
      await expect(banner).toBeVisible({ timeout: 15_000 });
      await expectAccessible(page, 'the page while Rewind cannot be reached');

      // Back on production the page shows what it had, and its controls stay usable: the notice sits
      // below the header and beside the navigation, not over them.
      await nav.getByRole('link', { name: 'production' }).click();
      await expect(snapshotRow(page, before)).toBeVisible();
      await expect(banner).toBeVisible();
      const header = (await page.getByRole('banner').boundingBox())!;
      const notice = (await banner.boundingBox())!;
      const sidebar = (await nav.boundingBox())!;
      expect(notice.y).toBeGreaterThanOrEqual(header.y + header.height);
      expect(notice.x).toBeGreaterThanOrEqual(sidebar.x + sidebar.width);
      await page.getByRole('main').getByRole('button', { name: 'Take snapshot' }).click({ trial: true });
      await page.getByRole('button', { name: 'Sign out' }).click({ trial: true });
    });

    // Back: the notice goes by itself, and the history shows the snapshot the page had not seen.
    await expect(banner).toBeHidden({ timeout: 20_000 });
    await expect(snapshotRow(page, meanwhile)).toContainText('Ready');
    await expect(snapshotRow(page, before)).toContainText('Ready');
  });
}
