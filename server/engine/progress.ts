// Jobs poll progress often, but a listener called for every 64 KiB chunk would swamp the catalog with writes.
import type { JobPhase, ProgressListener } from './types.ts';

const MIN_INTERVAL_MS = 100;

export interface ProgressReporter {
  /** Switches phase (always reported); the bytes done carry on unless `restart` is set. */
  phase(phase: JobPhase, restart?: boolean): void;
  /** Sets the bytes the whole job will process (reported with the next report). */
  total(totalBytes: number): void;
  /** Adds bytes done; reported at most ten times a second. */
  add(bytes: number): void;
  /** Sets the bytes done outright, e.g. when an estimate turns out wrong. */
  set(doneBytes: number): void;
  /** Reports the current state now, whatever the time since the last report. */
  flush(): void;
}

export function createProgressReporter(
  listener: ProgressListener | undefined,
  totalBytes = 0,
): ProgressReporter {
  let current: JobPhase = 'queued';
  let done = 0;
  let total = totalBytes;
  let lastReport = 0;

  const emit = () => {
    lastReport = Date.now();
    listener?.({ phase: current, doneBytes: Math.min(done, total), totalBytes: total });
  };
  const maybeEmit = () => {
    if (Date.now() - lastReport >= MIN_INTERVAL_MS) emit();
  };

  return {
    phase(phase, restart = false) {
      current = phase;
      if (restart) done = 0;
      emit();
    },
    total(totalBytes) {
      total = totalBytes;
    },
    add(bytes) {
      done += bytes;
      maybeEmit();
    },
    set(doneBytes) {
      done = doneBytes;
      maybeEmit();
    },
    flush: emit,
  };
}
