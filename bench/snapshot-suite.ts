// The snapshot and restore comparisons, run `runs` times on the same corpus, Rewind and native alternating
// which goes first. Each run starts from an empty store, as a first snapshot does; pending writes are flushed
// before each measurement; the page cache stays warm for both sides (dropping it needs root).
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { changeOnePercent, undoChange, type Corpus } from './corpus.ts';
import { flushWrites, treeBytes, type Sample } from './measure.ts';
import {
  canGzip,
  canZstd,
  fsyncFile,
  tarGzip,
  tarIncremental,
  tarLevelZero,
  tarZstd,
  syncFilesystem,
  untarZstd,
  type NativeResult,
  type NativeTools,
} from './native.ts';
import { runPeer, type PeerName, type PeerRun, type PeerTools } from './peers.ts';
import {
  corpusEnvironment,
  environmentOf,
  rewindCapture,
  rewindRestore,
  type RewindResult,
} from './rewind.ts';

export interface SnapshotRun {
  first: {
    rewind: RewindResult;
    zstd: NativeResult | null;
    zstdFsync: Sample | null;
    gzip: NativeResult | null;
  };
  second: { rewind: RewindResult; native: NativeResult | null };
  changed: { rewind: RewindResult; native: NativeResult | null; changedFiles: number };
  restore: {
    rewind: RewindResult;
    native: Sample | null;
    /** `sync -f` of the native restore's filesystem, right after it. */
    nativeSync: Sample | null;
    rewindComplete: boolean;
    nativeComplete: boolean | null;
  };
  /** restic and borg where installed: first backup, unchanged second, restore. */
  peers: Partial<Record<PeerName, PeerRun>>;
}

export async function runSnapshotSuite(
  corpus: Corpus,
  tools: NativeTools,
  options: { workDir: string; runs: number; peers: PeerTools; log: (line: string) => void },
): Promise<SnapshotRun[]> {
  const runs: SnapshotRun[] = [];
  for (let index = 0; index < options.runs; index++) {
    options.log(`Run ${index + 1}/${options.runs}`);
    const dir = path.join(options.workDir, 'runs');
    const run = await oneRun(corpus, tools, dir, index % 2 === 0, options.log);
    for (const name of ['restic', 'borg'] as const) {
      if (!options.peers[name]) continue;
      const peer = await runPeer(name, corpus.envDir, path.join(dir, name), flushWrites);
      run.peers[name] = peer;
      options.log(
        `  ${name}:${' '.repeat(14 - name.length)}first ${peer.first.wallSeconds.toFixed(2)} s, unchanged ` +
          `${peer.second.wallSeconds.toFixed(2)} s, restore ${peer.restore.wallSeconds.toFixed(2)} s`,
      );
    }
    runs.push(run);
  }
  return runs;
}

/** Runs the measurements in order, after flushing pending writes, each side first on alternate runs. */
async function sides<A, B>(
  rewindFirst: boolean,
  rewind: () => Promise<A>,
  native: () => Promise<B>,
): Promise<[A, B]> {
  if (rewindFirst) {
    flushWrites();
    const a = await rewind();
    flushWrites();
    return [a, await native()];
  }
  flushWrites();
  const b = await native();
  flushWrites();
  return [await rewind(), b];
}

