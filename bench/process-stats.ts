// A running process's memory and CPU as Linux accounts them (/proc), for the server measured from outside.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

export interface ProcessStats {
  /** Resident memory now, bytes. */
  rssBytes: number;
  /** Peak resident memory since the process started (VmHWM), bytes. */
  peakRssBytes: number;
  /** User + system CPU time so far, seconds. */
  cpuSeconds: number;
}

export function processStats(pid: number): ProcessStats | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    // Fields after the command name (which may hold spaces), so split after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    return {
      rssBytes: kb('VmRSS') * 1024,
      peakRssBytes: kb('VmHWM') * 1024,
      cpuSeconds: ticks / ticksPerSecond,
    };
  } catch {
    return null;
  }
}
