// The native tools Rewind is compared with, run as shell pipelines on the same data. Where a tool is missing
// the bench says how to install it and skips the comparisons that need it.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { statSync } from 'node:fs';
import { hasGnuTime, run, TIME_BIN, timed, type Sample } from './measure.ts';

export interface NativeTools {
  tar: string | null;
  zstd: string | null;
  gzip: string | null;
  time: boolean;
}

const INSTALL: Record<string, string> = {
  tar: 'apt-get install tar',
  zstd: 'apt-get install zstd',
  gzip: 'apt-get install gzip',
  time: 'apt-get install time',
};

function version(command: string, args: string[], expect: RegExp): string | null {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) return null;
  const line = `${result.stdout}${result.stderr}`.split('\n').find((l) => expect.test(l));
  return line?.trim() ?? null;
}

export function findTools(log: (line: string) => void): NativeTools {
  const tools: NativeTools = {
    tar: version('tar', ['--version'], /GNU tar/),
    zstd: version('zstd', ['--version'], /Zstandard/),
    gzip: version('gzip', ['--version'], /gzip/),
    time: hasGnuTime(),
  };
  const missing = (name: string, what: string, skipped: string) =>
    log(`${what} not found — install it with: ${INSTALL[name]}; ${skipped}`);
  if (!tools.tar) missing('tar', 'GNU tar', 'skipping every native comparison');
  if (!tools.zstd)
    missing('zstd', 'zstd', 'skipping the native comparison (tar | zstd) and the native restore');
  if (!tools.gzip) missing('gzip', 'gzip', 'skipping the tar | gzip reference');
  if (!tools.time) {
    missing('time', `GNU time (${TIME_BIN})`, 'measuring wall time only (no CPU time or peak memory)');
  }
  return tools;
}

export const canZstd = (tools: NativeTools) => Boolean(tools.tar && tools.zstd);
export const canGzip = (tools: NativeTools) => Boolean(tools.tar && tools.gzip);

export interface NativeResult extends Sample {
  /** Bytes of the archive written. */
  storedBytes: number;
}

const pipe = (script: string, ...args: string[]) => ['-c', `set -o pipefail; ${script}`, 'bench', ...args];

async function shell(args: string[], time: boolean): Promise<Sample> {
  if (time) return timed('bash', args);
  const started = performance.now();
  const { code, stderr } = await run('bash', args);
  if (code !== 0) throw new Error(`native pipeline failed (exit ${code}): ${stderr}`);
  return {
    wallSeconds: (performance.now() - started) / 1000,
    cpuSeconds: Number.NaN,
    peakRssBytes: Number.NaN,
  };
}

/** `tar -cf - -C DIR . | zstd -3 -T1`: the native equivalent of a first snapshot. */
export async function tarZstd(tools: NativeTools, dir: string, out: string): Promise<NativeResult> {
  const sample = await shell(pipe('tar -cf - -C "$1" . | zstd -3 -T1 -q -f -o "$2"', dir, out), tools.time);
  return { ...sample, storedBytes: statSync(out).size };
}

/** `tar -cf - -C DIR . | gzip -6`: the classic, for reference (and what a .tar.gz download costs). */
export async function tarGzip(tools: NativeTools, dir: string, out: string): Promise<NativeResult> {
  const sample = await shell(pipe('tar -cf - -C "$1" . | gzip -6 > "$2"', dir, out), tools.time);
  return { ...sample, storedBytes: statSync(out).size };
}

/** Records a level-0 listed-incremental state without reading contents (GNU tar skips them for /dev/null). */
export async function tarLevelZero(dir: string, snar: string): Promise<void> {
  const { code, stderr } = await run(
    'bash',
    pipe('rm -f "$2"; tar -g "$2" -cf /dev/null -C "$1" .', dir, snar),
  );
  if (code !== 0) throw new Error(`tar -g failed: ${stderr}`);
}

/** `tar -g SNAR -cf - | zstd`: GNU tar's incremental, what changed since the level-0 state (mtime-based). */
export async function tarIncremental(
  tools: NativeTools,
  dir: string,
  snar: string,
  out: string,
): Promise<NativeResult> {
  const sample = await shell(
    pipe('tar -g "$2" -cf - -C "$1" . | zstd -3 -T1 -q -f -o "$3"', dir, snar, out),
    tools.time,
  );
  return { ...sample, storedBytes: statSync(out).size };
}

/** `zstd -d | tar -x`: the native equivalent of a restore, into an empty folder. */
export async function untarZstd(tools: NativeTools, archive: string, target: string): Promise<Sample> {
  mkdirSync(target, { recursive: true });
  return shell(pipe('zstd -d -q -c "$1" | tar -xf - -C "$2"', archive, target), tools.time);
}

/** fsync of the native archive: the one durability step a careful script adds (Rewind fsyncs everything). */
export async function fsyncFile(tools: NativeTools, file: string): Promise<Sample> {
  return shell(['-c', 'sync "$1"', 'bench', file], tools.time);
}

/** syncfs of the filesystem a restored tree is on: what makes `tar -x`'s output durable. */
export async function syncFilesystem(tools: NativeTools, dir: string): Promise<Sample> {
  return shell(['-c', 'sync -f "$1"', 'bench', dir], tools.time);
}