async function oneRun(
  corpus: Corpus,
  tools: NativeTools,
  dir: string,
  rewindFirst: boolean,
  log: (line: string) => void,
): Promise<SnapshotRun> {
  rmSync(dir, { recursive: true, force: true });
  const storeRoot = path.join(dir, 'store');
  const workDir = path.join(dir, 'work');
  const nativeDir = path.join(dir, 'native');
  mkdirSync(nativeDir, { recursive: true });
  const zstd = canZstd(tools);
  const env = corpusEnvironment(corpus);
  const out = (name: string) => path.join(nativeDir, name);
  const capture = (snapshotId: string, previousId: string | null) =>
    rewindCapture({ storeRoot, snapshotId, previousId, env, workDir }, tools.time);
  if (zstd) await tarLevelZero(corpus.envDir, out('level0.snar'));

  // First snapshot: an empty store against a full archive.
  let zstdFsync: Sample | null = null;
  const [rewindFirstSnapshot, zstdFirst] = await sides(
    rewindFirst,
    () => capture('snap_bench_first', null),
    async () => {
      if (!zstd) return null;
      const result = await tarZstd(tools, corpus.envDir, out('first.tar.zst'));
      zstdFsync = await fsyncFile(tools, out('first.tar.zst'));
      return result;
    },
  );
  flushWrites();
  const gzip = canGzip(tools) ? await tarGzip(tools, corpus.envDir, out('first.tar.gz')) : null;
  rmSync(out('first.tar.gz'), { force: true });
  log(
    `  first snapshot: Rewind ${rewindFirstSnapshot.wallSeconds.toFixed(2)} s, tar|zstd ${zstdFirst?.wallSeconds.toFixed(2) ?? '–'} s`,
  );

  // Second snapshot of unchanged data, then one after 1% of the files changed; native: GNU tar's incremental.
  const incremental = async (name: string) => {
    if (!zstd) return null;
    cpSync(out('level0.snar'), out(`${name}.snar`));
    return tarIncremental(tools, corpus.envDir, out(`${name}.snar`), out(`${name}.tar.zst`));
  };
  const [rewindSecond, nativeSecond] = await sides(
    rewindFirst,
    () => capture('snap_bench_second', 'snap_bench_first'),
    () => incremental('second'),
  );
  log(
    `  unchanged:      Rewind ${rewindSecond.wallSeconds.toFixed(2)} s, tar -g ${nativeSecond?.wallSeconds.toFixed(2) ?? '–'} s`,
  );
  const changedFiles = changeOnePercent(corpus, new Date().toISOString());
  let changed: [RewindResult, NativeResult | null];
  try {
    changed = await sides(
      rewindFirst,
      () => capture('snap_bench_changed', 'snap_bench_second'),
      () => incremental('changed'),
    );
  } finally {
    undoChange(corpus);
  }
  log(
    `  1% changed:     Rewind ${changed[0].wallSeconds.toFixed(2)} s, tar -g ${changed[1]?.wallSeconds.toFixed(2) ?? '–'} s`,
  );

  // Restore the first snapshot into an empty environment, against unpacking the first archive.
  const rewindTarget = path.join(dir, 'restore-rewind');
  const nativeTarget = path.join(dir, 'restore-native');
  let nativeSync: Sample | null = null;
  const target = environmentOf(path.join(rewindTarget, 'db', 'shop.db'), path.join(rewindTarget, 'uploads'));
  const [rewindRestored, nativeRestored] = await sides(
    rewindFirst,
    () =>
      rewindRestore(
        { storeRoot, snapshotId: 'snap_bench_first', target, journalDir: path.join(dir, 'journal') },
        tools.time,
      ),
    async () => {
      if (!zstd) return null;
      const result = await untarZstd(tools, out('first.tar.zst'), nativeTarget);
      nativeSync = await syncFilesystem(tools, nativeTarget);
      return result;
    },
  );
  const uploadsBytes = treeBytes(corpus.uploadsDir);
  const run: SnapshotRun = {
    first: { rewind: rewindFirstSnapshot, zstd: zstdFirst, zstdFsync, gzip },
    second: { rewind: rewindSecond, native: nativeSecond },
    changed: { rewind: changed[0], native: changed[1], changedFiles },
    restore: {
      rewind: rewindRestored,
      native: nativeRestored,
      nativeSync,
      rewindComplete: treeBytes(path.join(rewindTarget, 'uploads')) === uploadsBytes,
      nativeComplete: nativeRestored ? treeBytes(path.join(nativeTarget, 'uploads')) === uploadsBytes : null,
    },
    peers: {},
  };
  log(
    `  restore:        Rewind ${rewindRestored.wallSeconds.toFixed(2)} s, zstd -d|tar -x ${nativeRestored?.wallSeconds.toFixed(2) ?? '–'} s`,
  );
  rmSync(dir, { recursive: true, force: true });
  return run;
}
