// The catalog seam: sites, environments, services, snapshots, jobs, backup policies and schedules,
// idempotency keys, tokens and sessions.
// The embedded implementation is SQLite (sqlite/); every method is async so PostgreSQL can implement it too.
import type {
  EnvironmentType,
  JobPhase,
  JobStatus,
  JobType,
  Selector,
  ServiceType,
  SnapshotKind,
  SnapshotStatus,
  Verification,
} from '../../contract/schemas.ts';

export interface SiteRow {
  id: string;
  slug: string;
  name: string;
  created_at: string;
}

export interface ServiceRow {
  name: string;
  type: ServiceType;
  selector: Selector;
  path: string | null;
  url: string | null;
}

export interface EnvironmentRow {
  id: string;
  site_id: string;
  name: string;
  type: EnvironmentType;
  created_at: string;
  services: ServiceRow[];
}

export interface ErrorInfo {
  code: string;
  detail: string;
}

/** What a pre-restore snapshot protects: the restore it was taken before, and that restore's restore point. */
export interface BeforeRestoreRow {
  job_id: string;
  selectors: Selector[];
  restore_point_id: string;
  restore_point_environment_id: string;
  /** Read only: joined from the restore point's environment. */
  restore_point_environment_name: string;
  restore_point_kind: SnapshotKind;
  restore_point_created_at: string;
}

export interface SnapshotRow {
  id: string;
  site_id: string;
  environment_id: string;
  /** Read only: joined from the environment. */
  environment_name: string;
  kind: SnapshotKind;
  status: SnapshotStatus;
  label: string | null;
  created_by: string;
  created_at: string;
  completed_at: string | null;
  /** End of the retention window: creation + the policy's days (recomputed when the days change). */
  expires_at: string;
  /** Later end when keep_daily, keep_weekly or keep_monthly keeps it (set by the retention plan). */
  kept_until: string | null;
  pinned: boolean;
  /** Kept past its dates while among the newest restore points, or while scheduled backups fail. */
  held: boolean;
  size_bytes: number;
  stored_bytes: number;
  db_size_bytes: number;
  db_services: string[];
  files_size_bytes: number;
  file_count: number;
  files_services: string[];
  error: ErrorInfo | null;
  /** Pre-restore snapshots only (null for those taken before it was recorded). */
  before_restore: BeforeRestoreRow | null;
  /** The latest verify that finished; null until one has. */
  verification: Verification | null;
}

