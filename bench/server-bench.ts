// The real server (startRewindServer: the built dashboard, API and engine in their own process) over the
// corpus: a snapshot through the API and unchanged second snapshots after it (beside the engine's own), the
// rest of 10,000 history rows seeded through the catalog module, whole-archive downloads (MB/s, the server's
// peak memory) and API latency under load.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openCatalogDatabase } from '../server/catalog/sqlite/database.ts';
import { snapshotsCatalog } from '../server/catalog/sqlite/snapshots.ts';
import { dataPaths } from '../server/core/rewind.ts';
import { newId } from '../server/ids.ts';
import { startRewindServer, type RewindServer } from '../server/testing/server-process.ts';
import { loadEndpoint, type LoadResult } from './api-load.ts';
import type { Corpus } from './corpus.ts';
import { flushWrites } from './measure.ts';
import { processStats } from './process-stats.ts';

export const HISTORY_SIZE = 10_000;

export interface ServerSetup {
  dataDir: string;
  configFile: string;
  token: string;
  snapshotId: string;
  jobId: string;
  /** Seconds from POST /backups to the job's success, as the client saw it (one run, for information). */
  apiSnapshotSeconds: number;
  /** Unchanged snapshots taken right after it, one after another, on the same server. */
  apiSecondSnapshots: ApiSnapshotSample[];
  seedSeconds: number;
}

export interface ApiSnapshotSample {
  /** The job's own time: its started_at to its finished_at. */
  jobSeconds: number;
  /** The client's: from POST /backups to seeing the job succeeded. */
  clientSeconds: number;
  /** The server process's CPU time (every thread) over the same span: less shaken by a busy machine. */
  serverCpuSeconds: number;
}

export interface DownloadSample {
  bytes: number;
  wallSeconds: number;
  megabytesPerSecond: number;
  /** Of the data in the archive, uncompressed. */
  dataMegabytesPerSecond: number;
  serverCpuSeconds: number;
  /** The server's resident memory once started and settled, before the download (VmRSS). */
  serverIdleRssBytes: number;
  /** How long after it listened the server took to settle. */
  serverSettleSeconds: number;
  serverPeakRssBytes: number;
}

export interface ApiSample {
  job: LoadResult;
  history: LoadResult;
}

const SITE = 'bench';
const ENV = 'production';
/** How often a job is polled: short beside an unchanged snapshot's fraction of a second. */
const POLL_MS = 25;

function start(setup: Pick<ServerSetup, 'dataDir' | 'configFile' | 'token'>): Promise<RewindServer> {
  return startRewindServer({
    dataDir: setup.dataDir,
    token: setup.token,
    env: { REWIND_CONFIG: setup.configFile, LOG_LEVEL: 'warn' },
  });
}

