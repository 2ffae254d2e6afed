// Journey 1, take a snapshot: on the environment page, click Take snapshot, label it, confirm, watch the
// job's progress, see the new snapshot ready in the history — and find it, with every byte, through the API
// and in the snapshot store.
import type { Job } from '../contract/schemas.ts';
import { environmentPath, history, snapshotRow, toast } from './fixtures/dashboard.ts';
import { contentTree, manifestTree, readStoredManifest, treeDigest } from './fixtures/disk.ts';
import { expect, test } from './fixtures/test.ts';

test('a snapshot taken from the environment page is ready in the history and in the store', async ({
  page,
  api,
  server,
  site,
}) => {
  await page.goto(environmentPath('production'));
  await expect(page.getByRole('heading', { level: 1, name: 'production' })).toBeVisible();
  await expect(page.getByText('No snapshots yet — take the first one')).toBeVisible();

  // A snapshot of this small environment can finish before the dashboard first asks how it is going. Its
  // progress is held on the wire (not changed) until the test has seen it.
  let releaseProgress!: () => void;
  const progressSeen = new Promise<void>((resolve) => (releaseProgress = resolve));
  await page.route('**/v1/jobs/*', async (route) => {
    await progressSeen;
    await route.continue();
  });

  // The header's button (the empty history offers one too).
  await page.getByRole('main').getByRole('button', { name: 'Take snapshot' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Take a snapshot of production' });
  await dialog.getByLabel('Label (optional)').fill('before the 2.4 upgrade');
  const accepted = page.waitForResponse(
    (response) => response.url().endsWith('/v1/sites/acme-store/backups') && response.status() === 202,
  );
  await dialog.getByRole('button', { name: 'Take snapshot' }).click();
  const job = (await (await accepted).json()) as Job;
  await expect(dialog).toBeHidden();
  await expect(toast(page, 'Snapshot started')).toBeVisible();

  const progress = page.getByRole('region', { name: 'Taking a snapshot' });
  await expect(progress.getByRole('progressbar', { name: 'Taking a snapshot' })).toBeVisible();
  await expect(progress).toContainText('Phase:');
  await expect(page.getByRole('banner').getByRole('button', { name: '1 job running' })).toBeVisible();
  releaseProgress();

  const row = snapshotRow(page, await api.snapshot(job.snapshot_id));
  await expect(row).toContainText('Ready');
  await expect(row).toContainText('before the 2.4 upgrade');
  await expect(row).toContainText('Manual');
  await expect(row).toContainText(/Restorable for \d+ more days/);
  await expect(row.getByRole('link', { name: /^Restore snapshot from / })).toBeVisible();
  await expect(progress).toBeHidden();
  await expect(toast(page, 'Snapshot ready')).toBeVisible();
  await expect(history(page).getByRole('listitem')).toHaveCount(1);

  // Persisted: the job, the snapshot in the history…
  expect(await api.job(job.id)).toMatchObject({ status: 'succeeded', type: 'backup', error: null });
  const [listed, ...others] = await api.history('production');
  expect(others).toEqual([]);
  expect(listed).toMatchObject({
    id: job.snapshot_id,
    environment: 'production',
    kind: 'manual',
    status: 'ready',
    label: 'before the 2.4 upgrade',
    created_by: 'admin',
    pinned: false,
    parts: { db: { services: ['db'] }, files: { services: ['uploads'], file_count: 4 } },
  });
  expect(listed!.size_bytes).toBeGreaterThan(0);
  // …and the store's manifest holds every file of the environment, byte for byte.
  const manifest = await readStoredManifest(server.dataDir, job.snapshot_id);
  expect(manifest).toMatchObject({
    snapshot_id: job.snapshot_id,
    site: 'acme-store',
    environment: 'production',
  });
  expect(manifestTree(manifest, 'uploads')).toEqual(
    contentTree(await treeDigest(site.envs.production.uploads)),
  );
});
