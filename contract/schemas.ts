// The API v1 resources, defined once. The server validates and documents with these schemas;
// the dashboard and the CLI use the types (import type only, so no schema code reaches the browser).
import Type, { type Static } from 'typebox';

const Timestamp = Type.String({ format: 'date-time', description: 'RFC 3339, UTC' });
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);
const Nullable = <T extends Type.TSchema>(schema: T, options?: Type.TSchemaOptions) =>
  Type.Union([schema, Type.Null()], options);

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: 'stable, machine-readable' }),
    field: Type.Optional(Type.String({ description: 'the request field at fault, for a 400' })),
  },
  { description: 'application/problem+json (RFC 9457)' },
);
export type Problem = Static<typeof Problem>;

export const Selector = Type.Union([Type.Literal('db'), Type.Literal('files')], {
  description: '`db`: every database service of the environment; `files`: every file mount',
});
export type Selector = Static<typeof Selector>;

export { ARCHIVE_FORMATS, ARCHIVE_MEDIA_TYPES, type ArchiveFormat } from './archive-formats.ts';

export const ServiceType = Type.Union([
  Type.Literal('sqlite'),
  Type.Literal('files'),
  Type.Literal('postgres'),
  Type.Literal('mysql'),
  Type.Literal('redis'),
]);
export type ServiceType = Static<typeof ServiceType>;

export const EnvironmentType = Type.Union([
  Type.Literal('production'),
  Type.Literal('staging'),
  Type.Literal('preview'),
  Type.Literal('development'),
]);
export type EnvironmentType = Static<typeof EnvironmentType>;

export const Site = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  created_at: Timestamp,
});
export type Site = Static<typeof Site>;

export const Service = Type.Object({
  name: Type.String(),
  type: ServiceType,
  selector: Selector,
  size_bytes: Nullable(
    Type.Integer({ description: 'current size of its data; null when it cannot be read' }),
  ),
});
export type Service = Static<typeof Service>;

const PartDb = Type.Object({
  size_bytes: Type.Integer(),
  services: Type.Array(Type.String()),
});
const PartFiles = Type.Object({
  size_bytes: Type.Integer(),
  file_count: Type.Integer(),
  services: Type.Array(Type.String()),
});

export const SnapshotKind = Type.Union([
  Type.Literal('manual'),
  Type.Literal('scheduled'),
  Type.Literal('pre_restore'),
]);
export type SnapshotKind = Static<typeof SnapshotKind>;
export const SnapshotStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('ready'),
  Type.Literal('failed'),
]);
export type SnapshotStatus = Static<typeof SnapshotStatus>;

export const BeforeRestore = Type.Object(
  {
    job_id: Type.String({ description: 'the restore job that took this snapshot just before it swapped' }),
    selectors: Type.Array(Selector, { description: 'what that restore overwrote' }),
    restore_point: Type.Object(
      {
        snapshot_id: Type.String(),
        environment: Type.String({
          description: "its environment's name (another one for a cross-environment restore)",
        }),
        environment_id: Type.String(),
        kind: SnapshotKind,
        created_at: Timestamp,
      },
      { description: 'the snapshot that restore brought back; it may since have been deleted or pruned' },
    ),
  },
  {
    description:
      'What a pre-restore snapshot protects: the restore it was taken before, into its own environment. Restoring it with the same selectors undoes that restore.',
  },
);
export type BeforeRestore = Static<typeof BeforeRestore>;

export const DamagedContent = Type.Object(
  {
    service: Nullable(Type.String(), {
      description: 'the service whose content it is; null for the manifest itself',
    }),
    path: Nullable(Type.String(), {
      description:
        "a file mount's file (POSIX path in the mount); null for a database's dump or the manifest",
    }),
    sha256: Nullable(Type.String(), {
      description: 'the content the store should hold; null for the manifest',
    }),
    code: Type.Union(
      [
        Type.Literal('missing_blob'),
        Type.Literal('corrupt_blob'),
        Type.Literal('size_mismatch'),
        Type.Literal('missing_manifest'),
        Type.Literal('corrupt_manifest'),
      ],
      {
        description:
          'what is wrong: absent from the store, content that does not hash to its name, or of another size',
      },
    ),
    detail: Type.String(),
  },
  { description: 'A content of the snapshot that the store does not hold intact.' },
);
export type DamagedContent = Static<typeof DamagedContent>;

export const VerificationStatus = Type.Union([Type.Literal('ok'), Type.Literal('damaged')]);
export type VerificationStatus = Static<typeof VerificationStatus>;

