import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteCatalog } from '../catalog/sqlite/index.ts';
import { connectionKey, environmentSpec } from '../core/services.ts';
import { loadSites } from './load-sites.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rewind-sites-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('loading sites', () => {
  it('keeps database passwords out of the catalog and hands them to the engine from memory', async () => {
    const url = 'postgres://shop:s3cret-pass@127.0.0.1:5432/shop';
    const configFile = path.join(dir, 'rewind.json');
    await writeFile(
      configFile,
      JSON.stringify({
        sites: [
          {
            slug: 'acme-store',
            name: 'Acme',
            environments: [{ name: 'production', services: [{ name: 'pg', type: 'postgres', url }] }],
          },
        ],
      }),
    );
    const loaded = await loadSites(configFile, dir);
    expect(loaded.sites[0]!.environments[0]!.services[0]!.url).toBe(
      'postgres://shop:***@127.0.0.1:5432/shop',
    );
    expect(loaded.connections.get(connectionKey('acme-store', 'production', 'pg'))).toBe(url);

    const catalogFile = path.join(dir, 'catalog.db');
    const catalog = createSqliteCatalog(catalogFile);
    await catalog.syncSites(loaded.sites);
    const site = await catalog.findSite('acme-store');
    const env = (await catalog.findEnvironment(site!.id, 'production'))!;
    expect(environmentSpec('acme-store', env, loaded.connections).services[0]!.url).toBe(url);
    await catalog.close();
    for (const file of [catalogFile, `${catalogFile}-wal`]) {
      const bytes = await readFile(file).catch(() => Buffer.alloc(0));
      expect(bytes.includes('s3cret-pass')).toBe(false);
    }
  });
});
