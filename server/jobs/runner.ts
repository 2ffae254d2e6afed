// The job runner seam and its embedded implementation: jobs run in this process, one at a time per
// environment, in the order they were accepted; the rest wait and say which job they wait for. Verify jobs
// only read the store, so they have a lane of their own per environment: a long verify does not hold back the
// environment's backups and restores, nor they it (the catalog keeps what a verify reads from being deleted).
import type { JobType } from '../../contract/schemas.ts';
import type { Catalog, ErrorInfo, JobRow } from '../catalog/catalog.ts';
import { RewindError } from '../core/errors.ts';
import { EngineError, type Progress } from '../engine/types.ts';
import type { Logger } from '../logger.ts';
import { progressReporter } from './progress.ts';

export interface JobContext {
  /** Records progress; persisted a few times a second at most. */
  report(progress: Progress): void;
  log: Logger;
}

export type JobHandler = (job: JobRow, context: JobContext) => Promise<void>;

export interface JobRunner {
  /** Queues an accepted job (already in the catalog as `queued`). */
  submit(job: JobRow): void;
  /** Resolves when no job is running or queued. */
  idle(): Promise<void>;
  /** Stops taking jobs and waits for the running ones, at most `graceMs`. */
  stop(graceMs: number): Promise<void>;
}

interface Deps {
  catalog: Catalog;
  handlers: Record<JobType, JobHandler>;
  now: () => Date;
  log: Logger;
  onFinished?: (job: JobRow) => void;
}

export function describeFailure(error: unknown, log: Logger): ErrorInfo {
  if (error instanceof EngineError || error instanceof RewindError) {
    return { code: error.code, detail: error instanceof RewindError ? error.detail : error.message };
  }
  log.error({ err: error }, 'job failed unexpectedly');
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal_error',
    detail: `The job failed unexpectedly: ${message}. Nothing was changed; try again.`,
  };
}

const laneOf = (job: JobRow) => (job.type === 'verify' ? `${job.environment_id}/verify` : job.environment_id);

export function createInProcessRunner(deps: Deps): JobRunner {
  // By lane: an environment's id, or its id and `/verify` for its verify jobs.
  const queues = new Map<string, string[]>();
  const running = new Map<string, Promise<void>>();
  let stopped = false;
  let idleWaiters: Array<() => void> = [];

  const busy = () => running.size > 0 || [...queues.values()].some((q) => q.length > 0);

  const runningIds = new Map<string, string>();

  /** Each queued job says which job it waits for: the one just ahead of it. */
  async function markWaiting(lane: string): Promise<void> {
    const queue = queues.get(lane) ?? [];
    let ahead = runningIds.get(lane) ?? null;
    for (const id of queue) {
      await deps.catalog.updateJob(id, { waiting_for: ahead });
      ahead = id;
    }
  }

  async function execute(jobId: string): Promise<void> {
    const job = await deps.catalog.getJob(jobId);
    if (!job || job.status !== 'queued') return;
    const startedAt = deps.now().toISOString();
    await deps.catalog.updateJob(job.id, { status: 'running', started_at: startedAt, waiting_for: null });
    const reporter = progressReporter(deps.catalog, job.id, deps.now);
    const log = deps.log.child({ job: job.id, type: job.type });
    try {
      await deps.handlers[job.type](
        { ...job, status: 'running', started_at: startedAt },
        { report: reporter.report, log },
      );
      await reporter.flush();
      await deps.catalog.updateJob(job.id, {
        status: 'succeeded',
        phase: 'done',
        finished_at: deps.now().toISOString(),
      });
    } catch (error) {
      await reporter.flush();
      await deps.catalog.updateJob(job.id, {
        status: 'failed',
        error: describeFailure(error, log),
        finished_at: deps.now().toISOString(),
      });
    }
    const finished = await deps.catalog.getJob(job.id);
    if (finished) deps.onFinished?.(finished);
  }

  function pump(lane: string): void {
    if (stopped || running.has(lane)) return;
    const next = queues.get(lane)?.shift();
    if (!next) {
      queues.delete(lane);
      if (!busy()) for (const wake of idleWaiters.splice(0)) wake();
      return;
    }
    runningIds.set(lane, next);
    const run = (async () => {
      await markWaiting(lane);
      await execute(next);
    })()
      .catch((error: unknown) => deps.log.error({ err: error, job: next }, 'job runner failed'))
      .finally(() => {
        running.delete(lane);
        runningIds.delete(lane);
        pump(lane);
      });
    running.set(lane, run);
  }

  return {
    submit(job) {
      const lane = laneOf(job);
      const queue = queues.get(lane) ?? [];
      queue.push(job.id);
      queues.set(lane, queue);
      if (running.has(lane)) void markWaiting(lane);
      pump(lane);
    },
    idle() {
      if (!busy()) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    async stop(graceMs) {
      stopped = true;
      const all = Promise.all(running.values());
      await Promise.race([all, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
      idleWaiters = [];
    },
  };
}
