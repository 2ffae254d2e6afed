import type { DatabaseSync } from 'node:sqlite';
import type { BackupPolicyRow, PoliciesCatalog, ScheduleStateRow } from '../catalog.ts';
import { setClause, type Row } from './database.ts';

const stateColumns = ['next_run_at', 'last_run_at', 'last_run_job_id', 'last_pruned_at'] as const;

function toPolicy(row: Row): BackupPolicyRow {
  return {
    environment_id: row.environment_id as string,
    cron: row.cron as string,
    timezone: row.timezone as string,
    enabled: row.enabled === 1,
    days: row.days as number,
    keep_last: row.keep_last as number,
    keep_daily: row.keep_daily as number,
    keep_weekly: row.keep_weekly as number,
    keep_monthly: row.keep_monthly as number,
    updated_at: row.updated_at as string,
    updated_by: row.updated_by as string,
  };
}

export function policiesCatalog(db: DatabaseSync): PoliciesCatalog {
  return {
    async getBackupPolicy(environmentId) {
      const row = db.prepare('SELECT * FROM backup_policies WHERE environment_id = ?').get(environmentId);
      return row ? toPolicy(row) : null;
    },
    async putBackupPolicy(p) {
      db.prepare(
        `INSERT INTO backup_policies (environment_id, cron, timezone, enabled, days, keep_last, keep_daily,
           keep_weekly, keep_monthly, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (environment_id) DO UPDATE SET cron = excluded.cron, timezone = excluded.timezone,
           enabled = excluded.enabled, days = excluded.days, keep_last = excluded.keep_last,
           keep_daily = excluded.keep_daily, keep_weekly = excluded.keep_weekly,
           keep_monthly = excluded.keep_monthly, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      ).run(
        p.environment_id,
        p.cron,
        p.timezone,
        p.enabled ? 1 : 0,
        p.days,
        p.keep_last,
        p.keep_daily,
        p.keep_weekly,
        p.keep_monthly,
        p.updated_at,
        p.updated_by,
      );
    },
    async getScheduleState(environmentId) {
      const row = db.prepare('SELECT * FROM backup_schedules WHERE environment_id = ?').get(environmentId);
      const state = row as unknown as ScheduleStateRow | undefined;
      return (
        state ?? {
          environment_id: environmentId,
          next_run_at: null,
          last_run_at: null,
          last_run_job_id: null,
          last_pruned_at: null,
        }
      );
    },
    async updateScheduleState(environmentId, patch) {
      const set = setClause(patch, stateColumns);
      if (!set.sql) return;
      db.prepare('INSERT INTO backup_schedules (environment_id) VALUES (?) ON CONFLICT DO NOTHING').run(
        environmentId,
      );
      db.prepare(`UPDATE backup_schedules SET ${set.sql} WHERE environment_id = ?`).run(
        ...set.values,
        environmentId,
      );
    },
  };
}