async function api<T>(server: RewindServer, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${server.token}`,
      ...(body ? { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() } : {}),
    },
    body: body ? JSON.stringify(body) : null,
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface Job {
  id: string;
  status: string;
  snapshot_id: string;
  error: unknown;
  started_at: string | null;
  finished_at: string | null;
}

/** POST /backups, then the job polled until it ends; throws unless it succeeded. */
async function snapshotThroughApi(server: RewindServer): Promise<{ job: Job } & ApiSnapshotSample> {
  const cpuBefore = processStats(server.process.pid!)!.cpuSeconds;
  const started = performance.now();
  let job = await api<Job>(server, 'POST', `/v1/sites/${SITE}/backups`, { environment: ENV, label: 'bench' });
  while (job.status === 'queued' || job.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    job = await api<Job>(server, 'GET', `/v1/jobs/${job.id}`);
  }
  const clientSeconds = (performance.now() - started) / 1000;
  const serverCpuSeconds = processStats(server.process.pid!)!.cpuSeconds - cpuBefore;
  if (job.status !== 'succeeded') throw new Error(`The API snapshot failed: ${JSON.stringify(job.error)}`);
  const jobSeconds = (Date.parse(job.finished_at!) - Date.parse(job.started_at!)) / 1000;
  return { job, jobSeconds, clientSeconds, serverCpuSeconds };
}

/**
 * A data dir whose catalog holds one real snapshot (taken through the API), `secondRuns` unchanged snapshots
 * taken after it on the same server, and seeded rows that make the history 10,000 long.
 */
export async function prepareServer(
  workDir: string,
  corpus: Corpus,
  secondRuns: number,
  log: (line: string) => void,
): Promise<ServerSetup> {
  const dataDir = path.join(workDir, 'server');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const configFile = path.join(dataDir, 'rewind.json');
  const services = [
    { name: 'db', type: 'sqlite', path: corpus.dbFile },
    { name: 'uploads', type: 'files', path: corpus.uploadsDir },
  ];
  const config = {
    sites: [{ slug: SITE, name: 'Bench', environments: [{ name: ENV, type: 'production', services }] }],
  };
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const token = `rwd_bench_${crypto.randomUUID().replaceAll('-', '')}`;

  const server = await start({ dataDir, configFile, token });
  let first: Awaited<ReturnType<typeof snapshotThroughApi>>;
  const apiSecondSnapshots: ApiSnapshotSample[] = [];
  try {
    flushWrites();
    first = await snapshotThroughApi(server);
    // Each one's previous snapshot is the one before it, as the job runner picks it.
    for (let run = 0; run < secondRuns; run++) {
      flushWrites();
      const { job: _job, ...sample } = await snapshotThroughApi(server);
      apiSecondSnapshots.push(sample);
      log(
        `  unchanged as an API job ${run + 1}: job ${sample.jobSeconds.toFixed(2)} s, client ` +
          `${sample.clientSeconds.toFixed(2)} s, server CPU ${sample.serverCpuSeconds.toFixed(2)} s`,
      );
    }
  } finally {
    await server.stop();
  }
  const { job } = first;

  const seedStarted = performance.now();
  const realRows = 1 + apiSecondSnapshots.length;
  await seedHistory(dataPaths(dataDir).catalogFile, job.snapshot_id, HISTORY_SIZE - realRows);
  return {
    dataDir,
    configFile,
    token,
    snapshotId: job.snapshot_id,
    jobId: job.id,
    apiSnapshotSeconds: first.clientSeconds,
    apiSecondSnapshots,
    seedSeconds: (performance.now() - seedStarted) / 1000,
  };
}

/**
 * The rest of the history: `count` copies of the real snapshot's row (own ids, one a minute back in time),
 * inserted through the catalog module the server uses, in one transaction. They have no manifest in the store:
 * the history endpoint reads the catalog only.
 */
async function seedHistory(catalogFile: string, realSnapshotId: string, count: number): Promise<void> {
  const db = openCatalogDatabase(catalogFile);
  try {
    const snapshots = snapshotsCatalog(db);
    const real = await snapshots.getSnapshot(realSnapshotId);
    if (!real) throw new Error(`Snapshot ${realSnapshotId} is not in the catalog.`);
    const { environment_name: _name, ...row } = real;
    const base = Date.parse(real.created_at);
    db.exec('BEGIN IMMEDIATE');
    for (let k = 1; k <= count; k++) {
      const at = base - k * 60_000;
      await snapshots.insertSnapshot({
        ...row,
        id: newId('snap', at),
        kind: k % 24 === 0 ? 'manual' : 'scheduled',
        label: k % 24 === 0 ? `before release ${k / 24}` : null,
        created_at: new Date(at).toISOString(),
        completed_at: new Date(at + 30_000).toISOString(),
        expires_at: new Date(at + 14 * 86_400_000).toISOString(),
      });
    }
    db.exec('COMMIT');
  } finally {
    db.close();
  }
}

const SETTLE_MIN_MS = 3_000;
const SETTLE_MAX_MS = 20_000;
const SETTLE_STEP_MS = 250;
/** Settled: resident memory moved less than this over the last second. */
const SETTLED_BYTES = 512 * 1024;

/**
 * Waits until the idle server's resident memory stops moving (at least 3 s after it listened, at most 20 s) and
 * returns it, read from /proc, and how long that took.
 */
async function settledRss(pid: number): Promise<{ rssBytes: number; seconds: number }> {
  const started = performance.now();
  const readings: number[] = [];
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_STEP_MS));
    const stats = processStats(pid);
    if (!stats) throw new Error(`The server (pid ${pid}) stopped while it was idle.`);
    readings.push(stats.rssBytes);
    const elapsed = performance.now() - started;
    const lastSecond = readings.slice(-(1000 / SETTLE_STEP_MS + 1));
    const moved = Math.max(...lastSecond) - Math.min(...lastSecond);
    if ((elapsed >= SETTLE_MIN_MS && moved < SETTLED_BYTES) || elapsed >= SETTLE_MAX_MS) {
      return { rssBytes: stats.rssBytes, seconds: elapsed / 1000 };
    }
  }
}

/**
 * A freshly started server: its idle memory once settled, then the whole archive (db and files) downloaded into
 * a sink that keeps nothing.
 */
export async function measureDownload(setup: ServerSetup, dataBytes: number): Promise<DownloadSample> {
  const server = await start(setup);
  try {
    const pid = server.process.pid!;
    const idle = await settledRss(pid);
    const before = processStats(pid)!;
    flushWrites();
    const started = performance.now();
    const response = await fetch(
      `${server.url}/v1/sites/${SITE}/snapshots/${setup.snapshotId}/download?selectors=db,files`,
      { headers: { authorization: `Bearer ${setup.token}` } },
    );
    if (!response.ok || !response.body)
      throw new Error(`download: ${response.status} ${await response.text()}`);
    let bytes = 0;
    for await (const chunk of response.body) bytes += (chunk as Uint8Array).byteLength;
    const wallSeconds = (performance.now() - started) / 1000;
    const after = processStats(pid)!;
    return {
      bytes,
      wallSeconds,
      megabytesPerSecond: bytes / 1e6 / wallSeconds,
      dataMegabytesPerSecond: dataBytes / 1e6 / wallSeconds,
      serverCpuSeconds: after.cpuSeconds - before.cpuSeconds,
      serverIdleRssBytes: idle.rssBytes,
      serverSettleSeconds: idle.seconds,
      serverPeakRssBytes: after.peakRssBytes,
    };
  } finally {
    await server.stop();
  }
}

/** Starts the server once and runs the load `runs` times on each endpoint. */
export async function measureApi(
  setup: ServerSetup,
  options: { runs: number; connections: number; seconds: number },
): Promise<{ samples: ApiSample[]; historyPage: { items: number; hasNext: boolean } }> {
  const server = await start(setup);
  try {
    const jobUrl = `${server.url}/v1/jobs/${setup.jobId}`;
    const historyRoute = `/v1/sites/${SITE}/environments/${ENV}/snapshots?limit=50`;
    const page = await api<{ data: unknown[]; next_cursor: string | null }>(server, 'GET', historyRoute);
    const samples: ApiSample[] = [];
    for (let run = 0; run < options.runs; run++) {
      const load = { connections: options.connections, seconds: options.seconds };
      samples.push({
        job: await loadEndpoint(jobUrl, setup.token, load),
        history: await loadEndpoint(`${server.url}${historyRoute}`, setup.token, load),
      });
    }
    return { samples, historyPage: { items: page.data.length, hasNext: page.next_cursor !== null } };
  } finally {
    await server.stop();
  }
}
