// Catalog rows as API v1 resources (contract/schemas.ts).
import type {
  BackupPolicy,
  Environment,
  Job,
  Service,
  Site,
  Snapshot,
  SnapshotStorage,
} from '../../contract/schemas.ts';
import type { EnvironmentRow, JobRow, SiteRow, SnapshotFootprint, SnapshotRow } from '../catalog/catalog.ts';
import { restorableUntil } from '../retention/plan.ts';

export function presentSite(row: SiteRow): Site {
  return { id: row.id, slug: row.slug, name: row.name, created_at: row.created_at };
}

export function presentSnapshot(row: SnapshotRow): Snapshot {
  return {
    id: row.id,
    site_id: row.site_id,
    environment: row.environment_name,
    environment_id: row.environment_id,
    kind: row.kind,
    status: row.status,
    label: row.label,
    created_by: row.created_by,
    created_at: row.created_at,
    completed_at: row.completed_at,
    expires_at: restorableUntil(row),
    pinned: row.pinned,
    held: row.held,
    size_bytes: row.size_bytes,
    stored_bytes: row.stored_bytes,
    parts: {
      db: { size_bytes: row.db_size_bytes, services: row.db_services },
      files: { size_bytes: row.files_size_bytes, file_count: row.file_count, services: row.files_services },
    },
    error: row.error,
    before_restore: row.before_restore && {
      job_id: row.before_restore.job_id,
      selectors: row.before_restore.selectors,
      restore_point: {
        snapshot_id: row.before_restore.restore_point_id,
        environment: row.before_restore.restore_point_environment_name,
        environment_id: row.before_restore.restore_point_environment_id,
        kind: row.before_restore.restore_point_kind,
        created_at: row.before_restore.restore_point_created_at,
      },
    },
    verification: row.verification,
  };
}

export function presentStorage(snapshotId: string, footprint: SnapshotFootprint): SnapshotStorage {
  return {
    snapshot_id: snapshotId,
    store_usage_bytes: footprint.stored_bytes,
    shared_bytes: footprint.shared_bytes,
    freed_bytes: footprint.stored_bytes - footprint.shared_bytes,
  };
}

export function presentJob(row: JobRow): Job {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    site_id: row.site_id,
    environment: row.environment_name,
    environment_id: row.environment_id,
    snapshot_id: row.snapshot_id,
    pre_restore_snapshot_id: row.pre_restore_snapshot_id,
    verify_scope: row.verify_scope,
    selectors: row.selectors,
    progress: { phase: row.phase, done_bytes: row.done_bytes, total_bytes: row.total_bytes },
    waiting_for: row.waiting_for,
    error: row.error,
    created_by: row.created_by,
    created_at: row.created_at,
    started_at: row.started_at,
    finished_at: row.finished_at,
  };
}

export function presentEnvironment(
  row: EnvironmentRow,
  extra: {
    sizes: Array<number | null>;
    latest: SnapshotRow | null;
    activeJob: JobRow | null;
    policy: BackupPolicy;
    storeUsage: number;
    latestRestore: { job: JobRow; preRestore: SnapshotRow | null } | null;
  },
): Environment {
  const services: Service[] = row.services.map((service, index) => ({
    name: service.name,
    type: service.type,
    selector: service.selector,
    size_bytes: extra.sizes[index] ?? null,
  }));
  return {
    id: row.id,
    site_id: row.site_id,
    name: row.name,
    type: row.type,
    services,
    latest_snapshot: extra.latest ? presentSnapshot(extra.latest) : null,
    active_job: extra.activeJob ? presentJob(extra.activeJob) : null,
    backup_policy: extra.policy,
    store_usage_bytes: extra.storeUsage,
    next_backup_at: extra.policy.next_run_at,
    latest_restore: extra.latestRestore && {
      job: presentJob(extra.latestRestore.job),
      pre_restore_snapshot: extra.latestRestore.preRestore && presentSnapshot(extra.latestRestore.preRestore),
    },
    created_at: row.created_at,
  };
}
