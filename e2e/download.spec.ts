// Journey 3, download: click Download on a restore point, let the browser's own download manager receive the
// archive, open it with tar, and check its manifest, its database and its files against the snapshot; as a
// .tar.gz, and as a .tar.zst chosen in the menu from the keyboard.
import path from 'node:path';
import type { Api } from './fixtures/api.ts';
import { openArchive, type OpenedArchive } from './fixtures/archive.ts';
import { environmentPath, snapshotRow } from './fixtures/dashboard.ts';
import {
  contentTree,
  manifestTree,
  readRows,
  readStoredManifest,
  sha256File,
  treeDigest,
} from './fixtures/disk.ts';
import type { TestServer } from './fixtures/test-server.ts';
import type { TestSite } from './fixtures/test-site.ts';
import { expect, test } from './fixtures/test.ts';

test('the whole archive arrives through the browser and matches the snapshot, byte for byte', async ({
  page,
  api,
  server,
  site,
  workDir,
}) => {
  const { snapshot, filesAtSnapshot, rowsAtSnapshot, stored } = await productionSnapshot(
    api,
    site,
    server,
    'nightly',
  );

  await page.goto(environmentPath('production'));
  await snapshotRow(page, snapshot)
    .getByRole('button', { name: /^Download snapshot from / })
    .click();
  const menu = page.getByRole('menu', { name: /^Download snapshot from / });
  const downloading = page.waitForEvent('download');
  await menu.getByRole('menuitem', { name: /^Whole archive/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`acme-store-production-${snapshot.id}.tar.gz`);
  const file = path.join(workDir, download.suggestedFilename());
  await download.saveAs(file);
  expect(await download.failure()).toBeNull();

  const archive = await openArchive(file, path.join(workDir, 'archive'));
  // The manifest is the snapshot's, as the server stored it.
  expect(archive.manifest).toEqual(stored);
  expect(archive.manifest).toMatchObject({
    snapshot_id: snapshot.id,
    site: 'acme-store',
    environment: 'production',
  });
  expect(archive.entries).toContain('manifest.json');
  expect(archive.entries).toContain('db/db.sqlite');

  const extracted = await expectSnapshotIn(archive, rowsAtSnapshot, filesAtSnapshot);
  expect(Object.keys(extracted)).toContain('documents/invoices/INV-0001 é.pdf');
});

/** A snapshot of production, with what its environment held when it was taken and the manifest as stored. */
async function productionSnapshot(api: Api, site: TestSite, server: TestServer, label: string) {
  const { db, uploads } = site.envs.production;
  const snapshot = await api.takeSnapshot('production', label);
  const filesAtSnapshot = await treeDigest(uploads);
  const rowsAtSnapshot = readRows(db);
  const stored = await readStoredManifest(server.dataDir, snapshot.id);
  return { snapshot, filesAtSnapshot, rowsAtSnapshot, stored };
}

/** The archive holds the snapshot: its database's rows and its files as they were at capture time. */
async function expectSnapshotIn(
  archive: OpenedArchive,
  rowsAtSnapshot: ReturnType<typeof readRows>,
  filesAtSnapshot: Record<string, string>,
): Promise<Record<string, string>> {
  // The database: the dump the manifest names, with the rows the environment had at capture time.
  const dump = archive.manifest.services.find((service) => service.name === 'db')?.dump;
  expect(dump).toMatchObject({ ext: 'sqlite' });
  const dbFile = path.join(archive.dir, 'db', 'db.sqlite');
  expect(await sha256File(dbFile)).toBe(dump!.sha256);
  expect(readRows(dbFile)).toEqual(rowsAtSnapshot);

  // The files: each one's checksum is the manifest's and the environment's at capture time, modes included.
  const extracted = await treeDigest(path.join(archive.dir, 'files', 'uploads'));
  expect(contentTree(extracted)).toEqual(manifestTree(archive.manifest, 'uploads'));
  expect(extracted).toEqual(filesAtSnapshot);
  return extracted;
}

test('the files-only archive holds the files and no database', async ({ page, api, site, workDir }) => {
  const snapshot = await api.takeSnapshot('staging');
  await page.goto(environmentPath('staging'));
  await snapshotRow(page, snapshot)
    .getByRole('button', { name: /^Download snapshot from / })
    .click();
  const downloading = page.waitForEvent('download');
  await page
    .getByRole('menu')
    .getByRole('menuitem', { name: /^Files only/ })
    .click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`acme-store-staging-${snapshot.id}-files.tar.gz`);
  const file = path.join(workDir, download.suggestedFilename());
  await download.saveAs(file);

  const archive = await openArchive(file, path.join(workDir, 'archive'));
  expect(archive.manifest.services.map((service) => service.name)).toEqual(['uploads']);
  expect(archive.entries.filter((entry) => entry.startsWith('db/'))).toEqual([]);
  expect(await treeDigest(path.join(archive.dir, 'files', 'uploads'))).toEqual(
    await treeDigest(site.envs.staging.uploads),
  );
});

test('the .tar.zst archive, chosen from the keyboard, matches the snapshot byte for byte', async ({
  page,
  api,
  server,
  site,
  workDir,
}) => {
  const { snapshot, filesAtSnapshot, rowsAtSnapshot, stored } = await productionSnapshot(
    api,
    site,
    server,
    'before the upgrade',
  );

  await page.goto(environmentPath('production'));
  const trigger = snapshotRow(page, snapshot).getByRole('button', { name: /^Download snapshot from / });
  await trigger.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: /^Download snapshot from / });
  const zst = menu.getByRole('menuitemradio', { name: /^\.tar\.zst/ });
  await page.keyboard.press('ArrowDown');
  await expect(zst).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(zst).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: /^Whole archive as \.tar\.zst/ })).toBeFocused();
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`acme-store-production-${snapshot.id}.tar.zst`);
  const file = path.join(workDir, download.suggestedFilename());
  await download.saveAs(file);
  expect(await download.failure()).toBeNull();

  const archive = await openArchive(file, path.join(workDir, 'archive'));
  expect(archive.manifest).toEqual(stored);
  await expectSnapshotIn(archive, rowsAtSnapshot, filesAtSnapshot);
});
