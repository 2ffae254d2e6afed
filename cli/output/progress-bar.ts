// One line redrawn in place on a terminal: a bar when the total is known, a running count when it is not.
import type { TerminalWritable } from '../command.ts';
import { formatBytes, formatPercent } from './format.ts';

export interface ProgressLine {
  label: string;
  done: number;
  /** 0 or less: unknown. */
  total: number;
}

export function renderProgress({ label, done, total }: ProgressLine, columns = 80): string {
  if (total <= 0) return fit(done > 0 ? `${label}  ${formatBytes(done)}` : label, columns);
  const numbers = `${formatBytes(Math.min(done, total))} / ${formatBytes(total)}  ${formatPercent(done, total)}`;
  const barWidth = Math.max(10, Math.min(30, columns - label.length - numbers.length - 8));
  const filled = Math.round(Math.min(1, done / total) * barWidth);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]`;
  return fit(`${bar} ${label}  ${numbers}`, columns);
}

const fit = (line: string, columns: number) => (line.length < columns ? line : line.slice(0, columns - 1));

/** Draws on a terminal stream; `done()` ends the line so that what follows starts clean. */
export function createProgressBar(stream: TerminalWritable) {
  let drawn = false;
  return {
    update(line: ProgressLine) {
      stream.write(`\r\x1b[2K${renderProgress(line, stream.columns || 80)}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
