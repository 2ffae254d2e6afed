// `npm run bench`: Rewind against the native tools on the same data, in one run. See bench/README.md.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ensureDashboardBuilt } from '../scripts/dashboard-build.ts';
import { describeBundle, measureDashboardBundle } from './bundle-budget.ts';
import { ensureCorpus } from './corpus.ts';
import { describeMachine, loadAverage, loadLine, machineLine, revisionLine } from './machine.ts';
import { findTools } from './native.ts';
import { readOptions } from './options.ts';
import { findPeers } from './peers.ts';
import { corpusLine, tableRows, textTable, writeResults, type Report } from './report.ts';
import {
  HISTORY_SIZE,
  measureApi,
  measureDownload,
  prepareServer,
  type DownloadSample,
} from './server-bench.ts';
import { runSnapshotSuite } from './snapshot-suite.ts';
import { summarize } from './summary.ts';

const benchDir = import.meta.dirname;
const workDir = path.join(benchDir, '.work');
const log = (line: string) => console.log(line);

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const tools = findTools(log);
  const peers = findPeers(log, tools.time);
  const machine = describeMachine(benchDir, path.dirname(benchDir), tools);
  log(`Machine: ${machineLine(machine)}; ${revisionLine(machine)}`);

  ensureDashboardBuilt();
  const bundle = measureDashboardBundle();
  log(describeBundle(bundle));

  const corpus = ensureCorpus(workDir, options.sizeBytes, log);
  log(`Corpus: ${corpusLine(corpus.stats)}`);

  log(`\nSnapshots and restores, ${options.runs} runs:`);
  const runs = await runSnapshotSuite(corpus, tools, { workDir, runs: options.runs, peers, log });

  log(
    '\nThe server: a snapshot and unchanged ones through the API, 10,000 history rows, downloads, API load…',
  );
  const setup = await prepareServer(workDir, corpus, options.runs, log);
  const downloads: DownloadSample[] = [];
  for (let run = 0; run < options.runs; run++) {
    downloads.push(await measureDownload(setup, corpus.stats.totalBytes));
    log(`  download ${run + 1}: ${downloads.at(-1)!.megabytesPerSecond.toFixed(0)} MB/s`);
  }
  const api = await measureApi(setup, {
    runs: options.runs,
    connections: options.connections,
    seconds: options.loadSeconds,
  });
  if (api.historyPage.items !== 50 || !api.historyPage.hasNext) {
    throw new Error(
      `The history's first page has ${api.historyPage.items} items; expected 50 and a next page.`,
    );
  }
  rmSync(setup.dataDir, { recursive: true, force: true });

  machine.loadAverage.end = loadAverage();
  log(`\n${loadLine(machine)}`);
  const figures = summarize({
    corpus: corpus.stats,
    runs,
    downloads,
    apiSnapshotSeconds: setup.apiSnapshotSeconds,
    apiSecondSnapshots: setup.apiSecondSnapshots,
    api: {
      samples: api.samples,
      connections: options.connections,
      seconds: options.loadSeconds,
      historySize: HISTORY_SIZE,
    },
    bundle,
  });
  const { files: _files, ...corpusStats } = corpus.stats;
  const report: Report = {
    generatedAt: new Date().toISOString(),
    options: { ...options },
    machine,
    corpus: corpusStats,
    figures,
    runs: {
      snapshots: runs,
      downloads,
      api: api.samples,
      apiSnapshotSeconds: setup.apiSnapshotSeconds,
      apiSecondSnapshots: setup.apiSecondSnapshots,
    },
    notes: notes(figures.first.nodeStartSeconds, setup.seedSeconds),
  };
  log(`\n${textTable(tableRows(figures))}\n`);
  for (const target of figures.targets) {
    log(
      `${target.met === null ? '–' : target.met ? '✓' : '✗'} ${target.name}: ${target.value} (target ${target.goal})`,
    );
  }
  const written = writeResults(path.join(benchDir, 'results'), options.outName, report);
  log(
    `\nWrote ${path.relative(process.cwd(), written.json)} and ${path.relative(process.cwd(), written.markdown)}`,
  );
}

function notes(nodeStartSeconds: number, seedSeconds: number): string[] {
  return [
    'Rewind runs each operation in a child process through the engine API (createLocalStore, captureSnapshot, ' +
      `restoreSnapshot); its wall and CPU times are the operation's, Node's start (median ${nodeStartSeconds.toFixed(2)} s) ` +
      'left out. Peak memory is the whole process. Native pipelines run under GNU time; for a pipeline its peak ' +
      'memory is its largest process (GNU time does not sum), CPU is summed.',
    'Caches were warm for both sides (the corpus fits in RAM and dropping caches needs root); each side fsyncs ' +
      'differently: Rewind makes a snapshot’s new blobs durable before its manifest (a flush of the filesystem, ' +
      'renames, a flush of the renames; an fsync each where the system cannot flush a filesystem), the native pipelines ' +
      'write without fsync (the fsync of the archive is shown on its own).',
    'The restore is into an empty environment, as `zstd -d | tar -x` is into an empty folder; its pre-restore ' +
      'snapshot (beforeSwap) is a no-op here. Rewind verifies every SHA-256 and runs PRAGMA integrity_check; the ' +
      'native side checks nothing beyond zstd’s frame checksum.',
    'The second snapshot passes the first as the previous manifest (as the job runner does); the 1% change ' +
      'appends a line to every 100th upload (database unchanged) and is undone afterwards. The native side of ' +
      'both is GNU tar’s listed incremental (-g) from a level-0 state taken at the start of the run.',
    'Unchanged second snapshot as an API job: on the real server (server/main.js), after one snapshot taken ' +
      'through POST /v1/sites/bench/backups, as many unchanged ones as there are runs, one after another (each ' +
      'the previous of the next, as the job runner picks it), the job polled every 25 ms. Job: its started_at to ' +
      'its finished_at (catalog, store, engine, retention); client: POST to seeing it succeeded; server CPU: the ' +
      'server process’s CPU time over the client’s span (polls included). Each is set beside the median of the ' +
      'engine’s own unchanged second snapshot in the same run (its wall, or its CPU).',
    'Download: the real server (server/main.js) started fresh for each download, left idle until its resident ' +
      'memory settles (VmRSS moving under 0.5 MB over a second, at least 3 s after it listens: the idle figure), ' +
      'then the archive streamed to a sink over HTTP on localhost; peak memory is the server process’s VmHWM.',
    'restic and borg (where installed): the same corpus, each command under GNU time, from inside the folder; a ' +
      'first backup into an empty repository (restic: its default compression; borg: zstd,3, unencrypted), an ' +
      'unchanged second backup, and a restore into an empty folder (borg extract of the first archive; restic ' +
      'restore of the latest snapshot, the unchanged second, the same files). Repo: bytes on disk after the ' +
      'first backup, and what the second added.',
    'API: the real snapshots and jobs above; the rest of the 10,000 history rows copied from the first ' +
      `through the server's catalog module (snapshotsCatalog.insertSnapshot, one transaction, ${seedSeconds.toFixed(1)} s). ` +
      'They have no manifest: the history endpoint reads the catalog only. Load by autocannon (whole-millisecond ' +
      'latencies) on the same machine as the server, so both share its cores.',
  ];
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
