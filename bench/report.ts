// The figures as a table (stdout and Markdown), and the files under bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CorpusStats } from './corpus.ts';
import { loadLine, machineLine, revisionLine, type Machine } from './machine.ts';
import type { Figures, OpFigures, PeerFigures, StepFigures } from './summary.ts';
import { peerTarget, TARGETS } from './targets.ts';

type Row = [string, string, string, string, string];

const s = (seconds: number) =>
  Number.isNaN(seconds) ? 'n/a' : seconds < 10 ? `${seconds.toFixed(2)} s` : `${seconds.toFixed(1)} s`;
const mb = (bytes: number | null) =>
  bytes === null || Number.isNaN(bytes)
    ? 'n/a'
    : bytes < 1e6
      ? `${(bytes / 1e3).toFixed(1)} kB`
      : `${(bytes / 1e6).toFixed(1)} MB`;
const rate = (mbps: number) => `${mbps.toFixed(0)} MB/s`;
const ms = (value: number) => `${value} ms`;
const pct = (share: number) => `${(share * 100).toFixed(share < 0.01 ? 2 : 1)}%`;
const times = (value: number | null) => (value === null ? '–' : `${value.toFixed(2)}×`);
const kb = (bytes: number) => `${(bytes / 1e3).toFixed(1)} kB`;
const mark = (met: boolean | null) => (met === null ? '–' : met ? '✓' : '✗');

