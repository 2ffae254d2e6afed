import { useState } from 'react';
import type { Job } from '@contract/schemas';
import { addSample, estimateTimeLeft, type ProgressSample } from '@/lib/estimate';

/**
 * Time left for a running job, from the rate of progress the dashboard has seen. `seenAt` is when the
 * reading arrived (the query's dataUpdatedAt), so the estimate follows the polls, not the render clock.
 */
export function useTimeLeft(job: Job, seenAt: number): number | null {
  const [tracked, setTracked] = useState<{ jobId: string; seenAt: number; samples: ProgressSample[] }>({
    jobId: job.id,
    seenAt,
    samples: [{ at: seenAt, doneBytes: job.progress.done_bytes }],
  });
  if (tracked.jobId !== job.id || tracked.seenAt !== seenAt) {
    const sample = { at: seenAt, doneBytes: job.progress.done_bytes };
    const samples = tracked.jobId === job.id ? addSample(tracked.samples, sample) : [sample];
    setTracked({ jobId: job.id, seenAt, samples });
  }
  if (job.status !== 'running') return null;
  return estimateTimeLeft(tracked.samples, job.progress.total_bytes);
}
