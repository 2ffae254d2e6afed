// Waiting for a job: poll it with a backoff (0.5 s, growing to 2 s while nothing changes) and report its
// progress, as a bar on a terminal and as one line per phase otherwise.
import type { RewindClient } from '../contract/client.ts';
import type { Job } from '../contract/schemas.ts';
import type { Context } from './command.ts';
import { jobName, phaseLabel } from './output/labels.ts';
import { createProgressBar } from './output/progress-bar.ts';
import { sleep, withRetry } from './retry.ts';

export const isFinished = (job: Job) => job.status !== 'queued' && job.status !== 'running';

export interface WatchOptions {
  firstDelayMs?: number;
  maxDelayMs?: number;
  wait?: (ms: number) => Promise<void>;
}

export async function watchJob(
  client: RewindClient,
  first: Job,
  onUpdate: (job: Job) => void,
  options: WatchOptions = {},
): Promise<Job> {
  const firstDelay = options.firstDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 2000;
  const wait = options.wait ?? sleep;
  let job = first;
  let delay = firstDelay;
  onUpdate(job);
  while (!isFinished(job)) {
    await wait(delay);
    const next = await withRetry(() => client.getJob(job.id));
    delay = progressKey(next) === progressKey(job) ? Math.min(maxDelay, delay * 1.5) : firstDelay;
    job = next;
    onUpdate(job);
  }
  return job;
}

const progressKey = (job: Job) =>
  `${job.status} ${job.progress.phase} ${job.progress.done_bytes} ${job.waiting_for ?? ''}`;

/** Reports a job's progress on stderr: a redrawn bar on a terminal, phase changes otherwise. */
export function jobReporter(context: Context) {
  const stderr = context.io.stderr;
  const bar = stderr.isTTY ? createProgressBar(stderr) : null;
  let last = '';
  const report = (job: Job) => {
    const phase = job.waiting_for
      ? `queued, waiting for ${job.waiting_for}`
      : job.status === 'running' || job.status === 'queued'
        ? phaseLabel(job.progress.phase)
        : job.status;
    if (bar) {
      if (isFinished(job)) return bar.done();
      const { done_bytes: done, total_bytes: total } = job.progress;
      return bar.update({ label: `${job.type}: ${phase}`, done, total });
    }
    if (phase !== last) context.note(`${jobName(job)}: ${phase}`);
    last = phase;
  };
  return report;
}

/** Waits with progress on stderr; returns the finished job. */
export function waitWithProgress(context: Context, job: Job): Promise<Job> {
  return watchJob(context.client, job, jobReporter(context));
}
