/** A reading of a job's progress, taken when the dashboard saw it. */
export interface ProgressSample {
  at: number;
  doneBytes: number;
}

/**
 * Time left from the rate seen between the oldest and newest samples (a sliding window, so a burst or a
 * stall early on does not dominate). Null until there is enough to go on.
 */
export function estimateTimeLeft(samples: ProgressSample[], totalBytes: number): number | null {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last || totalBytes <= 0) return null;
  const elapsed = last.at - first.at;
  const done = last.doneBytes - first.doneBytes;
  if (elapsed < 1000 || done <= 0) return null;
  const rate = done / elapsed;
  return Math.max(0, (totalBytes - last.doneBytes) / rate);
}

/** Keeps the last `size` samples (a stall stays in, so the estimate grows); progress going back restarts. */
export function addSample(samples: ProgressSample[], sample: ProgressSample, size = 12): ProgressSample[] {
  const last = samples.at(-1);
  if (last && (sample.doneBytes < last.doneBytes || sample.at < last.at)) return [sample];
  return [...samples, sample].slice(-size);
}
