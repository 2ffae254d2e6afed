// Journey: a user opens the dashboard served by a freshly started Rewind server.
import { expect, test } from './fixtures/test.ts';

test('the dashboard opens from the real server and unknown pages say so', async ({ page, request }) => {
  const health = await request.get('/v1/health');
  expect(health.ok()).toBe(true);
  expect(await health.json()).toMatchObject({ status: 'ok' });

  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Rewind' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();

  await page.goto('/sites/nowhere/environments/none/unknown');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});