export const Verification = Type.Object(
  {
    status: VerificationStatus,
    checked_at: Timestamp,
    job_id: Type.String({ description: 'the verify job that checked it' }),
    damaged: Type.Array(DamagedContent, {
      description: 'what is damaged, at most the first 100; empty when ok',
    }),
    damaged_count: Type.Integer({ description: 'how many contents are damaged in all' }),
  },
  {
    description:
      'The latest verify of the snapshot: every content its manifest names read back from the store and checked against its SHA-256 and size.',
  },
);
export type Verification = Static<typeof Verification>;

export const Snapshot = Type.Object({
  id: Type.String(),
  site_id: Type.String(),
  environment: Type.String({ description: "the environment's name" }),
  environment_id: Type.String(),
  kind: SnapshotKind,
  status: SnapshotStatus,
  label: Nullable(Type.String()),
  created_by: Type.String(),
  created_at: Timestamp,
  completed_at: NullableTimestamp,
  expires_at: Type.String({
    format: 'date-time',
    description:
      'restorable until then (unless pinned or held): the retention window, or longer when keep_daily, keep_weekly or keep_monthly keeps it',
  }),
  pinned: Type.Boolean(),
  held: Type.Boolean({
    description:
      'kept by the backup policy past `expires_at` while it is one of the newest restore points (keep_last, the newest ready snapshot) or while scheduled backups fail; restorable while held',
  }),
  size_bytes: Type.Integer({ description: 'the captured data, uncompressed' }),
  stored_bytes: Type.Integer({
    description: 'what this snapshot added to the store (new content, compressed)',
  }),
  parts: Type.Object({ db: PartDb, files: PartFiles }),
  error: Nullable(Type.Object({ code: Type.String(), detail: Type.String() })),
  before_restore: Nullable(BeforeRestore, {
    description:
      'kind `pre_restore`: the restore it was taken before; null for other kinds, and for pre-restore snapshots older than this field',
  }),
  verification: Nullable(Verification, {
    description:
      'the latest verify of it; null until one has finished. A damaged snapshot cannot be restored.',
  }),
});
export type Snapshot = Static<typeof Snapshot>;

export const SnapshotStorage = Type.Object(
  {
    snapshot_id: Type.String(),
    store_usage_bytes: Type.Integer({
      description: 'its distinct contents as the store holds them (compressed), each counted once',
    }),
    shared_bytes: Type.Integer({
      description: 'of those, the contents other snapshots use too: deleting this snapshot keeps them',
    }),
    freed_bytes: Type.Integer({
      description:
        'store_usage_bytes less shared_bytes: the contents only this snapshot uses, which deleting it frees',
    }),
  },
  {
    description:
      'What a snapshot occupies in the content-addressed store, where snapshots share what they have in common. Its manifest, a small file, is left out.',
  },
);
export type SnapshotStorage = Static<typeof SnapshotStorage>;

export const JobType = Type.Union(
  [Type.Literal('backup'), Type.Literal('restore'), Type.Literal('prune'), Type.Literal('verify')],
  {
    description:
      '`prune`: deletes the snapshots the backup policy no longer keeps; `verify`: reads back every content of one snapshot, or of every ready snapshot of the environment, and checks it',
  },
);
export type JobType = Static<typeof JobType>;
export const JobStatus = Type.Union([
  Type.Literal('queued'),
  Type.Literal('running'),
  Type.Literal('succeeded'),
  Type.Literal('failed'),
  Type.Literal('canceled'),
]);
export type JobStatus = Static<typeof JobStatus>;

export const JobPhase = Type.Union(
  [
    Type.Literal('queued'),
    Type.Literal('capturing_db'),
    Type.Literal('capturing_files'),
    Type.Literal('verifying'),
    Type.Literal('staging'),
    Type.Literal('pre_restore_snapshot'),
    Type.Literal('swapping'),
    Type.Literal('finalizing'),
    Type.Literal('done'),
  ],
  { description: 'what the job is doing now' },
);
export type JobPhase = Static<typeof JobPhase>;

