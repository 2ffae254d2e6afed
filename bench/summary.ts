// From every run's samples to the quoted figures: medians and ratios against native.
import type { BundleReport } from './bundle-budget.ts';
import type { CorpusStats } from './corpus.ts';
import { median, medianSample, type Sample } from './measure.ts';
import type { NativeResult } from './native.ts';
import type { PeerName, PeerResult } from './peers.ts';
import type { RewindResult } from './rewind.ts';
import type { ApiSample, ApiSnapshotSample, DownloadSample } from './server-bench.ts';
import type { SnapshotRun } from './snapshot-suite.ts';
import { evaluateTargets, type Target } from './targets.ts';

export interface OpFigures extends Sample {
  /** Bytes written to the store or archive (store growth for Rewind, manifest included); null for restores. */
  storedBytes: number | null;
  /** Corpus bytes per second of wall time, in MB/s. */
  megabytesPerSecond: number;
}

export interface StepFigures {
  rewind: OpFigures;
  native: OpFigures | null;
  /** Rewind's wall time as a share of its first snapshot's. */
  timeShareOfFirst: number;
  /** Rewind's added bytes as a share of its first snapshot's. */
  bytesShareOfFirst: number;
}

export interface PeerOpFigures extends Sample {
  /** The repository's size after a first backup, what a second one added; null for restores. */
  repoBytes: number | null;
  /** Corpus bytes per second of wall time, in MB/s. */
  megabytesPerSecond: number;
}

export interface PeerFigures {
  name: PeerName;
  first: PeerOpFigures;
  second: PeerOpFigures;
  restore: PeerOpFigures;
  /** Every restored tree held every byte of the corpus's uploads. */
  complete: boolean;
}

export interface LatencyFigures {
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  /** Non-2xx answers, errors and timeouts over every run. */
  failed: number;
}

export interface Figures {
  first: {
    rewind: OpFigures;
    zstd: OpFigures | null;
    gzip: OpFigures | null;
    /** native wall / Rewind wall: Rewind's throughput as a multiple of tar | zstd's. */
    throughputRatio: number | null;
    zstdFsyncSeconds: number | null;
    /** Median of (child process wall − operation wall): Node's start, left out of Rewind's figures. */
    nodeStartSeconds: number;
  };
  second: StepFigures;
  changed: StepFigures & { changedFiles: number };
  restore: {
    rewind: OpFigures;
    native: OpFigures | null;
    throughputRatio: number | null;
    /** `sync -f` right after the native restore: what makes it durable (Rewind's restore fsyncs as it goes). */
    nativeSyncSeconds: number | null;
    /** Every restored tree held every byte of the corpus's uploads. */
    complete: boolean;
  };
  /** Median seconds per engine phase, as the engine reports its phases. */
  phases: Record<'first' | 'second' | 'changed' | 'restore', Record<string, number>>;
  download: DownloadSample | null;
  /** restic and borg, where installed (absent ones are left out). */
  peers: PeerFigures[];
  apiSnapshotSeconds: number | null;
  /** The unchanged second snapshot as an API job, beside the engine's own (second.rewind). */
  apiSecond: {
    jobSeconds: number;
    clientSeconds: number;
    serverCpuSeconds: number;
    /** Job seconds ÷ the engine's wall; 1.00× is no cost on top of the engine. */
    jobRatio: number;
    clientRatio: number;
    /** Server CPU ÷ the engine's CPU. */
    cpuRatio: number;
  } | null;
  api: {
    connections: number;
    seconds: number;
    historySize: number;
    job: LatencyFigures;
    history: LatencyFigures;
  } | null;
  bundle: { jsGzipBytes: number; cssGzipBytes: number; jsBudgetBytes: number; withinBudget: boolean };
  targets: Target[];
}

