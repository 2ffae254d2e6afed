// The backup scheduler: runs each environment's scheduled backups as ordinary jobs, and prunes after each
// successful run and at least once a day. Its memory (next run, last run, last prune) is in the catalog, so a
// restart knows what it missed. One in-process scheduler per catalog; several processes would need a lease.
import type { EnvironmentRow, JobRow, ScheduleStateRow, SiteRow } from '../catalog/catalog.ts';
import { policyOf } from '../core/backup-policy.ts';
import { requestPrune } from '../core/jobs.ts';
import { isPolicyRun, startPolicyRun } from '../core/policy-run.ts';
import { refreshRetention, schedulerActor } from '../core/retention.ts';
import type { Services } from '../core/services.ts';
import type { Clock } from './clock.ts';
import { nextRunAfter } from './cron.ts';

/** Every environment with snapshots is pruned at least this often, scheduled or not. */
export const pruneEveryMs = 86_400_000;

export interface Scheduler {
  /** Looks at every schedule now (catching up what was missed), then whenever something is due. */
  start(): void;
  /** Looks again (a policy changed). */
  wake(): void;
  /** The runner tells it each job that ends. */
  jobFinished(job: JobRow): void;
  /** Whether it has work queued or under way. */
  busy(): boolean;
  /** Resolves when its queued work is done. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function createScheduler(services: Services, clock: Clock): Scheduler {
  const { catalog, log } = services;
  let work: Promise<void> = Promise.resolve();
  let pending = 0;
  let lookQueued = false;
  let running = false;
  let cancelTimer: (() => void) | null = null;

  /** One thing at a time, in order: looks, runs and prunes never interleave. */
  function serially(what: string, task: () => Promise<void>): void {
    pending++;
    work = work
      .then(task)
      .catch((error: unknown) => log.error({ err: error }, `backup scheduler: ${what} failed`))
      .finally(() => {
        pending--;
      });
  }

  function lookSoon(): void {
    if (!running || lookQueued) return;
    lookQueued = true;
    serially('looking at the schedules', async () => {
      lookQueued = false;
      await look();
    });
  }

  async function look(): Promise<void> {
    if (!running) return;
    cancelTimer?.();
    cancelTimer = null;
    const now = clock.now().getTime();
    let wakeAt = Number.POSITIVE_INFINITY;
    for (const site of await catalog.listSites()) {
      for (const env of await catalog.listEnvironments(site.id)) {
        wakeAt = Math.min(wakeAt, await visit(site, env, now));
      }
    }
    if (running && Number.isFinite(wakeAt)) cancelTimer = clock.setTimer(new Date(wakeAt), lookSoon);
  }

  /** Does what is due for one environment; answers when it next needs a look. */
  async function visit(site: SiteRow, env: EnvironmentRow, now: number): Promise<number> {
    const { schedule } = await policyOf(services, env);
    const state = await catalog.getScheduleState(env.id);
    let nextRun = state.next_run_at ? Date.parse(state.next_run_at) : null;
    if (!schedule.enabled) {
      if (nextRun !== null) await catalog.updateScheduleState(env.id, { next_run_at: null });
      nextRun = null;
    } else if (nextRun === null || nextRun <= now) {
      // Due — or missed, once or many times, while Rewind was stopped: either way, one run now.
      if (nextRun !== null) await runScheduledBackup(site, env, state, now);
      nextRun = nextRunAfter(schedule, new Date(now))?.getTime() ?? null;
      await catalog.updateScheduleState(env.id, { next_run_at: iso(nextRun) });
    }

    let lastPruned = state.last_pruned_at ? Date.parse(state.last_pruned_at) : null;
    if (lastPruned === null || lastPruned + pruneEveryMs <= now) {
      // The first look only starts the count: the first daily prune comes a day after.
      if (lastPruned !== null) await requestPrune(services, env, schedulerActor);
      lastPruned = now;
      await catalog.updateScheduleState(env.id, { last_pruned_at: iso(now) });
    }
    return Math.min(nextRun ?? Number.POSITIVE_INFINITY, lastPruned + pruneEveryMs);
  }

  async function runScheduledBackup(
    site: SiteRow,
    env: EnvironmentRow,
    state: ScheduleStateRow,
    now: number,
  ): Promise<void> {
    // Never two runs of one environment: while the previous run still waits or works, this slot is skipped.
    const previous = state.last_run_job_id ? await catalog.getJob(state.last_run_job_id) : null;
    if (previous && (previous.status === 'queued' || previous.status === 'running')) {
      log.warn(
        { environment: env.id, job: previous.id },
        'scheduled backup skipped: the previous run is not done',
      );
      return;
    }
    const job = await startPolicyRun(services, site, env, schedulerActor, new Date(now));
    log.info({ environment: env.id, job: job.id }, 'scheduled backup started');
  }

  async function afterScheduledRun(job: JobRow): Promise<void> {
    const env = await catalog.getEnvironment(job.environment_id);
    if (!env) return;
    if (job.status === 'succeeded') {
      await requestPrune(services, env, schedulerActor);
      await catalog.updateScheduleState(env.id, { last_pruned_at: clock.now().toISOString() });
    } else {
      // A failed run holds every restore point until a run succeeds; nothing is pruned meanwhile.
      await refreshRetention(services, env);
    }
  }

  return {
    start() {
      running = true;
      lookSoon();
    },
    wake: lookSoon,
    jobFinished(job) {
      if (!running || job.type !== 'backup') return;
      // Runs of the schedule and runs started by hand ("Run now") alike.
      serially('finishing a scheduled backup', async () => {
        if (!(await isPolicyRun(services, job))) return;
        await afterScheduledRun(job);
        // The last prune time moved: look again so the daily prune is counted from it.
        lookSoon();
      });
    },
    busy: () => pending > 0,
    idle: async () => {
      while (pending > 0) await work;
    },
    async stop() {
      running = false;
      cancelTimer?.();
      cancelTimer = null;
      await work;
    },
  };
}
