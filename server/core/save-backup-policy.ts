import type { BackupPolicyRequest } from '../../contract/requests.ts';
import type { BackupPolicy } from '../../contract/schemas.ts';
import type { BackupPolicyRow, EnvironmentRow } from '../catalog/catalog.ts';
import { checkSchedule, nextRunAfter } from '../schedule/cron.ts';
import { describePolicy, policyOf } from './backup-policy.ts';
import { refreshRetention } from './retention.ts';
import type { Services } from './services.ts';

/**
 * Saves a policy (a 400 names a bad cron or zone). A new schedule counts from now: slots it would have had
 * before are not caught up. A change of `days` measures every snapshot's window again from its creation
 * (longer keeps more, shorter lets the next prune delete more); keep_* and holds are planned again at once.
 */
export async function saveBackupPolicy(
  services: Services,
  env: EnvironmentRow,
  body: BackupPolicyRequest,
  actor: string,
): Promise<BackupPolicy> {
  const { cron, timezone } = checkSchedule(body.schedule);
  const before = await policyOf(services, env);
  const now = services.now();
  const row: BackupPolicyRow = {
    environment_id: env.id,
    cron,
    timezone,
    enabled: body.schedule.enabled ?? true,
    days: body.retention.days,
    keep_last: body.retention.keep_last ?? 0,
    keep_daily: body.retention.keep_daily ?? 0,
    keep_weekly: body.retention.keep_weekly ?? 0,
    keep_monthly: body.retention.keep_monthly ?? 0,
    updated_at: now.toISOString(),
    updated_by: actor,
  };
  await services.catalog.putBackupPolicy(row);

  const state = await services.catalog.getScheduleState(env.id);
  const scheduleChanged =
    !before.schedule.enabled ||
    before.schedule.cron !== cron ||
    before.schedule.timezone !== timezone ||
    state.next_run_at === null;
  if (!row.enabled) await services.catalog.updateScheduleState(env.id, { next_run_at: null });
  else if (scheduleChanged) {
    const next = nextRunAfter({ cron, timezone }, now);
    await services.catalog.updateScheduleState(env.id, { next_run_at: next?.toISOString() ?? null });
  }
  await refreshRetention(services, env, { remeasureWindows: before.retention.days !== row.days });
  services.scheduler.wake();
  return describePolicy(services, env);
}
