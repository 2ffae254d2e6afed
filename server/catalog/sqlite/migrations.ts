// Each entry moves the catalog schema one version forward (PRAGMA user_version). Never edit a shipped entry.
export const migrations: string[] = [
  `
  CREATE TABLE sites (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
  );
  CREATE TABLE environments (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES sites(id),
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    UNIQUE (site_id, name)
  );
  CREATE TABLE services (
    environment_id TEXT NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    selector TEXT NOT NULL,
    path TEXT,
    url TEXT,
    position INTEGER NOT NULL,
    PRIMARY KEY (environment_id, name)
  );
  CREATE TABLE snapshots (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES sites(id),
    environment_id TEXT NOT NULL REFERENCES environments(id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    label TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    completed_at TEXT,
    expires_at TEXT NOT NULL,
    pinned INTEGER NOT NULL DEFAULT 0,
    size_bytes INTEGER NOT NULL DEFAULT 0,
    stored_bytes INTEGER NOT NULL DEFAULT 0,
    db_size_bytes INTEGER NOT NULL DEFAULT 0,
    db_services TEXT NOT NULL DEFAULT '[]',
    files_size_bytes INTEGER NOT NULL DEFAULT 0,
    file_count INTEGER NOT NULL DEFAULT 0,
    files_services TEXT NOT NULL DEFAULT '[]',
    error_code TEXT,
    error_detail TEXT
  );
  CREATE INDEX snapshots_by_environment ON snapshots (environment_id, id DESC);
  CREATE TABLE blob_refs (
    snapshot_id TEXT NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, sha256)
  ) WITHOUT ROWID;
  CREATE INDEX blob_refs_by_sha ON blob_refs (sha256);
  CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    site_id TEXT NOT NULL REFERENCES sites(id),
    environment_id TEXT NOT NULL REFERENCES environments(id),
    snapshot_id TEXT NOT NULL,
    pre_restore_snapshot_id TEXT,
    selectors TEXT NOT NULL,
    phase TEXT NOT NULL,
    done_bytes INTEGER NOT NULL DEFAULT 0,
    total_bytes INTEGER NOT NULL DEFAULT 0,
    waiting_for TEXT,
    error_code TEXT,
    error_detail TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT
  );
  CREATE INDEX jobs_by_status ON jobs (status, id);
  CREATE INDEX jobs_by_site ON jobs (site_id, id DESC);
  CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    state TEXT NOT NULL,
    status_code INTEGER,
    response TEXT,
    location TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (scope, key)
  );
  CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
  CREATE TABLE tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
  );
  CREATE TABLE sessions (
    hash TEXT PRIMARY KEY,
    token_id TEXT NOT NULL REFERENCES tokens(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  `,
  // 2: backup policies, the scheduler's memory, and the retention plan's fields on snapshots.
  `
  ALTER TABLE snapshots ADD COLUMN kept_until TEXT;
  ALTER TABLE snapshots ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE backup_policies (
    environment_id TEXT PRIMARY KEY REFERENCES environments(id),
    cron TEXT NOT NULL,
    timezone TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    days INTEGER NOT NULL,
    keep_last INTEGER NOT NULL,
    keep_daily INTEGER NOT NULL,
    keep_weekly INTEGER NOT NULL,
    keep_monthly INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
  );
  CREATE TABLE backup_schedules (
    environment_id TEXT PRIMARY KEY REFERENCES environments(id),
    next_run_at TEXT,
    last_run_at TEXT,
    last_run_job_id TEXT,
    last_pruned_at TEXT
  );
  `,
  // 3: what snapshots occupy in the store. blob_sizes: the compressed size of each content snapshots refer to,
  // learned from the store once. environment_blobs: each distinct content an environment's snapshots refer to,
  // and how many of them do (kept as snapshots turn ready or are deleted), so that an environment's usage is a
  // sum over its distinct contents rather than over every reference of every snapshot.
  `
  CREATE TABLE blob_sizes (
    sha256 TEXT PRIMARY KEY,
    stored_bytes INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE environment_blobs (
    environment_id TEXT NOT NULL REFERENCES environments(id),
    sha256 TEXT NOT NULL,
    snapshots INTEGER NOT NULL,
    PRIMARY KEY (environment_id, sha256)
  ) WITHOUT ROWID;
  INSERT INTO environment_blobs (environment_id, sha256, snapshots)
    SELECT s.environment_id, r.sha256, COUNT(*) FROM blob_refs r JOIN snapshots s ON s.id = r.snapshot_id
    GROUP BY s.environment_id, r.sha256;
  `,
  // 4: what a pre-restore snapshot protects (the restore it was taken before), and an environment's jobs by age.
  `
  ALTER TABLE snapshots ADD COLUMN restore_job_id TEXT;
  ALTER TABLE snapshots ADD COLUMN restore_selectors TEXT;
  ALTER TABLE snapshots ADD COLUMN restore_point_id TEXT;
  ALTER TABLE snapshots ADD COLUMN restore_point_environment_id TEXT;
  ALTER TABLE snapshots ADD COLUMN restore_point_kind TEXT;
  ALTER TABLE snapshots ADD COLUMN restore_point_created_at TEXT;
  CREATE INDEX jobs_by_environment ON jobs (environment_id, id DESC);
  `,
  // 5: no index of every snapshot's references by content. Each snapshot added a row per content to it, all
  // over it, so saving one rewrote most of it and took longer the longer the history. What asked the
  // references by content asks environment_blobs instead (one row per content per environment, which an
  // unchanged snapshot does not grow), through its own index by content.
  `
  DROP INDEX blob_refs_by_sha;
  CREATE INDEX environment_blobs_by_sha ON environment_blobs (sha256);
  `,
  // 6: the latest verify of each snapshot (what it found damaged, as JSON: at most the first 100), and which
  // verify jobs check a whole environment rather than one snapshot.
  `
  ALTER TABLE snapshots ADD COLUMN verified_at TEXT;
  ALTER TABLE snapshots ADD COLUMN verification_status TEXT;
  ALTER TABLE snapshots ADD COLUMN verification_job_id TEXT;
  ALTER TABLE snapshots ADD COLUMN verification_damaged TEXT;
  ALTER TABLE snapshots ADD COLUMN verification_damaged_count INTEGER;
  ALTER TABLE jobs ADD COLUMN verify_scope TEXT;
  `,
];
