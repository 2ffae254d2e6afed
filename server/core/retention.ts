// Retention applied to the catalog: refreshing each snapshot's dates and holds, and pruning what is no longer kept.
import type { EnvironmentRow, SnapshotRow } from '../catalog/catalog.ts';
import { planRetention, type RetentionPlan } from '../retention/plan.ts';
import { policyOf } from './backup-policy.ts';
import { RewindError } from './errors.ts';
import type { Services } from './services.ts';
import { deleteSnapshot } from './snapshots.ts';

/** The scheduler's actor name: the `created_by` of scheduled snapshots and jobs. */
export const schedulerActor = 'scheduler';

/** While the latest scheduled backup of the environment has failed, nothing is pruned. */
export async function scheduledRunFailed(services: Services, environmentId: string): Promise<boolean> {
  const state = await services.catalog.getScheduleState(environmentId);
  if (!state.last_run_job_id) return false;
  return (await services.catalog.getJob(state.last_run_job_id))?.status === 'failed';
}

/**
 * Plans retention for the environment and writes the new dates and holds. Runs whenever the answer can
 * change: a snapshot turns ready, a scheduled run fails, a pin changes, the policy changes, a prune starts.
 */
export async function refreshRetention(
  services: Services,
  env: EnvironmentRow,
  options: { remeasureWindows?: boolean } = {},
): Promise<RetentionPlan> {
  const policy = await policyOf(services, env);
  const plan = planRetention({
    snapshots: await services.catalog.environmentSnapshots(env.id),
    retention: policy.retention,
    timezone: policy.schedule.timezone,
    now: services.now(),
    holdAll: await scheduledRunFailed(services, env.id),
    remeasureWindows: options.remeasureWindows ?? false,
  });
  await services.catalog.updateRetention(plan.updates);
  return plan;
}

/**
 * Deletes what the policy no longer keeps, each through the same safe path as DELETE (catalog, manifest, then
 * a sweep that frees the unshared blobs once no capture runs), and waits for that sweep.
 */
export async function pruneEnvironment(
  services: Services,
  env: EnvironmentRow,
): Promise<{ deleted: SnapshotRow[] }> {
  const plan = await refreshRetention(services, env);
  const deleted: SnapshotRow[] = [];
  for (const planned of plan.expired) {
    // Read it again: someone may have pinned it, or started restoring it, since the plan was made.
    const snapshot = await services.catalog.getSnapshot(planned.id);
    if (!snapshot || snapshot.pinned || snapshot.held) continue;
    try {
      await deleteSnapshot(services, snapshot);
      deleted.push(snapshot);
    } catch (error) {
      if (!(error instanceof RewindError)) throw error;
      services.log.info({ snapshot: snapshot.id, code: error.code }, 'prune left a snapshot in use');
    }
  }
  if (deleted.length > 0) {
    services.log.info({ environment: env.id, deleted: deleted.length }, 'pruned expired snapshots');
  }
  await services.requestSweep();
  return { deleted };
}
