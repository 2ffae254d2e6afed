import type { DatabaseSync } from 'node:sqlite';
import type { Verification } from '../../../contract/schemas.ts';
import type { BeforeRestoreRow, SnapshotRow, SnapshotsCatalog } from '../catalog.ts';
import { insertRow, setClause, transaction, type Row } from './database.ts';
import { footprintOf, snapshotContents } from './storage.ts';

const columns = [
  'site_id',
  'environment_id',
  'kind',
  'status',
  'label',
  'created_by',
  'created_at',
  'completed_at',
  'expires_at',
  'kept_until',
  'pinned',
  'held',
  'size_bytes',
  'stored_bytes',
  'db_size_bytes',
  'db_services',
  'files_size_bytes',
  'file_count',
  'files_services',
  'error_code',
  'error_detail',
  'restore_job_id',
  'restore_selectors',
  'restore_point_id',
  'restore_point_environment_id',
  'restore_point_kind',
  'restore_point_created_at',
  'verified_at',
  'verification_status',
  'verification_job_id',
  'verification_damaged',
  'verification_damaged_count',
] as const;

function toVerification(row: Row): Verification | null {
  if (!row.verified_at) return null;
  return {
    status: row.verification_status as Verification['status'],
    checked_at: row.verified_at as string,
    job_id: row.verification_job_id as string,
    damaged: JSON.parse((row.verification_damaged as string | null) ?? '[]') as Verification['damaged'],
    damaged_count: (row.verification_damaged_count as number | null) ?? 0,
  };
}

function verificationColumns(value: Verification | null): Row {
  return {
    verified_at: value?.checked_at ?? null,
    verification_status: value?.status ?? null,
    verification_job_id: value?.job_id ?? null,
    verification_damaged: value ? JSON.stringify(value.damaged) : null,
    verification_damaged_count: value?.damaged_count ?? null,
  };
}

function toBeforeRestore(row: Row): BeforeRestoreRow | null {
  if (!row.restore_job_id) return null;
  return {
    job_id: row.restore_job_id as string,
    selectors: JSON.parse(row.restore_selectors as string) as BeforeRestoreRow['selectors'],
    restore_point_id: row.restore_point_id as string,
    restore_point_environment_id: row.restore_point_environment_id as string,
    restore_point_environment_name: (row.restore_point_environment_name as string | null) ?? '',
    restore_point_kind: row.restore_point_kind as BeforeRestoreRow['restore_point_kind'],
    restore_point_created_at: row.restore_point_created_at as string,
  };
}

function beforeRestoreColumns(value: BeforeRestoreRow | null): Row {
  return {
    restore_job_id: value?.job_id ?? null,
    restore_selectors: value ? JSON.stringify(value.selectors) : null,
    restore_point_id: value?.restore_point_id ?? null,
    restore_point_environment_id: value?.restore_point_environment_id ?? null,
    restore_point_kind: value?.restore_point_kind ?? null,
    restore_point_created_at: value?.restore_point_created_at ?? null,
  };
}

function toRow(row: Row): SnapshotRow {
  return {
    id: row.id as string,
    site_id: row.site_id as string,
    environment_id: row.environment_id as string,
    environment_name: row.environment_name as string,
    kind: row.kind as SnapshotRow['kind'],
    status: row.status as SnapshotRow['status'],
    label: (row.label as string | null) ?? null,
    created_by: row.created_by as string,
    created_at: row.created_at as string,
    completed_at: (row.completed_at as string | null) ?? null,
    expires_at: row.expires_at as string,
    kept_until: (row.kept_until as string | null) ?? null,
    pinned: row.pinned === 1,
    held: row.held === 1,
    size_bytes: row.size_bytes as number,
    stored_bytes: row.stored_bytes as number,
    db_size_bytes: row.db_size_bytes as number,
    db_services: JSON.parse(row.db_services as string) as string[],
    files_size_bytes: row.files_size_bytes as number,
    file_count: row.file_count as number,
    files_services: JSON.parse(row.files_services as string) as string[],
    error: row.error_code
      ? { code: row.error_code as string, detail: (row.error_detail as string) ?? '' }
      : null,
    before_restore: toBeforeRestore(row),
    verification: toVerification(row),
  };
}

