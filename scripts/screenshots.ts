// `npm run screenshots`: the README's pictures of the environment page, light and dark, from a real server.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startRewindServer } from '../server/testing/server-process.ts';
import { chromiumLaunchOptions } from './chromium.ts';
import { ensureDashboardBuilt, projectRoot } from './dashboard-build.ts';

const out = path.join(projectRoot, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
ensureDashboardBuilt();

const server = await startRewindServer();
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const api = (method: string, url: string, body?: object) =>
    fetch(`${server.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    }).then((r) => r.json() as Promise<{ id: string; status: string }>);
  for (const label of ['Nightly', 'Before upgrading checkout', null]) {
    const job = await api('POST', '/v1/sites/acme-store/backups', { environment: 'production', label });
    while (['queued', 'running'].includes((await api('GET', `/v1/jobs/${job.id}`)).status))
      await new Promise((r) => setTimeout(r, 50));
  }
  for (const scheme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 760 }, colorScheme: scheme });
    await page.goto(`${server.url}/login#token=${server.token}`);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${server.url}/sites/acme-store/environments/production`);
    await page.getByRole('heading', { name: 'production' }).waitFor();
    await page.getByText('Before upgrading checkout').waitFor();
    await page.screenshot({ path: path.join(out, `environment-${scheme}.png`) });
    await page.close();
  }
  console.log(`Screenshots written to ${path.relative(projectRoot, out)}/`);
} finally {
  await browser.close();
  await server.stop();
}
