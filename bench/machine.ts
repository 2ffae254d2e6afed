// The machine a run was measured on: figures from different machines are not comparable.
import { spawnSync } from 'node:child_process';
import { statfsSync } from 'node:fs';
import os from 'node:os';
import type { NativeTools } from './native.ts';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  kernel: string;
  platform: string;
  node: string;
  diskFreeBytes: number;
  tools: { tar: string | null; zstd: string | null; gzip: string | null; gnuTime: boolean };
  /** 1, 5 and 15-minute load averages when the bench started and ended: others' work on a shared machine. */
  loadAverage: { start: number[]; end: number[] | null };
  /** The code measured: its commit, and whether the server, contract or dashboard had uncommitted changes. */
  revision: { commit: string | null; uncommittedChanges: boolean | null };
}

function revision(projectRoot: string): Machine['revision'] {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: projectRoot, encoding: 'utf8' });
  const head = git('rev-parse', 'HEAD');
  if (head.status !== 0) return { commit: null, uncommittedChanges: null };
  const status = git('status', '--porcelain', '--', 'server', 'contract', 'src');
  return { commit: head.stdout.trim(), uncommittedChanges: status.stdout.trim() !== '' };
}

export function describeMachine(workDir: string, projectRoot: string, tools: NativeTools): Machine {
  const disk = statfsSync(workDir);
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    kernel: `${os.type()} ${os.release()}`,
    platform: `${os.platform()} ${os.arch()}`,
    node: process.version,
    diskFreeBytes: disk.bavail * disk.bsize,
    tools: { tar: tools.tar, zstd: tools.zstd, gzip: tools.gzip, gnuTime: tools.time },
    loadAverage: { start: loadAverage(), end: null },
    revision: revision(projectRoot),
  };
}

export const loadAverage = () => os.loadavg().map((load) => Math.round(load * 100) / 100);

export function machineLine(machine: Machine): string {
  const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(0)} GiB`;
  return (
    `${machine.cpuModel}, ${machine.cores} cores, ${gib(machine.memoryBytes)} RAM, ${machine.kernel}, ` +
    `Node ${machine.node}, ${gib(machine.diskFreeBytes)} disk free`
  );
}

export function loadLine(machine: Machine): string {
  const { start, end } = machine.loadAverage;
  return `load average (1, 5, 15 min) ${start.join(', ')} at the start${end ? `, ${end.join(', ')} at the end` : ''}`;
}

export function revisionLine(machine: Machine): string {
  const { commit, uncommittedChanges } = machine.revision;
  if (!commit) return 'code: not a git checkout';
  return `code: commit ${commit.slice(0, 12)}${uncommittedChanges ? ' with uncommitted changes in server/, contract/ or src/' : ''}`;
}
