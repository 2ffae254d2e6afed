// Journey: delete a restore point from the history. Snapshots share the contents they have in common, so the
// dialog says how much storage deleting it frees and how much is shared (production asks for its name
// first); the store then frees exactly that much, and what the other snapshot shares stays.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
// The CLI says sizes exactly as the dashboard does ("1.2 MB").
import { formatBytes } from '../cli/output/format.ts';
import { manifestBlobs } from '../server/engine/types.ts';
import { environmentPath, snapshotRow, toast } from './fixtures/dashboard.ts';
import { expectStored, readStoredManifest, storeBlobBytes } from './fixtures/disk.ts';
import { expect, test } from './fixtures/test.ts';

test('deleting a snapshot frees what no other snapshot shares, and says how much', async ({
  page,
  api,
  server,
  site,
}) => {
  const kept = await api.takeSnapshot('production', 'before the 2.4 upgrade');
  await writeFile(path.join(site.envs.production.uploads, 'catalogue.bin'), randomBytes(300_000));
  const deleted = await api.takeSnapshot('production', 'after the 2.4 upgrade');
  const storage = await api.storage(deleted.id);
  // The new upload is stored for the second snapshot alone; everything else the two share.
  expect(storage.freed_bytes).toBeGreaterThan(300_000);
  expect(storage.shared_bytes).toBeGreaterThan(0);
  const usage = (await api.environment('production')).store_usage_bytes;
  expect(usage).toBe(storage.store_usage_bytes + (await api.storage(kept.id)).freed_bytes);

  await page.goto(environmentPath('production'));
  await expect(page.getByText(`Snapshots use ${formatBytes(usage)} in the store`)).toBeVisible();
  await snapshotRow(page, deleted)
    .getByRole('button', { name: /^Delete snapshot from / })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Delete this snapshot?' });
  await expect(dialog).toContainText(
    `Frees about ${formatBytes(storage.freed_bytes)} of storage (${formatBytes(storage.shared_bytes)} of its ${formatBytes(storage.store_usage_bytes)} are shared with other snapshots).`,
  );
  const confirm = dialog.getByRole('button', { name: 'Delete snapshot' });
  const typed = dialog.getByRole('textbox', { name: /Type production to confirm/ });
  await expect(confirm).toBeDisabled();
  await typed.fill('staging');
  await expect(confirm).toBeDisabled();
  await typed.press('Enter');
  await expect(dialog).toBeVisible();
  expect((await api.history('production')).map((snapshot) => snapshot.id)).toEqual([deleted.id, kept.id]);

  await typed.fill('production');
  const before = await storeBlobBytes(server.dataDir);
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(toast(page, 'Snapshot deleted')).toContainText(
    `${formatBytes(storage.freed_bytes)} of storage freed; ${formatBytes(storage.shared_bytes)} stays, shared with other snapshots.`,
  );
  await expect(snapshotRow(page, deleted)).toHaveCount(0);
  expect((await api.history('production')).map((snapshot) => snapshot.id)).toEqual([kept.id]);

  // The store frees it at once (no snapshot is being taken): exactly what the dialog said, no more.
  await expect.poll(async () => before - (await storeBlobBytes(server.dataDir))).toBe(storage.freed_bytes);
  for (const sha of manifestBlobs(await readStoredManifest(server.dataDir, kept.id))) {
    expectStored(server.dataDir, sha);
  }
  await expect(
    page.getByText(`Snapshots use ${formatBytes(usage - storage.freed_bytes)} in the store`),
  ).toBeVisible();
});