export interface SummaryInput {
  corpus: CorpusStats;
  runs: SnapshotRun[];
  downloads: DownloadSample[];
  apiSnapshotSeconds: number | null;
  apiSecondSnapshots: ApiSnapshotSample[];
  api: { samples: ApiSample[]; connections: number; seconds: number; historySize: number } | null;
  bundle: BundleReport;
}

const present = <T>(values: Array<T | null>): T[] => values.filter((value): value is T => value !== null);

function op(samples: Sample[], dataBytes: number, stored: number[] | null): OpFigures {
  const sample = medianSample(samples);
  return {
    ...sample,
    storedBytes: stored ? median(stored) : null,
    megabytesPerSecond: dataBytes / 1e6 / sample.wallSeconds,
  };
}

const rewindOp = (results: RewindResult[], dataBytes: number) =>
  op(
    results,
    dataBytes,
    results.map((result) => result.storeGrowthBytes),
  );

function nativeOp(results: Array<NativeResult | null>, dataBytes: number): OpFigures | null {
  const measured = present(results);
  return measured.length
    ? op(
        measured,
        dataBytes,
        measured.map((result) => result.storedBytes),
      )
    : null;
}

function phasesOf(results: RewindResult[]): Record<string, number> {
  const names = [...new Set(results.flatMap((result) => Object.keys(result.phases)))];
  return Object.fromEntries(names.map((name) => [name, median(results.map((r) => r.phases[name] ?? 0))]));
}

const medianSeconds = (samples: Sample[]) =>
  samples.length ? median(samples.map((sample) => sample.wallSeconds)) : null;

export function summarize(input: SummaryInput): Figures {
  const { runs } = input;
  const data = input.corpus.totalBytes;
  const each = <T>(pick: (run: SnapshotRun) => T) => runs.map(pick);

  const first = rewindOp(
    each((run) => run.first.rewind),
    data,
  );
  const zstd = nativeOp(
    each((run) => run.first.zstd),
    data,
  );
  const step = (rewind: RewindResult[], native: Array<NativeResult | null>): StepFigures => {
    const figures = rewindOp(rewind, data);
    return {
      rewind: figures,
      native: nativeOp(native, data),
      timeShareOfFirst: figures.wallSeconds / first.wallSeconds,
      bytesShareOfFirst: figures.storedBytes! / first.storedBytes!,
    };
  };
  const second = step(
    each((run) => run.second.rewind),
    each((run) => run.second.native),
  );
  const restoreRewind = op(
    each((run) => run.restore.rewind),
    data,
    null,
  );
  const restoreNatives = present(each((run) => run.restore.native));
  const restoreNative = restoreNatives.length ? op(restoreNatives, data, null) : null;

  const figures: Omit<Figures, 'targets'> = {
    first: {
      rewind: first,
      zstd,
      gzip: nativeOp(
        each((run) => run.first.gzip),
        data,
      ),
      throughputRatio: zstd ? zstd.wallSeconds / first.wallSeconds : null,
      zstdFsyncSeconds: medianSeconds(present(each((run) => run.first.zstdFsync))),
      nodeStartSeconds: median(
        each((run) => (run.first.rewind.process?.wallSeconds ?? Number.NaN) - run.first.rewind.wallSeconds),
      ),
    },
    second,
    changed: {
      ...step(
        each((run) => run.changed.rewind),
        each((run) => run.changed.native),
      ),
      changedFiles: runs[0]?.changed.changedFiles ?? 0,
    },
    restore: {
      rewind: restoreRewind,
      native: restoreNative,
      throughputRatio: restoreNative ? restoreNative.wallSeconds / restoreRewind.wallSeconds : null,
      nativeSyncSeconds: medianSeconds(present(each((run) => run.restore.nativeSync))),
      complete: runs.every((run) => run.restore.rewindComplete && run.restore.nativeComplete !== false),
    },
    phases: {
      first: phasesOf(each((run) => run.first.rewind)),
      second: phasesOf(each((run) => run.second.rewind)),
      changed: phasesOf(each((run) => run.changed.rewind)),
      restore: phasesOf(each((run) => run.restore.rewind)),
    },
    download: input.downloads.length ? downloadFigures(input.downloads) : null,
    peers: (['restic', 'borg'] as const).flatMap((name) => peerFigures(name, runs, data)),
    apiSnapshotSeconds: input.apiSnapshotSeconds,
    apiSecond: apiSecondFigures(input.apiSecondSnapshots, second.rewind),
    api: input.api?.samples.length ? apiFigures(input.api) : null,
    bundle: {
      jsGzipBytes: input.bundle.jsGzipBytes,
      cssGzipBytes: input.bundle.cssGzipBytes,
      jsBudgetBytes: input.bundle.jsBudgetBytes,
      withinBudget: input.bundle.withinBudget,
    },
  };
  return { ...figures, targets: evaluateTargets(figures) };
}

