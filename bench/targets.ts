// The targets, judged on the medians. Reported by the bench, never asserted by the tests.
import type { PeerName } from './peers.ts';
import type { Figures } from './summary.ts';

/** Peak memory of a snapshot, a restore or a download (the server process), whatever the corpus's size. */
export const MEMORY_BUDGET = 150e6;
/** Resident memory of a server started, settled and left idle. */
export const IDLE_BUDGET = 100e6;

export const TARGETS = {
  firstThroughput: 'first snapshot throughput vs tar | zstd -3 -T1',
  secondTime: 'unchanged second snapshot: time',
  secondBytes: 'unchanged second snapshot: bytes added',
  restoreThroughput: 'restore throughput vs zstd -d | tar -x',
  snapshotMemory: 'peak memory of a snapshot',
  restoreMemory: 'peak memory of a restore',
  downloadMemory: 'peak memory of a download (server process)',
  idleMemory: 'idle server memory (RSS, settled)',
  bundle: 'dashboard first-load JS (gzip)',
} as const;

export const peerTarget = (peer: PeerName, step: 'first' | 'second' | 'restore') =>
  `ahead of ${peer}: ${{ first: 'first backup', second: 'unchanged backup', restore: 'restore' }[step]}`;

const PEER_INSTALL: Record<PeerName, string> = {
  restic: 'apt-get install restic',
  borg: 'apt-get install borgbackup',
};

export interface Target {
  name: string;
  goal: string;
  value: string;
  /** null when the figure could not be measured (a tool is missing). */
  met: boolean | null;
}

const pct = (share: number) => `${(share * 100).toFixed(share < 0.01 ? 3 : 1)}%`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const s = (seconds: number) => `${seconds.toFixed(2)} s`;

function atLeast(name: string, ratio: number | null, goal: number): Target {
  return {
    name,
    goal: `≥ ${goal.toFixed(1)}×`,
    value: ratio === null ? 'not compared' : `${ratio.toFixed(2)}×`,
    met: ratio === null ? null : ratio >= goal,
  };
}

function atMost(name: string, bytes: number | null, budget: number): Target {
  const measured = bytes !== null && !Number.isNaN(bytes);
  return {
    name,
    goal: `≤ ${mb(budget)}`,
    value: measured ? mb(bytes) : 'not measured',
    met: measured ? bytes <= budget : null,
  };
}

function peerTargets(f: Omit<Figures, 'targets'>): Target[] {
  return (['restic', 'borg'] as const).flatMap((name) => {
    const peer = f.peers.find((candidate) => candidate.name === name);
    const steps = [
      ['first', f.first.rewind.wallSeconds],
      ['second', f.second.rewind.wallSeconds],
      ['restore', f.restore.rewind.wallSeconds],
    ] as const;
    return steps.map(([step, rewind]): Target => {
      if (!peer) {
        return {
          name: peerTarget(name, step),
          goal: 'less time',
          value: `not compared (${PEER_INSTALL[name]})`,
          met: null,
        };
      }
      const theirs = peer[step].wallSeconds;
      return {
        name: peerTarget(name, step),
        goal: 'less time',
        value: `Rewind ${s(rewind)}, ${name} ${s(theirs)} (${(theirs / rewind).toFixed(2)}× faster)`,
        met: rewind < theirs,
      };
    });
  });
}

export function evaluateTargets(f: Omit<Figures, 'targets'>): Target[] {
  const second = f.second;
  // The share of Rewind's own first snapshot flatters a slow first snapshot, so the native one is shown too.
  const ofNative = f.first.zstd
    ? `; ${pct(second.rewind.wallSeconds / f.first.zstd.wallSeconds)} of tar|zstd's`
    : '';
  return [
    atLeast(TARGETS.firstThroughput, f.first.throughputRatio, 1),
    {
      name: TARGETS.secondTime,
      goal: '≤ 5% of the first',
      value: `${pct(second.timeShareOfFirst)} of Rewind's first${ofNative}`,
      met: second.timeShareOfFirst <= 0.05,
    },
    {
      name: TARGETS.secondBytes,
      goal: '≤ 1% of the first',
      value: pct(second.bytesShareOfFirst),
      met: second.bytesShareOfFirst <= 0.01,
    },
    atLeast(TARGETS.restoreThroughput, f.restore.throughputRatio, 1),
    atMost(
      TARGETS.snapshotMemory,
      Math.max(f.first.rewind.peakRssBytes, second.rewind.peakRssBytes, f.changed.rewind.peakRssBytes),
      MEMORY_BUDGET,
    ),
    atMost(TARGETS.restoreMemory, f.restore.rewind.peakRssBytes, MEMORY_BUDGET),
    atMost(TARGETS.downloadMemory, f.download?.serverPeakRssBytes ?? null, MEMORY_BUDGET),
    atMost(TARGETS.idleMemory, f.download?.serverIdleRssBytes ?? null, IDLE_BUDGET),
    ...peerTargets(f),
    {
      name: TARGETS.bundle,
      goal: `≤ ${(f.bundle.jsBudgetBytes / 1000).toFixed(0)} kB`,
      value: `${(f.bundle.jsGzipBytes / 1000).toFixed(1)} kB`,
      met: f.bundle.withinBudget,
    },
  ];
}