export function tableRows(f: Figures): Row[] {
  const byName = new Map(f.targets.map((target) => [target.name, target]));
  const goal = (name: string) => {
    const target = byName.get(name);
    return target ? `${target.goal} ${mark(target.met)}` : '';
  };
  const rows: Row[] = [['measurement', 'Rewind', 'native', 'Rewind vs native', 'target']];
  const add = (...row: Row) => rows.push(row);
  const wall = (o: OpFigures) => `${s(o.wallSeconds)} (${rate(o.megabytesPerSecond)})`;
  const { rewind, zstd, gzip } = f.first;

  add(
    'first snapshot: wall',
    wall(rewind),
    zstd ? `${wall(zstd)} tar|zstd -3 -T1` : 'skipped',
    `${times(f.first.throughputRatio)} throughput`,
    goal(TARGETS.firstThroughput),
  );
  add(
    'first snapshot: CPU',
    s(rewind.cpuSeconds),
    zstd ? s(zstd.cpuSeconds) : '–',
    zstd ? `${times(rewind.cpuSeconds / zstd.cpuSeconds)} CPU` : '–',
    '',
  );
  add(
    'first snapshot: peak memory',
    mb(rewind.peakRssBytes),
    zstd ? mb(zstd.peakRssBytes) : '–',
    '',
    goal(TARGETS.snapshotMemory),
  );
  add(
    'first snapshot: stored',
    mb(rewind.storedBytes),
    zstd ? mb(zstd.storedBytes) : '–',
    zstd ? `${times(rewind.storedBytes! / zstd.storedBytes!)} bytes` : '–',
    '',
  );
  if (f.first.zstdFsyncSeconds !== null) {
    add('  native + fsync of the archive', '(fsyncs included)', s(f.first.zstdFsyncSeconds), '', '');
  }
  if (gzip) add('  reference: tar | gzip -6', '', `${wall(gzip)}, ${mb(gzip.storedBytes)}`, '', '');

  const step = (label: string, figures: StepFigures, goals: [string, string]) => {
    const native = figures.native;
    add(
      `${label}: wall`,
      `${s(figures.rewind.wallSeconds)} (${pct(figures.timeShareOfFirst)} of 1st)`,
      native ? `${s(native.wallSeconds)} tar -g|zstd` : 'skipped',
      native ? `${times(figures.rewind.wallSeconds / native.wallSeconds)} time` : '–',
      goals[0],
    );
    add(
      `${label}: added`,
      `${mb(figures.rewind.storedBytes)} (${pct(figures.bytesShareOfFirst)} of 1st)`,
      native ? mb(native.storedBytes) : '–',
      '',
      goals[1],
    );
  };
  step('unchanged 2nd snapshot', f.second, [goal(TARGETS.secondTime), goal(TARGETS.secondBytes)]);
  if (f.apiSecond) {
    const { apiSecond: job, second } = f;
    const engine = (ratio: number, seconds?: number) =>
      `${times(ratio)} the engine's${seconds === undefined ? '' : ` ${s(seconds)}`}`;
    add(
      '  as an API job: job time',
      s(job.jobSeconds),
      '',
      engine(job.jobRatio, second.rewind.wallSeconds),
      '',
    );
    add('  as an API job: client wall', s(job.clientSeconds), '', engine(job.clientRatio), '');
    add(
      '  as an API job: server CPU',
      s(job.serverCpuSeconds),
      '',
      engine(job.cpuRatio, second.rewind.cpuSeconds),
      '',
    );
  }
  step(`${f.changed.changedFiles} files (1%) changed`, f.changed, ['', '']);

  const restore = f.restore;
  add(
    'restore: wall',
    wall(restore.rewind),
    restore.native ? `${wall(restore.native)} zstd -d|tar -x` : 'skipped',
    `${times(restore.throughputRatio)} throughput`,
    goal(TARGETS.restoreThroughput),
  );
  add(
    'restore: CPU',
    s(restore.rewind.cpuSeconds),
    restore.native ? s(restore.native.cpuSeconds) : '–',
    restore.native ? `${times(restore.rewind.cpuSeconds / restore.native.cpuSeconds)} CPU` : '–',
    '',
  );
  add(
    'restore: peak memory',
    mb(restore.rewind.peakRssBytes),
    restore.native ? mb(restore.native.peakRssBytes) : '–',
    '',
    goal(TARGETS.restoreMemory),
  );
  if (restore.nativeSyncSeconds !== null) {
    add('  native + sync -f of the tree', '(fsyncs included)', s(restore.nativeSyncSeconds), '', '');
  }

  if (f.apiSnapshotSeconds !== null)
    add('snapshot as an API job (1 run)', s(f.apiSnapshotSeconds), '', '', '');
  if (f.download) {
    const d = f.download;
    add(
      'download, whole .tar.gz',
      `${rate(d.megabytesPerSecond)} (${rate(d.dataMegabytesPerSecond)} of data)`,
      gzip ? `${rate(gzip.megabytesPerSecond)} of data, tar|gzip -6` : '–',
      gzip ? `${times(d.dataMegabytesPerSecond / gzip.megabytesPerSecond)} throughput` : '–',
      '',
    );
    add('download: server peak memory', mb(d.serverPeakRssBytes), '', '', goal(TARGETS.downloadMemory));
    add(
      'idle server: RSS, settled',
      `${mb(d.serverIdleRssBytes)} (after ${s(d.serverSettleSeconds)})`,
      '',
      '',
      goal(TARGETS.idleMemory),
    );
  }
  for (const peer of f.peers) peerRows(add, f, peer);
  if (f.api) {
    const latency = (l: NonNullable<Figures['api']>['job']) =>
      `p50 ${ms(l.p50Ms)}, p99 ${ms(l.p99Ms)}, ${l.requestsPerSecond.toFixed(0)} req/s`;
    const failed = (count: number) => (count ? `${count} failed` : '');
    add(
      `GET /v1/jobs/{id}, ${f.api.connections} conn.`,
      latency(f.api.job),
      '',
      '',
      failed(f.api.job.failed),
    );
    add(
      `history page 1 of ${f.api.historySize.toLocaleString('en')}`,
      latency(f.api.history),
      '',
      '',
      failed(f.api.history.failed),
    );
  }
  add(
    'dashboard first load, gzip',
    `JS ${kb(f.bundle.jsGzipBytes)}, CSS ${kb(f.bundle.cssGzipBytes)}`,
    '',
    '',
    goal(TARGETS.bundle),
  );
  return rows;
}

