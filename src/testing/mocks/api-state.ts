// What the fake server derives from its state: lookups, an environment's live fields, job lifecycles.
import type { Environment, Job, Snapshot } from '@contract/schemas';
import { db, type JobStep } from './db';
import { beforeRestoreOf, buildSnapshot, nextId } from './fixtures';

export const isActive = (job: Job) => job.status === 'queued' || job.status === 'running';

export function findSite(key: string) {
  return db.sites.find((site) => site.id === key || site.slug === key);
}

export function findEnvironment(siteId: string, key: string) {
  return db.environments.find((env) => env.site_id === siteId && (env.id === key || env.name === key));
}

export function historyOf(env: Environment): Snapshot[] {
  return db.snapshots
    .filter((snapshot) => snapshot.environment_id === env.id)
    .sort((a, b) => b.created_at.localeCompare(a.created_at));
}

/** The policy's last run with its job's current status. */
function liveLastRun(env: Environment): Environment['backup_policy']['last_run'] {
  const last = env.backup_policy.last_run;
  const job = last && db.jobs.find((j) => j.id === last.job_id);
  return last && job ? { ...last, status: job.status } : last;
}

/** The newest restore into the environment that is queued, running or succeeded, and its pre-restore snapshot. */
function latestRestore(env: Environment): Environment['latest_restore'] {
  const job = db.jobs.findLast(
    (candidate) =>
      candidate.type === 'restore' &&
      candidate.environment_id === env.id &&
      (isActive(candidate) || candidate.status === 'succeeded'),
  );
  if (!job) return null;
  const preRestore = db.snapshots.find((snapshot) => snapshot.id === job.pre_restore_snapshot_id);
  return { job, pre_restore_snapshot: preRestore ?? null };
}

export function withLiveFields(env: Environment): Environment {
  return {
    ...env,
    latest_snapshot: historyOf(env)[0] ?? null,
    active_job: db.jobs.find((job) => job.environment_id === env.id && isActive(job)) ?? null,
    next_backup_at: env.backup_policy.schedule.enabled ? env.backup_policy.next_run_at : null,
    backup_policy: { ...env.backup_policy, last_run: liveLastRun(env) },
    latest_restore: latestRestore(env),
  };
}

/** A verify that succeeded records what `db.damage` says of each snapshot it checked. */
function recordVerification(job: Job): void {
  if (job.status !== 'succeeded') return;
  const checked =
    job.verify_scope === 'environment'
      ? db.snapshots.filter((s) => s.environment_id === job.environment_id && s.status === 'ready')
      : db.snapshots.filter((s) => s.id === job.snapshot_id);
  for (const snapshot of checked) {
    const damaged = db.damage.get(snapshot.id) ?? [];
    snapshot.verification = {
      status: damaged.length ? 'damaged' : 'ok',
      checked_at: job.finished_at ?? new Date().toISOString(),
      job_id: job.id,
      damaged,
      damaged_count: damaged.length,
    };
  }
}

/** What a job's end does to the catalog: a backup's snapshot turns ready (or failed); a restore keeps its pre-restore snapshot. */
function finish(job: Job): void {
  if (job.type === 'verify') return recordVerification(job);
  const snapshot = db.snapshots.find((s) => s.id === job.snapshot_id);
  if (job.type === 'backup' && snapshot) {
    snapshot.status = job.status === 'succeeded' ? 'ready' : 'failed';
    snapshot.completed_at = job.finished_at;
    if (job.status === 'failed') snapshot.error = job.error;
  }
  if (job.type === 'restore' && job.status === 'succeeded' && !job.pre_restore_snapshot_id) {
    const env = db.environments.find((e) => e.id === job.environment_id);
    if (!env) return;
    const point = db.snapshots.find((s) => s.id === job.snapshot_id);
    const pre = buildSnapshot(env, {
      kind: 'pre_restore',
      created_by: 'admin',
      created_at: job.started_at ?? job.created_at,
      before_restore: point ? beforeRestoreOf(job, point) : null,
    });
    db.snapshots.push(pre);
    job.pre_restore_snapshot_id = pre.id;
  }
}

/** Applies the job's next scripted step, if any, as a GET would see it. */
export function advance(job: Job): Job {
  const steps = db.jobSteps.get(job.id);
  const step: JobStep | undefined = steps && steps.length > 1 ? steps.shift() : steps?.[0];
  if (!step) return job;
  const wasActive = isActive(job);
  Object.assign(job, { ...step, progress: { ...job.progress, ...step.progress } });
  if (wasActive && !isActive(job)) {
    job.finished_at ??= new Date().toISOString();
    finish(job);
  }
  return job;
}

export function newJob(
  fields: Pick<Job, 'type' | 'site_id' | 'environment' | 'environment_id' | 'snapshot_id' | 'selectors'> &
    Partial<Pick<Job, 'verify_scope'>>,
): Job {
  const now = new Date().toISOString();
  const job: Job = {
    id: nextId('job'),
    status: 'queued',
    pre_restore_snapshot_id: null,
    verify_scope: null,
    progress: { phase: 'queued', done_bytes: 0, total_bytes: 0 },
    waiting_for: null,
    error: null,
    created_by: 'admin',
    created_at: now,
    started_at: null,
    finished_at: null,
    ...fields,
  };
  db.jobs.push(job);
  return job;
}
