// One measured operation = one process: wall time, CPU time (user + system, all threads and children) and
// peak resident memory, so Rewind's child and a native pipeline are measured the same way.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, lstatSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Sample {
  wallSeconds: number;
  cpuSeconds: number;
  /** Peak resident set size in bytes. For a pipeline: its largest process (GNU time reports no sum). */
  peakRssBytes: number;
}

export const TIME_BIN = '/usr/bin/time';
export const hasGnuTime = () => existsSync(TIME_BIN);

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function medianSample(samples: Sample[]): Sample {
  return {
    wallSeconds: median(samples.map((s) => s.wallSeconds)),
    cpuSeconds: median(samples.map((s) => s.cpuSeconds)),
    peakRssBytes: median(samples.map((s) => s.peakRssBytes)),
  };
}

/**
 * Runs a command under GNU time (`%e %U %S %M`). Wall time is taken here with a monotonic clock (GNU time
 * rounds to 10 ms); CPU and peak memory come from the kernel's accounting of the process and its children.
 */
export async function timed(
  command: string,
  args: string[],
  cwd?: string,
  env?: NodeJS.ProcessEnv,
): Promise<Sample & { stdout: string }> {
  const timeFile = path.join(
    tmpdir(),
    `rewind-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`,
  );
  const started = performance.now();
  const { code, stdout, stderr } = await run(
    TIME_BIN,
    ['-f', '%e %U %S %M', '-o', timeFile, command, ...args],
    cwd,
    env,
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const timing = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!;
  rmSync(timeFile, { force: true });
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${stderr}`);
  const [, user, system, maxKb] = timing.split(' ').map(Number);
  return { wallSeconds, cpuSeconds: user! + system!, peakRssBytes: maxKb! * 1024, stdout };
}

export function run(
  command: string,
  args: string[],
  cwd?: string,
  env?: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Flushes dirty pages before a measurement: Rewind fsyncs what it writes and the native pipelines do not, so
 * without this one side's writeback would land in the next side's measurement.
 */
export function flushWrites(): void {
  spawnSync('sync');
}

/** Bytes of every regular file under `dir` (apparent sizes, what a store or an archive holds). */
export function treeBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile()) total += lstatSync(full).size;
    }
  }
  return total;
}
