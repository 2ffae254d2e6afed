// Security headers: the dashboard's pages are served with a Content-Security-Policy that allows scripts from
// its own origin only, and using the dashboard — every dialog and menu opened — raises no CSP violation.
import { environmentPath, snapshotRow } from './fixtures/dashboard.ts';
import { expect, test } from './fixtures/test.ts';

function directives(policy: string | null): Map<string, string> {
  const parsed = new Map<string, string>();
  for (const directive of (policy ?? '').split(';')) {
    const [name, ...values] = directive.trim().split(/\s+/);
    if (name) parsed.set(name, values.join(' '));
  }
  return parsed;
}

test('every page of the dashboard is served with a policy that runs scripts from its own origin only', async ({
  request,
}) => {
  for (const path of ['/', '/login', environmentPath('production'), '/no/such/page']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-type'], path).toContain('text/html');
    const policy = directives(response.headers()['content-security-policy'] ?? null);
    expect(policy.get('script-src'), `script-src of ${path}`).toBe("'self'");
    expect(policy.get('default-src'), `default-src of ${path}`).toBe("'self'");
    expect(policy.get('object-src'), `object-src of ${path}`).toBe("'none'");
    expect(policy.get('frame-ancestors'), `frame-ancestors of ${path}`).toBe("'none'");
    expect(response.headers()['x-content-type-options'], path).toBe('nosniff');
  }
  // The scripts the page loads are the dashboard's own files, not inline code.
  const html = await (await request.get('/')).text();
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
});

test('opening every dialog and menu raises no Content-Security-Policy violation', async ({
  page,
  api,
  cspViolations,
}) => {
  const snapshot = await api.takeSnapshot('production', 'before the 2.4 upgrade');
  await page.goto(environmentPath('production'));
  const row = snapshotRow(page, snapshot);
  await expect(row).toContainText('Ready');

  await page.getByRole('main').getByRole('button', { name: 'Take snapshot' }).click();
  const take = page.getByRole('dialog', { name: 'Take a snapshot of production' });
  await take.getByLabel('Label (optional)').fill('checking the policy');
  await take.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(take).toBeHidden();
  await expect(page.getByRole('list', { name: 'Snapshots, newest first' }).getByRole('listitem')).toHaveCount(
    2,
  );

  await row.getByRole('link', { name: /^Restore snapshot from / }).click();
  const restore = page.getByRole('dialog', { name: 'Restore production' });
  await restore.getByRole('textbox', { name: /Type production to confirm/ }).fill('production');
  await restore.getByRole('button', { name: 'Cancel' }).click();
  await expect(restore).toBeHidden();

  await row.getByRole('button', { name: /^Download snapshot from / }).click();
  await expect(page.getByRole('menu')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();

  await row.getByRole('button', { name: /^Edit the label of snapshot from / }).click();
  const label = page.getByRole('dialog', { name: 'Label this snapshot' });
  await label.getByRole('button', { name: 'Cancel' }).click();
  await expect(label).toBeHidden();

  await page.getByRole('button', { name: 'Edit policy' }).click();
  const policy = page.getByRole('dialog', { name: 'Backup policy of production' });
  await expect(policy).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(policy).toBeHidden();

  await row.getByRole('button', { name: /^Delete snapshot from / }).click();
  const remove = page.getByRole('dialog', { name: 'Delete this snapshot?' });
  await remove.getByRole('button', { name: 'Cancel' }).click();
  await expect(remove).toBeHidden();

  await page.getByRole('combobox', { name: 'Theme' }).selectOption('Dark');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

  expect(cspViolations).toEqual([]);

  // The check notices a violation when there is one: an inline script is refused, and reported.
  await page.evaluate(() => {
    const inline = document.createElement('script');
    inline.textContent = 'document.body.dataset.inlineRan = "yes"';
    document.head.append(inline);
  });
  await expect.poll(() => cspViolations.join('\n')).toContain('script-src');
  await expect(page.locator('body')).not.toHaveAttribute('data-inline-ran');
});
