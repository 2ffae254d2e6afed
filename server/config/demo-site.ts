// The embedded default (DESIGN.md): with no config file, the server protects a demo site whose three
// environments hold a real SQLite shop and a real uploads folder under `<dataDir>/demo/acme-store/`.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeShopDatabase } from './demo-db.ts';
import { demoShop } from './demo-shop.ts';
import { ImageCache, planUploads, writeUploads } from './demo-uploads.ts';
import type { EnvironmentConfig, SiteConfig } from './site-config.ts';

export const demoSiteSlug = 'acme-store';

const environments: readonly Pick<EnvironmentConfig, 'name' | 'type'>[] = [
  { name: 'production', type: 'production' },
  { name: 'staging', type: 'staging' },
  { name: 'preview-checkout', type: 'preview' },
];

const tempPrefix = '.seeding-';

/** The demo site's config, without creating anything. */
export function demoSiteConfig(dataDir: string): SiteConfig[] {
  const root = path.resolve(dataDir, 'demo', demoSiteSlug);
  return [
    {
      slug: demoSiteSlug,
      name: 'Acme Store',
      environments: environments.map(({ name, type }) => ({
        name,
        type,
        services: [
          { name: 'db', type: 'sqlite', selector: 'db', path: path.join(root, name, 'shop.db') },
          { name: 'uploads', type: 'files', selector: 'files', path: path.join(root, name, 'uploads') },
        ],
      })),
    },
  ];
}

/**
 * Creates whatever part of one environment is missing. Each part is built in a temporary folder beside
 * it and renamed into place when complete, so a part that exists is whole: a start interrupted halfway
 * leaves only a temporary folder, which the next start removes before building the part again. What
 * exists is never touched, since it may hold the user's own changes (or a restore they just made).
 * Nothing is fsynced: this guards against the process being stopped, which is what interrupts a first
 * start; after a power cut a demo file could come back empty, and deleting the demo folder redoes it.
 * Two servers seeding the same data folder at once are not supported (each clears the other's temps).
 */
async function seedEnvironment(folder: string, environment: string, images: ImageCache): Promise<void> {
  const database = path.join(folder, 'shop.db');
  const uploads = path.join(folder, 'uploads');
  await mkdir(folder, { recursive: true });
  for (const entry of await readdir(folder)) {
    if (entry.startsWith(tempPrefix)) await rm(path.join(folder, entry), { recursive: true, force: true });
  }
  const needDatabase = !existsSync(database);
  const needUploads = !existsSync(uploads);
  if (!needDatabase && !needUploads) return;

  const shop = demoShop(environment);
  const temp = await mkdtemp(path.join(folder, tempPrefix));
  try {
    if (needDatabase) {
      writeShopDatabase(path.join(temp, 'shop.db'), shop);
      // A WAL file left from a deleted database would be replayed into the new one: remove it first.
      await rm(`${database}-wal`, { force: true });
      await rm(`${database}-shm`, { force: true });
      await rename(path.join(temp, 'shop.db'), database);
    }
    if (needUploads) {
      await writeUploads(path.join(temp, 'uploads'), planUploads(environment, shop, images));
      await rename(path.join(temp, 'uploads'), uploads);
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/**
 * Makes sure the demo site's data exists under `dataDir` (creating only what is missing) and returns
 * its config. Deterministic: a fresh data folder always gets the same rows and the same files.
 */
export async function seedDemoSite(dataDir: string): Promise<SiteConfig[]> {
  const root = path.resolve(dataDir, 'demo', demoSiteSlug);
  const images = new ImageCache();
  for (const { name } of environments) await seedEnvironment(path.join(root, name), name, images);
  return demoSiteConfig(dataDir);
}
