// The targets, judged on the medians. Reported by the bench, never asserted by the tests.
import type { Figures } from './summary.ts';

export const MEMORY_BUDGET = 200e6;

export const TARGETS = {
  firstThroughput: 'first snapshot throughput vs tar | zstd -3 -T1',
  secondTime: 'unchanged second snapshot: time',
  secondBytes: 'unchanged second snapshot: bytes added',
  restoreThroughput: 'restore throughput vs zstd -d | tar -x',
  snapshotMemory: 'peak memory of a snapshot',
  downloadMemory: 'peak memory of a download (server process)',
  bundle: 'dashboard first-load JS (gzip)',
} as const;

export interface Target {
  name: string;
  goal: string;
  value: string;
  /** null when the figure could not be measured (a tool is missing). */
  met: boolean | null;
}

const pct = (share: number) => `${(share * 100).toFixed(share < 0.01 ? 3 : 1)}%`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

function atLeast(name: string, ratio: number | null, goal: number): Target {
  return {
    name,
    goal: `≥ ${goal}×`,
    value: ratio === null ? 'not compared' : `${ratio.toFixed(2)}×`,
    met: ratio === null ? null : ratio >= goal,
  };
}

function under(name: string, bytes: number | null): Target {
  const measured = bytes !== null && !Number.isNaN(bytes);
  return {
    name,
    goal: `< ${mb(MEMORY_BUDGET)}`,
    value: measured ? mb(bytes) : 'not measured',
    met: measured ? bytes < MEMORY_BUDGET : null,
  };
}

export function evaluateTargets(f: Omit<Figures, 'targets'>): Target[] {
  const second = f.second;
  // The share of Rewind's own first snapshot flatters a slow first snapshot, so the native one is shown too.
  const ofNative = f.first.zstd
    ? `; ${pct(second.rewind.wallSeconds / f.first.zstd.wallSeconds)} of tar|zstd's`
    : '';
  return [
    atLeast(TARGETS.firstThroughput, f.first.throughputRatio, 0.8),
    {
      name: TARGETS.secondTime,
      goal: '< 10% of the first',
      value: `${pct(second.timeShareOfFirst)} of Rewind's first${ofNative}`,
      met: second.timeShareOfFirst < 0.1,
    },
    {
      name: TARGETS.secondBytes,
      goal: '< 1% of the first',
      value: pct(second.bytesShareOfFirst),
      met: second.bytesShareOfFirst < 0.01,
    },
    atLeast(TARGETS.restoreThroughput, f.restore.throughputRatio, 0.8),
    under(
      TARGETS.snapshotMemory,
      Math.max(f.first.rewind.peakRssBytes, second.rewind.peakRssBytes, f.changed.rewind.peakRssBytes),
    ),
    under(TARGETS.downloadMemory, f.download?.serverPeakRssBytes ?? null),
    {
      name: TARGETS.bundle,
      goal: `≤ ${(f.bundle.jsBudgetBytes / 1000).toFixed(0)} kB`,
      value: `${(f.bundle.jsGzipBytes / 1000).toFixed(1)} kB`,
      met: f.bundle.withinBudget,
    },
  ];
}
