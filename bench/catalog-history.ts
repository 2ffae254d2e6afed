// What the catalog's share of a snapshot costs as the history grows: completing a snapshot (its contents
// recorded and counted in its environment), deleting one, and the questions asked of what snapshots occupy.
// The real SQLite catalog (createSqliteCatalog, on disk, as the server opens it) seeded with N ready snapshots
// of production that refer to F contents each, almost all shared with the snapshot before (as hourly backups
// of a slowly changing environment do), and one of staging sharing half of production's first contents.
// Contents are named by real SHA-256s, so new ones land all over the catalog's indexes as they do in use.
//   node bench/catalog-history.ts [--snapshots 30] [--files 30000] [--changed 300]
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Catalog, EnvironmentRow } from '../server/catalog/catalog.ts';
import { createSqliteCatalog } from '../server/catalog/sqlite/index.ts';
import { pendingSnapshot } from '../server/testing/catalog-rows.ts';

const { values } = parseArgs({
  options: {
    snapshots: { type: 'string', default: '30' },
    files: { type: 'string', default: '30000' },
    changed: { type: 'string', default: '300' },
  },
});
const snapshots = Number(values.snapshots);
const files = Number(values.files);
const changed = Number(values.changed);

const sha = (n: number) => createHash('sha256').update(`content ${n}`).digest('hex');
const contentsOf = (first: number, count: number) => Array.from({ length: count }, (_, f) => sha(first + f));

async function seconds<T>(fn: () => Promise<T>): Promise<{ s: number; result: T }> {
  const started = performance.now();
  const result = await fn();
  return { s: (performance.now() - started) / 1000, result };
}

/** The median of three runs of a read that changes nothing. */
async function median(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) times.push((await seconds(fn)).s);
  return times.sort((a, b) => a - b)[1]!;
}

const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;

const dir = await mkdtemp(path.join(tmpdir(), 'rewind-catalog-bench-'));
const catalog: Catalog = createSqliteCatalog(path.join(dir, 'catalog.db'));
try {
  await catalog.syncSites([
    {
      slug: 'acme-store',
      name: 'Acme Store',
      environments: [
        { name: 'production', type: 'production', services: [] },
        { name: 'staging', type: 'staging', services: [] },
      ],
    },
  ]);
  const [site] = await catalog.listSites();
  const production = (await catalog.findEnvironment(site!.id, 'production'))!;
  const staging = (await catalog.findEnvironment(site!.id, 'staging'))!;
  const base = Date.now() - (snapshots + 1) * 3_600_000;
  let taken = 0;
  const take = async (env: EnvironmentRow, contents: string[]) => {
    const row = pendingSnapshot(env, new Date(base + taken++ * 3_600_000), 'scheduled');
    await catalog.insertSnapshot(row);
    const { s } = await seconds(() =>
      catalog.completeSnapshot(row.id, { status: 'ready', completed_at: row.created_at }, contents),
    );
    await catalog.recordBlobSizes(
      (await catalog.blobsOfUnknownSize({ snapshotId: row.id })).map((sha256) => ({
        sha256,
        stored_bytes: 1_000 + (parseInt(sha256.slice(0, 4), 16) % 10_000),
      })),
    );
    return { id: row.id, s };
  };

  const ids: string[] = [];
  const completed: number[] = [];
  for (let k = 0; k < snapshots; k++) {
    // Snapshot k holds contents k·changed … k·changed + files: `changed` new ones, the rest the previous one's.
    const { id, s } = await take(production, contentsOf(k * changed, files));
    ids.push(id);
    completed.push(s);
    if (k === 0) await take(staging, contentsOf(0, files / 2));
  }
  const at = (n: number) => (n <= snapshots ? `#${n} ${ms(completed[n - 1]!)}` : null);
  const last5 = completed.slice(-5).sort((a, b) => a - b)[2] ?? completed.at(-1)!;
  console.log(
    `${snapshots} snapshots of production × ${files.toLocaleString('en')} contents (${changed} new each), ` +
      `one of staging sharing ${(files / 2).toLocaleString('en')} of them`,
  );
  console.log(
    `completeSnapshot: ${[1, 10, 30].map(at).filter(Boolean).join(', ')}; median of the last 5 ${ms(last5)}, ` +
      `slowest ${ms(Math.max(...completed))}`,
  );

  const [oldest, middle, newest] = [ids[0]!, ids[Math.floor(snapshots / 2)]!, ids.at(-1)!];
  const reads = {
    'snapshotFootprint (newest)': () => catalog.snapshotFootprint(newest),
    'snapshotFootprint (oldest, shares with staging)': () => catalog.snapshotFootprint(oldest),
    'environmentStoreUsage (production)': () => catalog.environmentStoreUsage(production.id),
    'blobsOfUnknownSize (production)': () => catalog.blobsOfUnknownSize({ environmentId: production.id }),
    'blobsOfUnknownSize (newest)': () => catalog.blobsOfUnknownSize({ snapshotId: newest }),
    'referencedBlobs (the sweep’s mark)': () => catalog.referencedBlobs(),
    forgetUnreferencedBlobSizes: () => catalog.forgetUnreferencedBlobSizes(),
  };
  for (const [name, read] of Object.entries(reads)) console.log(`${name}: ${ms(await median(read))}`);

  const pruned = await seconds(() => catalog.deleteSnapshot(oldest));
  const deleted = await seconds(() => catalog.deleteSnapshot(middle));
  console.log(
    `deleteSnapshot: the oldest (as a prune does) ${ms(pruned.s)}, one in the middle ${ms(deleted.s)}`,
  );
  const after = await take(production, contentsOf(snapshots * changed, files));
  console.log(`completeSnapshot after the deletes: ${ms(after.s)}`);
} finally {
  await catalog.close();
  await rm(dir, { recursive: true, force: true });
}
