// Backup policies: each environment's schedule and retention, its type's default until someone saves one.
import type {
  BackupPolicy,
  BackupRetention,
  BackupSchedule,
  EnvironmentType,
} from '../../contract/schemas.ts';
import { currentZoneName } from '../../contract/time-zones.ts';
import type { BackupPolicyRow, EnvironmentRow, ScheduleStateRow } from '../catalog/catalog.ts';
import { nextRunAfter } from '../schedule/cron.ts';
import type { Services } from './services.ts';

export interface EffectivePolicy {
  schedule: BackupSchedule;
  retention: BackupRetention;
  saved: BackupPolicyRow | null;
}

const keepNothingLonger = { keep_daily: 0, keep_weekly: 0, keep_monthly: 0 };

/**
 * Production is backed up every night; other environments only when someone turns their schedule on. Every
 * type keeps snapshots restorable for 14 days; weekly or monthly snapshots kept longer are a choice to make.
 */
export const defaultPolicies: Record<EnvironmentType, Omit<EffectivePolicy, 'saved'>> = {
  production: {
    schedule: { cron: '0 2 * * *', timezone: 'UTC', enabled: true },
    retention: { days: 14, keep_last: 3, ...keepNothingLonger },
  },
  staging: {
    schedule: { cron: '0 2 * * *', timezone: 'UTC', enabled: false },
    retention: { days: 14, keep_last: 3, ...keepNothingLonger },
  },
  preview: {
    schedule: { cron: '0 2 * * *', timezone: 'UTC', enabled: false },
    retention: { days: 14, keep_last: 1, ...keepNothingLonger },
  },
  development: {
    schedule: { cron: '0 2 * * *', timezone: 'UTC', enabled: false },
    retention: { days: 14, keep_last: 1, ...keepNothingLonger },
  },
};

export async function policyOf(services: Services, env: EnvironmentRow): Promise<EffectivePolicy> {
  const saved = await services.catalog.getBackupPolicy(env.id);
  if (!saved) return { ...structuredClone(defaultPolicies[env.type]), saved: null };
  return {
    // Saved before zones were kept under their current names, a zone may still be in an old spelling.
    schedule: { cron: saved.cron, timezone: currentZoneName(saved.timezone), enabled: saved.enabled },
    retention: {
      days: saved.days,
      keep_last: saved.keep_last,
      keep_daily: saved.keep_daily,
      keep_weekly: saved.keep_weekly,
      keep_monthly: saved.keep_monthly,
    },
    saved,
  };
}

/** The next scheduled backup: the scheduler's own record, or the schedule's next instant from now. */
export function nextBackupAt(
  services: Services,
  policy: EffectivePolicy,
  state: ScheduleStateRow,
): string | null {
  if (!policy.schedule.enabled) return null;
  if (state.next_run_at) return state.next_run_at;
  return nextRunAfter(policy.schedule, services.now())?.toISOString() ?? null;
}

export async function describePolicy(services: Services, env: EnvironmentRow): Promise<BackupPolicy> {
  const policy = await policyOf(services, env);
  const state = await services.catalog.getScheduleState(env.id);
  const lastJob = state.last_run_job_id ? await services.catalog.getJob(state.last_run_job_id) : null;
  return {
    environment: env.name,
    environment_id: env.id,
    schedule: policy.schedule,
    retention: policy.retention,
    is_default: policy.saved === null,
    next_run_at: nextBackupAt(services, policy, state),
    last_run_at: state.last_run_at,
    last_run: lastJob ? { job_id: lastJob.id, status: lastJob.status } : null,
    last_pruned_at: state.last_pruned_at,
    updated_at: policy.saved?.updated_at ?? null,
    updated_by: policy.saved?.updated_by ?? null,
  };
}
