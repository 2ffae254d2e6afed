// The catalog seam: sites, environments, services, snapshots, jobs, idempotency keys, tokens and sessions.
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
  expires_at: string;
  pinned: boolean;
  size_bytes: number;
  stored_bytes: number;
  db_size_bytes: number;
  db_services: string[];
  files_size_bytes: number;
  file_count: number;
  files_services: string[];
  error: ErrorInfo | null;
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
  listSnapshots(environmentId: string, limit: number, cursor: string | null): Promise<SnapshotPage>;
  latestSnapshot(environmentId: string, status?: SnapshotRow['status']): Promise<SnapshotRow | null>;
  deleteSnapshot(id: string): Promise<void>;
  /** Snapshots still `pending`, oldest first (at start: those no queued job will finish). */
  pendingSnapshots(): Promise<SnapshotRow[]>;
  /** Every blob a snapshot in the catalog refers to. */
  referencedBlobs(): Promise<Set<string>>;
}

export interface JobsCatalog {
  insertJob(row: Omit<JobRow, 'environment_name'>): Promise<void>;
  updateJob(id: string, patch: JobPatch): Promise<void>;
  getJob(id: string): Promise<JobRow | null>;
  listJobs(siteId: string, filter: { active: boolean; limit: number }): Promise<JobRow[]>;
  /** Queued or running jobs, oldest first. */
  activeJobs(): Promise<JobRow[]>;
  activeJobForEnvironment(environmentId: string): Promise<JobRow | null>;
  /** Whether a queued or running job uses this snapshot (to restore it, or creates it). */
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
  extends SitesCatalog, SnapshotsCatalog, JobsCatalog, AuthCatalog, IdempotencyCatalog {
  close(): Promise<void>;
}