function peerFigures(name: PeerName, runs: SnapshotRun[], dataBytes: number): PeerFigures[] {
  const measured = present(runs.map((run) => run.peers[name] ?? null));
  if (measured.length === 0) return [];
  const of = (results: PeerResult[]): PeerOpFigures => {
    const sample = medianSample(results);
    const repo = present(results.map((result) => result.repoBytes));
    return {
      ...sample,
      repoBytes: repo.length ? median(repo) : null,
      megabytesPerSecond: dataBytes / 1e6 / sample.wallSeconds,
    };
  };
  return [
    {
      name,
      first: of(measured.map((peer) => peer.first)),
      second: of(measured.map((peer) => peer.second)),
      restore: of(measured.map((peer) => peer.restore)),
      complete: measured.every((peer) => peer.complete),
    },
  ];
}

function apiSecondFigures(samples: ApiSnapshotSample[], engine: Sample): Figures['apiSecond'] {
  if (samples.length === 0) return null;
  const pick = (key: keyof ApiSnapshotSample) => median(samples.map((sample) => sample[key]));
  const [jobSeconds, clientSeconds, serverCpuSeconds] = [
    pick('jobSeconds'),
    pick('clientSeconds'),
    pick('serverCpuSeconds'),
  ];
  return {
    jobSeconds,
    clientSeconds,
    serverCpuSeconds,
    jobRatio: jobSeconds / engine.wallSeconds,
    clientRatio: clientSeconds / engine.wallSeconds,
    cpuRatio: serverCpuSeconds / engine.cpuSeconds,
  };
}

function downloadFigures(samples: DownloadSample[]): DownloadSample {
  const pick = (key: keyof DownloadSample) => median(samples.map((sample) => sample[key]));
  return {
    bytes: pick('bytes'),
    wallSeconds: pick('wallSeconds'),
    megabytesPerSecond: pick('megabytesPerSecond'),
    dataMegabytesPerSecond: pick('dataMegabytesPerSecond'),
    serverCpuSeconds: pick('serverCpuSeconds'),
    serverIdleRssBytes: pick('serverIdleRssBytes'),
    serverSettleSeconds: pick('serverSettleSeconds'),
    serverPeakRssBytes: pick('serverPeakRssBytes'),
  };
}

function apiFigures(api: NonNullable<SummaryInput['api']>): NonNullable<Figures['api']> {
  const of = (key: 'job' | 'history'): LatencyFigures => {
    const loads = api.samples.map((sample) => sample[key]);
    return {
      p50Ms: median(loads.map((load) => load.p50Ms)),
      p99Ms: median(loads.map((load) => load.p99Ms)),
      requestsPerSecond: median(loads.map((load) => load.requestsPerSecond)),
      failed: loads.reduce((sum, load) => sum + load.non2xx + load.errors, 0),
    };
  };
  return {
    connections: api.connections,
    seconds: api.seconds,
    historySize: api.historySize,
    job: of('job'),
    history: of('history'),
  };
}