export interface JobRow {
  id: string;
  type: JobType;
  status: JobStatus;
  site_id: string;
  environment_id: string;
  /** Read only: joined from the environment. */
  environment_name: string;
  snapshot_id: string;
  pre_restore_snapshot_id: string | null;
  /** Verify jobs: one snapshot, or every ready snapshot of the environment. */
  verify_scope: 'snapshot' | 'environment' | null;
  selectors: Selector[];
  phase: JobPhase;
  done_bytes: number;
  total_bytes: number;
  waiting_for: string | null;
  error: ErrorInfo | null;
  created_by: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export type SnapshotPatch = Partial<Omit<SnapshotRow, 'id' | 'environment_name'>>;
export type JobPatch = Partial<Omit<JobRow, 'id' | 'environment_name'>>;

export interface SiteDefinition {
  slug: string;
  name: string;
  environments: Array<{ name: string; type: EnvironmentType; services: ServiceRow[] }>;
}

export interface SnapshotPage {
  rows: SnapshotRow[];
  nextCursor: string | null;
}

export interface IdempotencyRecord {
  request_hash: string;
  state: 'pending' | 'done';
  status_code: number | null;
  response: string | null;
  location: string | null;
  created_at: string;
}

export interface TokenRow {
  id: string;
  name: string;
  created_at: string;
}

export interface SessionRow {
  token_id: string;
  token_name: string;
  csrf_token: string;
  expires_at: string;
}

export interface BackupPolicyRow {
  environment_id: string;
  cron: string;
  timezone: string;
  enabled: boolean;
  days: number;
  keep_last: number;
  keep_daily: number;
  keep_weekly: number;
  keep_monthly: number;
  updated_at: string;
  updated_by: string;
}

/** What the scheduler remembers of an environment, so a restart knows what it missed. */
export interface ScheduleStateRow {
  environment_id: string;
  next_run_at: string | null;
  last_run_at: string | null;
  last_run_job_id: string | null;
  last_pruned_at: string | null;
}

export interface RetentionUpdate {
  id: string;
  expires_at: string;
  kept_until: string | null;
  held: boolean;
}

export interface SitesCatalog {
  /** Makes the catalog describe exactly these sites; sites and environments no longer described are hidden. */
  syncSites(sites: SiteDefinition[]): Promise<void>;
  listSites(): Promise<SiteRow[]>;
  findSite(idOrSlug: string): Promise<SiteRow | null>;
  listEnvironments(siteId: string): Promise<EnvironmentRow[]>;
  findEnvironment(siteId: string, idOrName: string): Promise<EnvironmentRow | null>;
  getEnvironment(id: string): Promise<EnvironmentRow | null>;
}

export interface SnapshotsCatalog {
  insertSnapshot(row: Omit<SnapshotRow, 'environment_name'>): Promise<void>;
  updateSnapshot(id: string, patch: SnapshotPatch): Promise<void>;
  /** Marks the snapshot ready and records the blobs it uses, in one transaction. */
  completeSnapshot(id: string, patch: SnapshotPatch, blobs: Iterable<string>): Promise<void>;
  getSnapshot(id: string): Promise<SnapshotRow | null>;
  /** Newest first; with `kinds`, only snapshots of those kinds (the cursor stays the last id seen). */
  listSnapshots(
    environmentId: string,
    limit: number,
    cursor: string | null,
    kinds?: readonly SnapshotKind[],
  ): Promise<SnapshotPage>;
  latestSnapshot(environmentId: string, status?: SnapshotRow['status']): Promise<SnapshotRow | null>;
  /** Deletes it and answers what it occupied in the store just before, measured in the same transaction. */
  deleteSnapshot(id: string): Promise<SnapshotFootprint>;
  /** Snapshots still `pending`, oldest first (at start: those no queued job will finish). */
  pendingSnapshots(): Promise<SnapshotRow[]>;
  /** Every blob a snapshot in the catalog refers to. */
  referencedBlobs(): Promise<Set<string>>;
  /** Every snapshot of an environment, newest first (what retention looks at). */
  environmentSnapshots(environmentId: string): Promise<SnapshotRow[]>;
  /** Writes the retention plan's dates and holds, in one transaction. */
  updateRetention(updates: RetentionUpdate[]): Promise<void>;
}

/** What a snapshot's contents occupy in the store, as far as the catalog knows their sizes. */
export interface SnapshotFootprint {
  /** Its distinct contents, compressed. */
  stored_bytes: number;
  /** Of those, the ones another snapshot refers to too. */
  shared_bytes: number;
}

/** The store's compressed size of each content, kept beside the snapshots that refer to it. */
export interface StorageCatalog {
  /** Contents the snapshot, or any snapshot of the environment, refers to whose size is not known yet. */
  blobsOfUnknownSize(scope: { snapshotId: string } | { environmentId: string }): Promise<string[]>;
  recordBlobSizes(sizes: Array<{ sha256: string; stored_bytes: number }>): Promise<void>;
  /** Forgets the sizes of contents no snapshot refers to (the store deletes those). */
  forgetUnreferencedBlobSizes(): Promise<void>;
  snapshotFootprint(snapshotId: string): Promise<SnapshotFootprint>;
  /** The distinct contents every snapshot of the environment refers to, compressed, each counted once. */
  environmentStoreUsage(environmentId: string): Promise<number>;
}

export interface PoliciesCatalog {
  /** The saved policy; null while the environment follows its type's default. */
  getBackupPolicy(environmentId: string): Promise<BackupPolicyRow | null>;
  putBackupPolicy(row: BackupPolicyRow): Promise<void>;
  getScheduleState(environmentId: string): Promise<ScheduleStateRow>;
  updateScheduleState(
    environmentId: string,
    patch: Partial<Omit<ScheduleStateRow, 'environment_id'>>,
  ): Promise<void>;
}

export interface JobsCatalog {
  insertJob(row: Omit<JobRow, 'environment_name'>): Promise<void>;
  updateJob(id: string, patch: JobPatch): Promise<void>;
  getJob(id: string): Promise<JobRow | null>;
  listJobs(siteId: string, filter: { active: boolean; limit: number }): Promise<JobRow[]>;
  /** Queued or running jobs, oldest first. */
  activeJobs(): Promise<JobRow[]>;
  activeJobForEnvironment(environmentId: string): Promise<JobRow | null>;
  /** The newest restore into the environment that is queued, running or succeeded. */
  latestRestore(environmentId: string): Promise<JobRow | null>;
  /**
   * Whether a queued or running backup, restore or verify uses this snapshot (creates it, restores it or
   * checks it; a verify of its whole environment checks it too).
   */
  snapshotInUse(snapshotId: string): Promise<boolean>;
}

export interface AuthCatalog {
  insertToken(token: TokenRow & { hash: string }): Promise<void>;
  findTokenByHash(hash: string): Promise<TokenRow | null>;
  countTokens(): Promise<number>;
  insertSession(session: {
    hash: string;
    token_id: string;
    csrf_token: string;
    created_at: string;
    expires_at: string;
  }): Promise<void>;
  findSession(hash: string, now: string): Promise<SessionRow | null>;
  deleteSession(hash: string): Promise<void>;
}

export interface IdempotencyCatalog {
  /** Claims the key for a request; returns the existing record instead when the key is taken. */
  claimIdempotencyKey(
    scope: string,
    key: string,
    requestHash: string,
    now: string,
  ): Promise<IdempotencyRecord | null>;
  completeIdempotencyKey(
    scope: string,
    key: string,
    result: { status_code: number; response: string; location: string | null },
  ): Promise<void>;
  releaseIdempotencyKey(scope: string, key: string): Promise<void>;
  deleteIdempotencyKeysBefore(cutoff: string): Promise<number>;
}

export interface Catalog
  extends
    SitesCatalog,
    SnapshotsCatalog,
    StorageCatalog,
    JobsCatalog,
    PoliciesCatalog,
    AuthCatalog,
    IdempotencyCatalog {
  close(): Promise<void>;
}
