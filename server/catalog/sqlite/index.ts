import type { Catalog } from '../catalog.ts';
import { authCatalog, idempotencyCatalog } from './auth.ts';
import { openCatalogDatabase } from './database.ts';
import { jobsCatalog } from './jobs.ts';
import { policiesCatalog } from './policies.ts';
import { sitesCatalog } from './sites.ts';
import { snapshotsCatalog } from './snapshots.ts';
import { storageCatalog } from './storage.ts';

/** The embedded catalog: one SQLite file (node:sqlite) under the data directory. */
export function createSqliteCatalog(file: string, now: () => Date = () => new Date()): Catalog {
  const db = openCatalogDatabase(file);
  return {
    ...sitesCatalog(db, now),
    ...snapshotsCatalog(db),
    ...storageCatalog(db),
    ...jobsCatalog(db),
    ...policiesCatalog(db),
    ...authCatalog(db),
    ...idempotencyCatalog(db),
    async close() {
      db.close();
    },
  };
}