/** A peer's three steps beside Rewind's: wall time, then its repository's size and peak memory. */
function peerRows(add: (...row: Row) => void, f: Figures, peer: PeerFigures): void {
  const steps = [
    ['first', 'first backup', f.first.rewind],
    ['second', 'unchanged backup', f.second.rewind],
    ['restore', 'restore', f.restore.rewind],
  ] as const;
  for (const [step, label, rewind] of steps) {
    const theirs = peer[step];
    const target = f.targets.find((candidate) => candidate.name === peerTarget(peer.name, step));
    const stored =
      theirs.repoBytes === null ? '' : `, repo ${step === 'first' ? '' : '+'}${mb(theirs.repoBytes)}`;
    add(
      `${peer.name}: ${label}`,
      s(rewind.wallSeconds),
      `${s(theirs.wallSeconds)}${stored}, peak ${mb(theirs.peakRssBytes)}`,
      `${times(theirs.wallSeconds / rewind.wallSeconds)} faster`,
      target ? `${target.goal} ${mark(target.met)}` : '',
    );
  }
  if (!peer.complete) add(`${peer.name}: restored tree`, '', 'incomplete', '', '');
}

export function textTable(rows: Row[]): string {
  const widths = rows[0]!.map((_cell, column) => Math.max(...rows.map((row) => [...row[column]!].length)));
  const line = (row: Row) =>
    row
      .map((cell, column) => cell + ' '.repeat(widths[column]! - [...cell].length))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function markdownTable(rows: Row[]): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  const line = (row: Row) => `| ${row.map(escape).join(' | ')} |`;
  return [line(rows[0]!), `|${rows[0]!.map(() => '---').join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

export function corpusLine(corpus: CorpusStats): string {
  return (
    `${mb(corpus.totalBytes)}: ${corpus.smallFiles.toLocaleString('en')} small documents (${mb(corpus.smallBytes)}), ` +
    `${corpus.mediaFiles} media files (${mb(corpus.mediaBytes)}, incompressible), a SQLite database (${mb(corpus.dbBytes)}, WAL)`
  );
}

export interface Report {
  generatedAt: string;
  options: Record<string, unknown>;
  machine: Machine;
  corpus: Omit<CorpusStats, 'files'>;
  figures: Figures;
  runs: unknown;
  notes: string[];
}

export function markdownSummary(report: Report): string {
  const f = report.figures;
  const phases = (name: keyof Figures['phases']) =>
    Object.entries(f.phases[name])
      .map(([phase, seconds]) => `${phase} ${s(seconds)}`)
      .join(', ');
  return [
    `# Rewind bench — ${report.generatedAt.slice(0, 10)}`,
    '',
    `**Machine:** ${machineLine(report.machine)}.  `,
    `**Code:** ${revisionLine(report.machine).replace(/^code: /, '')}.  `,
    `**Load:** ${loadLine(report.machine)} (${report.machine.cores} cores; anything above 0 is someone else's work).  `,
    `**Corpus:** ${corpusLine({ ...report.corpus, files: [] })}.  `,
    `**Method:** ${report.options.runs} runs of each measurement, medians quoted; Rewind and native alternate which goes first; ` +
      'pending writes are flushed (`sync`) before each measurement; the page cache is warm for both sides.',
    '',
    markdownTable(tableRows(f)),
    '',
    '## Targets',
    '',
    ...f.targets.map((t) => `- ${mark(t.met)} ${t.name}: ${t.value} (target ${t.goal})`),
    '',
    '## Where Rewind spends its time (median seconds per engine phase)',
    '',
    `- first snapshot: ${phases('first')}`,
    `- unchanged second snapshot: ${phases('second')}`,
    `- after 1% changed: ${phases('changed')}`,
    `- restore: ${phases('restore')}`,
    '',
    '## Notes',
    '',
    ...report.notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
}

export function writeResults(dir: string, name: string, report: Report): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, `${name}.json`);
  const markdown = path.join(dir, `${name}.md`);
  writeFileSync(json, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(markdown, markdownSummary(report));
  return { json, markdown };
}
