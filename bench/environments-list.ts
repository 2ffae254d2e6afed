// How fast GET /v1/sites/{site}/environments answers when an environment has many snapshots, now that each
// environment says what its snapshots occupy in the store. The real app (buildApp, through app.inject) over a
// catalog seeded (through the catalog's own completeSnapshot) with N ready snapshots of production that refer
// to F contents each, almost all shared with the snapshot before (as hourly backups of a slowly changing
// environment do), with their sizes known.
//   node bench/environments-list.ts [--snapshots 1000] [--files 1000] [--changed 10]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../server/app.ts';
import { openCatalogDatabase } from '../server/catalog/sqlite/database.ts';
import { snapshotsCatalog } from '../server/catalog/sqlite/snapshots.ts';
import { dataPaths } from '../server/core/rewind.ts';
import { pendingSnapshot } from '../server/testing/catalog-rows.ts';
import { writeTestConfig } from '../server/testing/test-app.ts';

const { values } = parseArgs({
  options: {
    snapshots: { type: 'string', default: '1000' },
    files: { type: 'string', default: '1000' },
    changed: { type: 'string', default: '10' },
  },
});
const snapshots = Number(values.snapshots);
const files = Number(values.files);
const changed = Number(values.changed);
const token = 'rwd_bench_environments_list';

const dir = await mkdtemp(path.join(tmpdir(), 'rewind-envs-bench-'));
const start = (dataDir: string, configFile: string) =>
  buildApp({
    dataDir,
    dashboardDir: path.join(dir, 'none'),
    configFile,
    adminToken: token,
    scheduler: false,
  });

try {
  const { configFile } = await writeTestConfig(dir, { otherSite: false });
  const dataDir = path.join(dir, 'data');
  // Once to create the catalog and its sites, then seeded with the server stopped.
  await (await start(dataDir, configFile)).app.close();

  const seedStarted = performance.now();
  const db = openCatalogDatabase(dataPaths(dataDir).catalogFile);
  const env = db.prepare("SELECT e.id, e.site_id FROM environments e WHERE e.name = 'production'").get() as {
    id: string;
    site_id: string;
  };
  const catalog = snapshotsCatalog(db);
  const insertSize = db.prepare('INSERT OR IGNORE INTO blob_sizes (sha256, stored_bytes) VALUES (?, ?)');
  const sha = (n: number) => n.toString(16).padStart(64, '0');
  const base = Date.now() - snapshots * 3_600_000;
  for (let k = 0; k < snapshots; k++) {
    const row = pendingSnapshot(env, new Date(base + k * 3_600_000), 'scheduled');
    await catalog.insertSnapshot(row);
    // Snapshot k holds contents k·changed … k·changed + files: `changed` new ones, the rest the previous one's.
    const contents = Array.from({ length: files }, (_, f) => sha(k * changed + f));
    await catalog.completeSnapshot(row.id, { status: 'ready', completed_at: row.created_at }, contents);
    db.exec('BEGIN');
    for (let f = 0; f < files; f++) insertSize.run(sha(k * changed + f), 10_000 + ((k * changed + f) % 1000));
    db.exec('COMMIT');
  }
  const refs = (db.prepare('SELECT COUNT(*) AS n FROM blob_refs').get() as { n: number }).n;
  db.close();
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const built = await start(dataDir, configFile);
  try {
    const get = async () => {
      const started = performance.now();
      const response = await built.app.inject({
        method: 'GET',
        url: '/v1/sites/acme-store/environments',
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.statusCode !== 200) throw new Error(`GET environments: ${response.statusCode}`);
      const ms = performance.now() - started;
      const usage = response.json<{ data: Array<{ name: string; store_usage_bytes: number }> }>().data;
      return { ms, usage: usage.find((e) => e.name === 'production')!.store_usage_bytes };
    };
    // What the first GET after a start pays for the usage: the pass over production's distinct contents.
    const measure = async () => {
      const started = performance.now();
      await built.services.usage.of(env.id);
      return performance.now() - started;
    };
    const cold = await measure();
    const first = await get();
    const warm: number[] = [];
    for (let i = 0; i < 50; i++) warm.push((await get()).ms);
    warm.sort((a, b) => a - b);
    // A snapshot turning ready or deleted forgets it; the sum is made again (in the background).
    built.services.usage.changed(env.id);
    const again = await measure();

    console.log(
      [
        `${snapshots} snapshots of production × ${files} contents (${changed} new each): ${refs} references, seeded in ${seedSeconds.toFixed(1)} s`,
        `production's snapshots use ${(first.usage / 1e6).toFixed(1)} MB in the store (${snapshots * changed + files - changed} distinct contents)`,
        `its store usage, first time after start: ${cold.toFixed(1)} ms; again after a snapshot changed: ${again.toFixed(1)} ms`,
        `GET …/environments, first call (warms the server up, measures the services' sizes): ${first.ms.toFixed(1)} ms`,
        `GET …/environments, next 50 calls: median ${warm[25]!.toFixed(1)} ms, max ${warm.at(-1)!.toFixed(1)} ms`,
      ].join('\n'),
    );
  } finally {
    await built.app.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
