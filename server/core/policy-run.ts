// A run of an environment's backup policy: what the scheduler starts at each slot, and what "Run now" starts.
import type { EnvironmentRow, JobRow, SiteRow } from '../catalog/catalog.ts';
import { requestBackup } from './jobs.ts';
import type { Services } from './services.ts';

/**
 * Starts a backup of kind `scheduled` and records it as the schedule's last run. It queues like any job (one
 * at a time per environment); when it ends the scheduler prunes after a success, and holds every restore
 * point after a failure, as after any scheduled run. The next slot of the schedule does not move.
 */
export async function startPolicyRun(
  services: Services,
  site: SiteRow,
  env: EnvironmentRow,
  actor: string,
  at: Date = services.now(),
): Promise<JobRow> {
  const job = await requestBackup(services, site, { environment: env.id }, actor, 'scheduled');
  await services.catalog.updateScheduleState(env.id, {
    last_run_at: at.toISOString(),
    last_run_job_id: job.id,
  });
  return job;
}

/** Whether a finished job was a run of its environment's policy (a backup whose snapshot is `scheduled`). */
export async function isPolicyRun(services: Services, job: JobRow): Promise<boolean> {
  if (job.type !== 'backup') return false;
  const snapshot = await services.catalog.getSnapshot(job.snapshot_id);
  return snapshot?.kind === 'scheduled';
}