export const Job = Type.Object({
  id: Type.String(),
  type: JobType,
  status: JobStatus,
  site_id: Type.String(),
  environment: Type.String({ description: 'the environment the job works on (a restore: its target)' }),
  environment_id: Type.String(),
  snapshot_id: Type.String({
    description:
      'backup: the snapshot it creates; restore: the snapshot it restores; prune: the newest snapshot, which it keeps; verify: the snapshot it checks (with `verify_scope` `environment`: the newest ready one)',
  }),
  verify_scope: Nullable(
    Type.Union([Type.Literal('snapshot'), Type.Literal('environment')], {
      description: '`snapshot`: the one snapshot; `environment`: every ready snapshot of the environment',
    }),
    { description: 'verify jobs only; null for other types' },
  ),
  pre_restore_snapshot_id: Nullable(Type.String()),
  selectors: Type.Array(Selector),
  progress: Type.Object({ phase: JobPhase, done_bytes: Type.Integer(), total_bytes: Type.Integer() }),
  waiting_for: Nullable(Type.String({ description: 'while queued: the job it waits for' })),
  error: Nullable(Type.Object({ code: Type.String(), detail: Type.String() })),
  created_by: Type.String(),
  created_at: Timestamp,
  started_at: NullableTimestamp,
  finished_at: NullableTimestamp,
});
export type Job = Static<typeof Job>;

export const BackupSchedule = Type.Object({
  cron: Type.String({
    description: 'five fields (minute hour day-of-month month day-of-week), read in `timezone`',
    examples: ['0 2 * * *'],
  }),
  timezone: Type.String({ description: 'an IANA time zone', examples: ['Europe/Paris'] }),
  enabled: Type.Boolean(),
});
export type BackupSchedule = Static<typeof BackupSchedule>;

export const BackupRetention = Type.Object({
  days: Type.Integer({ minimum: 1, maximum: 3650, description: 'how long a snapshot stays restorable' }),
  keep_last: Type.Integer({
    minimum: 0,
    maximum: 1000,
    description: 'the newest N ready snapshots are kept whatever their age',
  }),
  keep_daily: Type.Integer({
    minimum: 0,
    maximum: 3650,
    description: 'the newest snapshot of each of the last N calendar days is kept that long',
  }),
  keep_weekly: Type.Integer({
    minimum: 0,
    maximum: 520,
    description: 'the newest snapshot of each of the last N weeks (Monday to Sunday) is kept that long',
  }),
  keep_monthly: Type.Integer({
    minimum: 0,
    maximum: 120,
    description: 'the newest snapshot of each of the last N calendar months is kept that long',
  }),
});
export type BackupRetention = Static<typeof BackupRetention>;

export const BackupPolicy = Type.Object({
  environment: Type.String({ description: "the environment's name" }),
  environment_id: Type.String(),
  schedule: BackupSchedule,
  retention: BackupRetention,
  is_default: Type.Boolean({
    description: "true until someone saves a policy: the environment type's default",
  }),
  next_run_at: Nullable(Type.String({ format: 'date-time', description: 'null when the schedule is off' })),
  last_run_at: NullableTimestamp,
  last_run: Nullable(
    Type.Object({ job_id: Type.String(), status: JobStatus }, { description: 'the latest scheduled backup' }),
  ),
  last_pruned_at: NullableTimestamp,
  updated_at: NullableTimestamp,
  updated_by: Nullable(Type.String()),
});
export type BackupPolicy = Static<typeof BackupPolicy>;

export const Environment = Type.Object({
  id: Type.String(),
  site_id: Type.String(),
  name: Type.String(),
  type: EnvironmentType,
  services: Type.Array(Service),
  latest_snapshot: Nullable(Snapshot),
  active_job: Nullable(Job),
  backup_policy: BackupPolicy,
  store_usage_bytes: Type.Integer({
    description:
      'what its snapshots occupy in the store: their distinct contents, compressed, each counted once however many snapshots share it (a content another environment uses too counts in both)',
  }),
  next_backup_at: Nullable(
    Type.String({ format: 'date-time', description: 'the next scheduled backup; null when off' }),
  ),
  latest_restore: Nullable(
    Type.Object({
      job: Job,
      pre_restore_snapshot: Nullable(Snapshot, {
        description:
          'the snapshot the restore took first; restoring it with the same selectors undoes the restore',
      }),
    }),
    {
      description:
        'the newest restore into this environment that is queued, running or succeeded (a failed or canceled restore changed nothing); null when there is none',
    },
  ),
  created_at: Timestamp,
});
export type Environment = Static<typeof Environment>;

export const Session = Type.Object({
  csrf_token: Type.String({ description: 'send as X-CSRF-Token on requests that change state' }),
  expires_at: Timestamp,
});
export type Session = Static<typeof Session>;

export const Health = Type.Object({ status: Type.Literal('ok'), version: Type.String() });
export type Health = Static<typeof Health>;

export const List = <T extends Type.TSchema>(item: T) => Type.Object({ data: Type.Array(item) });
export const Page = <T extends Type.TSchema>(item: T) =>
  Type.Object({ data: Type.Array(item), next_cursor: Nullable(Type.String()) });
export interface List<T> {
  data: T[];
}
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}
