import type { DatabaseSync } from 'node:sqlite';
import type { JobRow, JobsCatalog } from '../catalog.ts';
import { insertRow, setClause, type Row } from './database.ts';

const columns = [
  'type',
  'status',
  'site_id',
  'environment_id',
  'snapshot_id',
  'pre_restore_snapshot_id',
  'verify_scope',
  'selectors',
  'phase',
  'done_bytes',
  'total_bytes',
  'waiting_for',
  'error_code',
  'error_detail',
  'created_by',
  'created_at',
  'started_at',
  'finished_at',
] as const;

function toRow(row: Row): JobRow {
  return {
    id: row.id as string,
    type: row.type as JobRow['type'],
    status: row.status as JobRow['status'],
    site_id: row.site_id as string,
    environment_id: row.environment_id as string,
    environment_name: row.environment_name as string,
    snapshot_id: row.snapshot_id as string,
    pre_restore_snapshot_id: (row.pre_restore_snapshot_id as string | null) ?? null,
    verify_scope: (row.verify_scope as JobRow['verify_scope']) ?? null,
    selectors: JSON.parse(row.selectors as string) as JobRow['selectors'],
    phase: row.phase as JobRow['phase'],
    done_bytes: row.done_bytes as number,
    total_bytes: row.total_bytes as number,
    waiting_for: (row.waiting_for as string | null) ?? null,
    error: row.error_code
      ? { code: row.error_code as string, detail: (row.error_detail as string) ?? '' }
      : null,
    created_by: row.created_by as string,
    created_at: row.created_at as string,
    started_at: (row.started_at as string | null) ?? null,
    finished_at: (row.finished_at as string | null) ?? null,
  };
}

function toColumns(patch: Partial<JobRow>): Row {
  const { error, selectors, ...rest } = patch as Partial<JobRow>;
  delete rest.id;
  delete rest.environment_name;
  const out: Row = { ...rest };
  if (selectors !== undefined) out.selectors = JSON.stringify(selectors);
  if (error !== undefined) {
    out.error_code = error?.code ?? null;
    out.error_detail = error?.detail ?? null;
  }
  return out;
}

const active = "j.status IN ('queued', 'running')";

const select =
  'SELECT j.*, e.name AS environment_name FROM jobs j JOIN environments e ON e.id = j.environment_id';

export function jobsCatalog(db: DatabaseSync): JobsCatalog {
  return {
    async insertJob(row) {
      insertRow(db, 'jobs', row.id, toColumns(row), columns);
    },
    async updateJob(id, patch) {
      const set = setClause(toColumns(patch), columns);
      if (set.sql) db.prepare(`UPDATE jobs SET ${set.sql} WHERE id = ?`).run(...set.values, id);
    },
    async getJob(id) {
      const row = db.prepare(`${select} WHERE j.id = ?`).get(id);
      return row ? toRow(row) : null;
    },
    async listJobs(siteId, filter) {
      const where = filter.active ? `j.site_id = ? AND ${active}` : 'j.site_id = ?';
      return db
        .prepare(`${select} WHERE ${where} ORDER BY j.id DESC LIMIT ?`)
        .all(siteId, filter.limit)
        .map(toRow);
    },
    async activeJobs() {
      return db.prepare(`${select} WHERE ${active} ORDER BY j.id`).all().map(toRow);
    },
    async activeJobForEnvironment(environmentId) {
      const row = db
        .prepare(
          `${select} WHERE j.environment_id = ? AND ${active} ORDER BY j.status = 'running' DESC, j.id LIMIT 1`,
        )
        .get(environmentId);
      return row ? toRow(row) : null;
    },
    async latestRestore(environmentId) {
      const row = db
        .prepare(
          `${select} WHERE j.environment_id = ? AND j.type = 'restore' AND j.status IN ('queued', 'running', 'succeeded') ORDER BY j.id DESC LIMIT 1`,
        )
        .get(environmentId);
      return row ? toRow(row) : null;
    },
    async snapshotInUse(snapshotId) {
      const row = db
        .prepare(
          `SELECT 1 FROM jobs j WHERE ${active} AND j.type != 'prune' AND (j.snapshot_id = ? OR j.pre_restore_snapshot_id = ?) LIMIT 1`,
        )
        .get(snapshotId, snapshotId);
      if (row !== undefined) return true;
      // A verify of the whole environment reads every snapshot of it.
      const sweep = db
        .prepare(
          `SELECT 1 FROM jobs j JOIN snapshots s ON s.environment_id = j.environment_id WHERE s.id = ? AND ${active} AND j.type = 'verify' AND j.verify_scope = 'environment' LIMIT 1`,
        )
        .get(snapshotId);
      return sweep !== undefined;
    },
  };
}
