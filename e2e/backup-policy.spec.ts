// Journey, scheduled backups: on staging's page, turn on a daily backup at a chosen time in a time zone found
// by searching, see its next runs before saving, save it, and read the policy in plain words with its next run —
// and find the same policy, and next run, through the API.
import { environmentPath } from './fixtures/dashboard.ts';
import { expect, test } from './fixtures/test.ts';

test('a daily backup policy set on staging from the dashboard shows its next run and is kept by the server', async ({
  page,
  api,
  server,
}) => {
  await page.goto(environmentPath('staging'));
  const panel = page.getByRole('region', { name: 'Scheduled backups' });
  await expect(panel).toContainText('No scheduled backups');

  await panel.getByRole('button', { name: 'Edit policy' }).click();
  const dialog = page.getByRole('dialog', { name: 'Backup policy of staging' });
  await dialog.getByRole('checkbox', { name: 'Take snapshots on this schedule' }).check();
  await expect(dialog.getByRole('combobox', { name: 'Repeat' })).toHaveValue('daily');
  await dialog.getByLabel('At', { exact: true }).fill('03:30');
  // The zone: searched by typing, chosen from the keyboard or with the pointer.
  const zone = dialog.getByRole('combobox', { name: 'Time zone' });
  await zone.fill('kyiv');
  await zone.press('ArrowDown');
  await zone.press('Enter');
  await expect(zone).toHaveValue('Europe/Kyiv');
  // The whole list (400-odd zones, only those in view in the page): End reaches the last one.
  await zone.fill('');
  await zone.press('End');
  const last = page.locator(`[id="${await zone.getAttribute('aria-activedescendant')}"]`);
  await expect(last).toBeInViewport();
  expect(Number(await last.getAttribute('aria-setsize'))).toBeGreaterThan(400);
  expect(await last.getAttribute('aria-posinset')).toBe(await last.getAttribute('aria-setsize'));
  await zone.fill('paris');
  await dialog.getByRole('option', { name: /^Europe\/Paris/ }).click();
  await expect(zone).toHaveValue('Europe/Paris');
  // What the server will do, before it is saved: the next runs at 03:30 in Paris.
  await expect(
    dialog.getByRole('region', { name: 'Next runs (Europe/Paris)' }).getByRole('listitem'),
  ).toHaveCount(5);
  await expect(
    dialog.getByRole('region', { name: 'Next runs (Europe/Paris)' }).getByRole('listitem').first(),
  ).toContainText('03:30');
  await dialog.getByRole('button', { name: 'Save policy' }).click();
  await expect(dialog).toBeHidden();

  await expect(panel).toContainText(
    /Every day at 03:30 Europe\/Paris, kept 14 days — next run in \d+ (h|min)/,
  );

  const response = await fetch(`${server.url}/v1/sites/acme-store/environments/staging/backup-policy`, {
    headers: { authorization: `Bearer ${server.token}` },
  });
  const policy = (await response.json()) as {
    schedule: { cron: string; timezone: string; enabled: boolean };
    next_run_at: string | null;
  };
  expect(policy.schedule).toEqual({ cron: '30 3 * * *', timezone: 'Europe/Paris', enabled: true });
  const nextRun = new Date(policy.next_run_at!);
  const paris = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    hour: '2-digit',
    minute: '2-digit',
  });
  expect(paris.format(nextRun)).toBe('03:30');
  expect(nextRun.getTime() - Date.now()).toBeGreaterThan(0);
  expect(nextRun.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000);
  expect((await api.environment('staging')).next_backup_at).toBe(policy.next_run_at);
});
