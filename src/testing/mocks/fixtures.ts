// Builders of API resources for tests, with sensible defaults; pass overrides for what a test is about.
import type {
  BackupPolicy,
  BeforeRestore,
  Environment,
  Job,
  Service,
  Site,
  Snapshot,
  SnapshotStorage,
} from '@contract/schemas';

let sequence = 0;
export const nextId = (prefix: string) => `${prefix}_${String(++sequence).padStart(8, '0')}`;

const hour = 3_600_000;
const day = 24 * hour;
export const iso = (ms: number) => new Date(ms).toISOString();
/** A moment `ms` before now. */
export const ago = (ms: number) => iso(Date.now() - ms);
export const time = { hour, day, minute: 60_000 };

export function buildSite(overrides: Partial<Site> = {}): Site {
  return {
    id: nextId('site'),
    slug: 'acme-store',
    name: 'Acme Store',
    created_at: ago(30 * day),
    ...overrides,
  };
}

export function buildService(overrides: Partial<Service> = {}): Service {
  return { name: 'db', type: 'sqlite', selector: 'db', size_bytes: 12_400_000, ...overrides };
}

export const defaultServices = (): Service[] => [
  buildService(),
  buildService({ name: 'uploads', type: 'files', selector: 'files', size_bytes: 48_200_000 }),
];

/** A backup policy as the server gives it; production's default runs nightly, the others' are off. */
export function buildPolicy(
  env: Pick<Environment, 'id' | 'name' | 'type'>,
  overrides: Partial<BackupPolicy> = {},
): BackupPolicy {
  const production = env.type === 'production';
  return {
    environment: env.name,
    environment_id: env.id,
    schedule: { cron: '0 2 * * *', timezone: 'UTC', enabled: production },
    retention: { days: 14, keep_last: 3, keep_daily: 0, keep_weekly: 0, keep_monthly: 0 },
    is_default: true,
    next_run_at: production ? iso(Date.now() + 5 * hour) : null,
    last_run_at: null,
    last_run: null,
    last_pruned_at: null,
    updated_at: null,
    updated_by: null,
    ...overrides,
  };
}

/**
 * An environment as stored; `latest_snapshot`, `active_job` and `next_backup_at` are filled in by the fake
 * API (the last from `backup_policy`).
 */
export function buildEnvironment(site: Site, overrides: Partial<Environment> = {}): Environment {
  const env: Environment = {
    id: nextId('env'),
    site_id: site.id,
    name: 'production',
    type: 'production',
    services: defaultServices(),
    latest_snapshot: null,
    active_job: null,
    backup_policy: undefined as unknown as BackupPolicy,
    store_usage_bytes: 0,
    next_backup_at: null,
    latest_restore: null,
    created_at: ago(30 * day),
    ...overrides,
  };
  env.backup_policy = overrides.backup_policy ?? buildPolicy(env);
  return env;
}

export function buildSnapshot(env: Environment, overrides: Partial<Snapshot> = {}): Snapshot {
  const createdAt = overrides.created_at ?? ago(hour);
  return {
    id: nextId('snap'),
    site_id: env.site_id,
    environment: env.name,
    environment_id: env.id,
    kind: 'manual',
    status: 'ready',
    label: null,
    created_by: 'admin',
    created_at: createdAt,
    completed_at: createdAt,
    expires_at: iso(Date.parse(createdAt) + 14 * day),
    pinned: false,
    held: false,
    size_bytes: 60_600_000,
    stored_bytes: 1_200_000,
    parts: {
      db: { size_bytes: 12_400_000, services: ['db'] },
      files: { size_bytes: 48_200_000, file_count: 1204, services: ['uploads'] },
    },
    error: null,
    before_restore: null,
    verification: null,
    ...overrides,
  };
}

/** What a snapshot occupies in the store: most of it shared with the snapshots beside it. */
export function buildStorage(snapshot: Snapshot, overrides: Partial<SnapshotStorage> = {}): SnapshotStorage {
  const storage = { store_usage_bytes: 41_800_000, shared_bytes: 40_600_000, ...overrides };
  return {
    snapshot_id: snapshot.id,
    ...storage,
    freed_bytes: storage.store_usage_bytes - storage.shared_bytes,
  };
}

export function buildJob(env: Environment, overrides: Partial<Job> = {}): Job {
  return {
    id: nextId('job'),
    type: 'backup',
    status: 'running',
    site_id: env.site_id,
    environment: env.name,
    environment_id: env.id,
    snapshot_id: nextId('snap'),
    pre_restore_snapshot_id: null,
    verify_scope: null,
    selectors: ['db', 'files'],
    progress: { phase: 'capturing_files', done_bytes: 20_000_000, total_bytes: 60_600_000 },
    waiting_for: null,
    error: null,
    created_by: 'admin',
    created_at: ago(10_000),
    started_at: ago(9_000),
    finished_at: null,
    ...overrides,
  };
}

/** What the pre-restore snapshot of a restore job records: that job and its restore point. */
export function beforeRestoreOf(job: Pick<Job, 'id' | 'selectors'>, point: Snapshot): BeforeRestore {
  return {
    job_id: job.id,
    selectors: job.selectors,
    restore_point: {
      snapshot_id: point.id,
      environment: point.environment,
      environment_id: point.environment_id,
      kind: point.kind,
      created_at: point.created_at,
    },
  };
}
