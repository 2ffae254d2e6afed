import type { Catalog } from '../catalog/catalog.ts';
import type { Progress } from '../engine/types.ts';

const intervalMs = 250;

/** Persists a job's progress at most every 250 ms, and always on a change of phase. */
export function progressReporter(catalog: Catalog, jobId: string, now: () => Date) {
  let latest: Progress | null = null;
  let savedPhase: string | null = null;
  let savedAt = 0;
  let writing: Promise<void> = Promise.resolve();

  const save = () => {
    const progress = latest;
    if (!progress) return;
    latest = null;
    savedPhase = progress.phase;
    savedAt = now().getTime();
    writing = writing.then(() =>
      catalog.updateJob(jobId, {
        phase: progress.phase,
        done_bytes: Math.round(progress.doneBytes),
        total_bytes: Math.round(progress.totalBytes),
      }),
    );
  };

  return {
    report(progress: Progress) {
      latest = progress;
      if (progress.phase !== savedPhase || now().getTime() - savedAt >= intervalMs) save();
    },
    async flush() {
      save();
      await writing;
    },
  };
}
