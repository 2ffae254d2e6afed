import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSiteSlug, seedDemoSite } from './demo-site.ts';
import { pngSignature } from './png.ts';
import type { SiteConfig } from './site-config.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'rewind-demo-'));
const root = path.join(dataDir, 'demo', 'acme-store');
const envNames = ['production', 'staging', 'preview-checkout'];
let sites: SiteConfig[];
let seedMs: number;

/** Every file and folder under `folder`, relative, with what a change would alter. */
function listTree(folder: string): Map<string, { size: number; mtimeMs: number; sha?: string }> {
  const tree = new Map<string, { size: number; mtimeMs: number; sha?: string }>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const stat = statSync(full);
    const sha = entry.isFile() ? createHash('sha256').update(readFileSync(full)).digest('hex') : undefined;
    tree.set(path.relative(folder, full), { size: stat.size, mtimeMs: stat.mtimeMs, sha });
  }
  return tree;
}

const filesOf = (tree: ReturnType<typeof listTree>) => [...tree].filter(([, v]) => v.sha !== undefined);
const bytesOf = (tree: ReturnType<typeof listTree>) => filesOf(tree).reduce((sum, [, v]) => sum + v.size, 0);

beforeAll(async () => {
  const started = performance.now();
  sites = await seedDemoSite(dataDir);
  seedMs = performance.now() - started;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('seedDemoSite', () => {
  it('returns the acme-store site with three environments of a sqlite db and an uploads folder', () => {
    expect(demoSiteSlug).toBe('acme-store');
    expect(sites).toHaveLength(1);
    expect(sites[0]!.slug).toBe('acme-store');
    expect(sites[0]!.name).toBe('Acme Store');
    expect(sites[0]!.environments.map((e) => [e.name, e.type])).toEqual([
      ['production', 'production'],
      ['staging', 'staging'],
      ['preview-checkout', 'preview'],
    ]);
    for (const environment of sites[0]!.environments) {
      expect(environment.services).toEqual([
        { name: 'db', type: 'sqlite', selector: 'db', path: path.join(root, environment.name, 'shop.db') },
        {
          name: 'uploads',
          type: 'files',
          selector: 'files',
          path: path.join(root, environment.name, 'uploads'),
        },
      ]);
    }
  });

  it('is fast', () => {
    console.log(`demo seeding took ${Math.round(seedMs)} ms`);
    // The target is well under 5 s; the margin is for a loaded CI machine running tests in parallel.
    expect(seedMs).toBeLessThan(10_000);
  });

  it.each(envNames)('gives %s a WAL-mode shop database with hundreds of consistent rows', (name) => {
    const db = new DatabaseSync(path.join(root, name, 'shop.db'), { readOnly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
      expect(tables.map((t) => t.name)).toEqual(['customers', 'order_items', 'orders', 'products']);
      for (const table of ['products', 'customers', 'orders', 'order_items']) {
        const { n } = db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
        expect(n, table).toBeGreaterThanOrEqual(100);
      }
      expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
      expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
      expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
      const columns = db
        .prepare("SELECT name FROM pragma_table_info('products')")
        .all()
        .map((c) => c.name);
      expect(columns).toEqual(expect.arrayContaining(['sku', 'name', 'description', 'price_cents', 'stock']));
      const mismatched = db
        .prepare(
          `SELECT count(*) AS n FROM orders o
           WHERE total_cents != (SELECT sum(quantity * unit_price_cents) FROM order_items WHERE order_id = o.id)`,
        )
        .get() as { n: number };
      expect(mismatched.n).toBe(0);
    } finally {
      db.close();
    }
  });

  it('fills the uploads with valid PNGs, PDFs and text, tens of MB in all', () => {
    const sizes: Record<string, number> = {};
    let pngs = 0;
    for (const name of envNames) {
      const tree = listTree(path.join(root, name, 'uploads'));
      sizes[name] = bytesOf(tree);
      for (const [file] of filesOf(tree)) {
        const content = readFileSync(path.join(root, name, 'uploads', file));
        if (file.endsWith('.png')) {
          pngs++;
          expect(content.subarray(0, 8)).toEqual(pngSignature);
          expect(content.readUInt32BE(8)).toBe(13);
          expect(content.toString('latin1', 12, 16)).toBe('IHDR');
          expect(content.readUInt32BE(29)).toBe(zlib.crc32(content.subarray(12, 29)));
          expect(content.readUInt32BE(16)).toBeGreaterThan(0);
          expect(content.readUInt32BE(20)).toBeGreaterThan(0);
          expect(content.length).toBeGreaterThan(100_000);
        } else if (file.endsWith('.pdf')) {
          expect(content.toString('latin1', 0, 5)).toBe('%PDF-');
          expect(content.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
        } else expect(file).toMatch(/\.(md|csv)$/);
      }
    }
    const production = path.join(root, 'production', 'uploads');
    expect(existsSync(path.join(production, 'products', 'ACME-1001', 'main.png'))).toBe(true);
    expect(existsSync(path.join(production, 'products', 'ACME-1001', 'gallery', '1.png'))).toBe(true);
    expect(readdirSync(path.join(production, 'documents', 'invoices', '2026')).length).toBeGreaterThan(5);
    expect(existsSync(path.join(production, 'documents', 'terms.md'))).toBe(true);
    expect(readdirSync(path.join(production, 'banners')).length).toBeGreaterThan(0);
    console.log('demo uploads bytes', sizes, 'pngs', pngs);
    expect(sizes.production).toBeGreaterThan(8e6);
    expect(sizes.production).toBeLessThan(18e6);
    expect(sizes.staging).toBeGreaterThan(8e6);
    expect(sizes['preview-checkout']).toBeLessThan(sizes.production!);
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(20e6);
    expect(total).toBeLessThan(50e6);
  });

  it('makes staging mostly the same as production, with a few differences', () => {
    const production = new Map(filesOf(listTree(path.join(root, 'production', 'uploads'))));
    const staging = new Map(filesOf(listTree(path.join(root, 'staging', 'uploads'))));
    const same = [...staging].filter(([file, v]) => production.get(file)?.sha === v.sha).length;
    const changed = [...staging].filter(
      ([file, v]) => production.has(file) && production.get(file)!.sha !== v.sha,
    );
    const added = [...staging.keys()].filter((file) => !production.has(file));
    expect(same / staging.size).toBeGreaterThan(0.8);
    expect(changed.length).toBeGreaterThan(0);
    expect(added.length).toBeGreaterThan(0);

    const open = (name: string) => new DatabaseSync(path.join(root, name, 'shop.db'), { readOnly: true });
    const [prod, stage] = [open('production'), open('staging')];
    const prices = (db: DatabaseSync) =>
      db.prepare('SELECT sku, price_cents FROM products ORDER BY id').all();
    const prodPrices = prices(prod);
    const stagePrices = prices(stage);
    expect(stagePrices.length).toBeGreaterThan(prodPrices.length);
    const differing = prodPrices.filter((row, i) => row.price_cents !== stagePrices[i]!.price_cents);
    expect(differing.length).toBeGreaterThan(0);
    expect(differing.length).toBeLessThan(10);
    prod.close();
    stage.close();
  });

  it('changes nothing when called again', async () => {
    const before = listTree(root);
    const again = await seedDemoSite(dataDir);
    expect(again).toEqual(sites);
    expect(listTree(root)).toEqual(before);
  });

  it('keeps what the user changed', async () => {
    const terms = path.join(root, 'production', 'uploads', 'documents', 'terms.md');
    writeFileSync(terms, '# Our own terms\n');
    await seedDemoSite(dataDir);
    expect(readFileSync(terms, 'utf8')).toBe('# Our own terms\n');
  });

  it('completes an environment left half-created by an interrupted start', async () => {
    const staging = path.join(root, 'staging');
    const preview = path.join(root, 'preview-checkout');
    const stagingUploads = listTree(path.join(staging, 'uploads'));
    const previewDb = readFileSync(path.join(preview, 'shop.db'));
    const production = listTree(path.join(root, 'production'));
    const stagingDb = statSync(path.join(staging, 'shop.db')).mtimeMs;

    // As a kill mid-seed leaves it: a partial temporary folder, the finished parts not yet renamed in.
    rmSync(path.join(staging, 'uploads'), { recursive: true });
    mkdirSync(path.join(staging, '.seeding-x1y2z3', 'uploads', 'products'), { recursive: true });
    writeFileSync(path.join(staging, '.seeding-x1y2z3', 'uploads', 'products', 'half.png'), pngSignature);
    rmSync(path.join(preview, 'shop.db'));
    writeFileSync(path.join(preview, 'shop.db-wal'), 'stale');

    await seedDemoSite(dataDir);

    // (shop.db-wal and -shm may be there: read-only connections of the tests above leave them.)
    const left = readdirSync(staging).filter((entry) => !entry.startsWith('shop.db-'));
    expect(left.sort()).toEqual(['shop.db', 'uploads']);
    const redone = listTree(path.join(staging, 'uploads'));
    expect([...redone.keys()].sort()).toEqual([...stagingUploads.keys()].sort());
    for (const [file, value] of redone) expect(value.sha, file).toBe(stagingUploads.get(file)!.sha);
    expect(statSync(path.join(staging, 'shop.db')).mtimeMs).toBe(stagingDb);
    // The database is rebuilt to the same content, and the stale WAL was not replayed into it.
    expect(existsSync(path.join(preview, 'shop.db-wal'))).toBe(false);
    expect(readFileSync(path.join(preview, 'shop.db')).equals(previewDb)).toBe(true);
    expect(listTree(path.join(root, 'production'))).toEqual(production);
  });
});