/** Snapshot fields as catalog columns (JSON for lists, 0/1 for booleans, error split in two). */
function toColumns(patch: Partial<SnapshotRow>): Row {
  const { error, pinned, held, db_services, files_services, before_restore, verification, ...rest } =
    patch as Partial<SnapshotRow>;
  delete rest.id;
  delete rest.environment_name;
  const out: Row = {
    ...rest,
    ...(before_restore !== undefined ? beforeRestoreColumns(before_restore) : {}),
    ...(verification !== undefined ? verificationColumns(verification) : {}),
  };
  if (pinned !== undefined) out.pinned = pinned ? 1 : 0;
  if (held !== undefined) out.held = held ? 1 : 0;
  if (db_services !== undefined) out.db_services = JSON.stringify(db_services);
  if (files_services !== undefined) out.files_services = JSON.stringify(files_services);
  if (error !== undefined) {
    out.error_code = error?.code ?? null;
    out.error_detail = error?.detail ?? null;
  }
  return out;
}

const select =
  'SELECT s.*, e.name AS environment_name, rpe.name AS restore_point_environment_name FROM snapshots s' +
  ' JOIN environments e ON e.id = s.environment_id' +
  ' LEFT JOIN environments rpe ON rpe.id = s.restore_point_environment_id';

export function snapshotsCatalog(db: DatabaseSync): SnapshotsCatalog {
  const contents = snapshotContents(db);
  const update = (id: string, patch: Partial<SnapshotRow>) => {
    const set = setClause(toColumns(patch), columns);
    if (set.sql) db.prepare(`UPDATE snapshots SET ${set.sql} WHERE id = ?`).run(...set.values, id);
  };

  return {
    async insertSnapshot(row) {
      insertRow(db, 'snapshots', row.id, toColumns(row), columns);
    },
    async updateSnapshot(id, patch) {
      update(id, patch);
    },
    async completeSnapshot(id, patch, blobs) {
      transaction(db, () => {
        contents.record(id, blobs);
        update(id, patch);
      });
    },
    async getSnapshot(id) {
      const row = db.prepare(`${select} WHERE s.id = ?`).get(id);
      return row ? toRow(row) : null;
    },
    async listSnapshots(environmentId, limit, cursor, kinds) {
      const where = ['s.environment_id = ?'];
      const values: string[] = [environmentId];
      if (cursor) {
        where.push('s.id < ?');
        values.push(cursor);
      }
      if (kinds?.length) {
        where.push(`s.kind IN (${kinds.map(() => '?').join(', ')})`);
        values.push(...kinds);
      }
      const rows = db
        .prepare(`${select} WHERE ${where.join(' AND ')} ORDER BY s.id DESC LIMIT ?`)
        .all(...values, limit + 1);
      const page = rows.slice(0, limit).map(toRow);
      return { rows: page, nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
    },
    async latestSnapshot(environmentId, status) {
      const row = status
        ? db
            .prepare(`${select} WHERE s.environment_id = ? AND s.status = ? ORDER BY s.id DESC LIMIT 1`)
            .get(environmentId, status)
        : db.prepare(`${select} WHERE s.environment_id = ? ORDER BY s.id DESC LIMIT 1`).get(environmentId);
      return row ? toRow(row) : null;
    },
    async deleteSnapshot(id) {
      return transaction(db, () => {
        const footprint = footprintOf(db, id);
        contents.uncount(id);
        db.prepare('DELETE FROM snapshots WHERE id = ?').run(id);
        return footprint;
      });
    },
    async pendingSnapshots() {
      return db.prepare(`${select} WHERE s.status = 'pending' ORDER BY s.id`).all().map(toRow);
    },
    async environmentSnapshots(environmentId) {
      return db
        .prepare(`${select} WHERE s.environment_id = ? ORDER BY s.id DESC`)
        .all(environmentId)
        .map(toRow);
    },
    async updateRetention(updates) {
      const statement = db.prepare(
        'UPDATE snapshots SET expires_at = ?, kept_until = ?, held = ? WHERE id = ?',
      );
      transaction(db, () => {
        for (const u of updates) statement.run(u.expires_at, u.kept_until, u.held ? 1 : 0, u.id);
      });
    },
    async referencedBlobs() {
      const rows = db.prepare('SELECT DISTINCT sha256 FROM environment_blobs').all() as Array<{
        sha256: string;
      }>;
      return new Set(rows.map((r) => r.sha256));
    },
  };
}
