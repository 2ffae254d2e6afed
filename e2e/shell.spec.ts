// Journey: a user opens the dashboard of a freshly started server, signs in with its token, finds the
// overview, and is told plainly when a page does not exist.
import { expect, test } from './fixtures/test.ts';

test.describe('signed out', () => {
  test.use({ signedIn: false });

  test('the dashboard asks for the token, signs in with it and comes back to the page asked for', async ({
    page,
    server,
    request,
  }) => {
    const health = await request.get('/v1/health');
    expect(health.ok()).toBe(true);
    expect(await health.json()).toMatchObject({ status: 'ok' });

    await page.goto('/sites/acme-store/environments/staging');
    await expect(page).toHaveURL('/login?next=%2Fsites%2Facme-store%2Fenvironments%2Fstaging');
    await page.getByLabel('Access token').fill('rwd_not_the_token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('Wrong token');
    await expect(page.getByRole('alert')).toContainText('npm run token');
    await expect(page).toHaveURL(/\/login/);
    // The refused token is kept, focused and selected, so it can be corrected.
    await expect(page.getByLabel('Access token')).toHaveValue('rwd_not_the_token');
    await expect(page.getByLabel('Access token')).toBeFocused();

    await page.getByLabel('Access token').fill(server.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'staging' })).toBeVisible();
    await expect(page).toHaveURL('/sites/acme-store/environments/staging');
  });
});

test('the signed-in dashboard shows the overview, and unknown pages say so', async ({ page }) => {
  await expect(page.getByRole('link', { name: 'Rewind' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  const site = page.getByRole('main').getByRole('region', { name: 'Acme Store' });
  await expect(site.getByRole('link', { name: 'production' })).toBeVisible();
  await expect(site.getByRole('link', { name: 'staging' })).toBeVisible();

  await page.goto('/sites/nowhere/environments/none/unknown');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.goto('/sites/acme-store/environments/nowhere');
  await expect(page.getByText('Environment not found')).toBeVisible();
  await page.getByRole('link', { name: 'Back to the overview' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
});
