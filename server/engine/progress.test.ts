import { describe, expect, it } from 'vitest';
import { createProgressReporter } from './progress.ts';
import type { Progress } from './types.ts';

describe('progress reporting', () => {
  it('reports every phase change, but byte counts at most about ten times a second', async () => {
    const reports: Progress[] = [];
    const progress = createProgressReporter((p) => reports.push(p));
    progress.phase('capturing_db');
    progress.total(1_000_000);
    const started = Date.now();
    while (Date.now() - started < 300) {
      progress.add(1);
      await new Promise((resolve) => setImmediate(resolve));
    }
    progress.phase('finalizing');
    expect(reports.length).toBeLessThanOrEqual(2 + 4);
    expect(reports.at(0)).toEqual({ phase: 'capturing_db', doneBytes: 0, totalBytes: 0 });
    expect(reports.at(-1)!.phase).toBe('finalizing');
    expect(reports.at(-1)!.doneBytes).toBeGreaterThan(100);
  });

  it('never reports more done than the total', () => {
    const reports: Progress[] = [];
    const progress = createProgressReporter((p) => reports.push(p), 10);
    progress.phase('staging');
    progress.add(50);
    progress.flush();
    expect(reports.at(-1)).toEqual({ phase: 'staging', doneBytes: 10, totalBytes: 10 });
  });
});
