// Request shapes of API v1: path parameters, query strings and bodies.
import Type, { type Static } from 'typebox';
import { Selector } from './schemas.ts';

/** Labels are shown in lists and logs: one line of printable text. */
export const Label = Type.String({
  maxLength: 200,
  pattern: '^[^\\u0000-\\u001F\\u007F]*$',
  description: 'up to 200 characters, no control characters',
});

/** An environment's name, typed by a person: what lets a restore into production or a deletion there go ahead. */
const Confirm = (whose: string) =>
  Type.String({
    maxLength: 200,
    description: `${whose} name: required when it is a production environment; when sent, it must match`,
  });

export const SiteParams = Type.Object({ site: Type.String({ description: "the site's id or slug" }) });
export const EnvironmentParams = Type.Object({
  site: Type.String({ description: "the site's id or slug" }),
  env: Type.String({ description: "the environment's id or name" }),
});
export const SnapshotParams = Type.Object({
  site: Type.String({ description: "the site's id or slug" }),
  snap: Type.String({ description: "the snapshot's id" }),
});
export const JobParams = Type.Object({ job: Type.String({ description: "the job's id" }) });

export const SnapshotListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ description: 'next_cursor from the previous page' })),
    kind: Type.Optional(
      Type.String({
        description:
          'only snapshots of these kinds: one or several of manual, scheduled, pre_restore, comma-separated',
        examples: ['manual,scheduled'],
      }),
    ),
  },
  { additionalProperties: false },
);
export type SnapshotListQuery = Static<typeof SnapshotListQuery>;

export const JobListQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([Type.Literal('active'), Type.Literal('all')], {
        default: 'active',
        description: '`active`: queued or running',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type JobListQuery = Static<typeof JobListQuery>;

export const BackupRequest = Type.Object(
  {
    environment: Type.String({ minLength: 1, description: "the environment's name or id" }),
    label: Type.Optional(Type.Union([Label, Type.Null()])),
  },
  { additionalProperties: false },
);
export type BackupRequest = Static<typeof BackupRequest>;

export const RestoreRequest = Type.Object(
  {
    selectors: Type.Optional(
      Type.Array(Selector, { minItems: 1, maxItems: 2, uniqueItems: true, default: ['db', 'files'] }),
    ),
    environment: Type.Optional(
      Type.String({
        minLength: 1,
        description: "the target environment's name or id; the snapshot's own by default",
      }),
    ),
    confirm: Type.Optional(Confirm("the target environment's")),
  },
  { additionalProperties: false },
);
export type RestoreRequest = Static<typeof RestoreRequest>;

/** Deleting a snapshot of a production environment names it too: in the body, or in the query. */
export const DeleteSnapshotRequest = Type.Object(
  { confirm: Type.Optional(Confirm("the snapshot's environment's")) },
  { additionalProperties: false },
);
export type DeleteSnapshotRequest = Static<typeof DeleteSnapshotRequest>;
export const DeleteSnapshotQuery = Type.Object(
  {
    confirm: Type.Optional(
      Confirm("for clients that cannot send a body with a DELETE: the snapshot's environment's"),
    ),
  },
  { additionalProperties: false },
);
export type DeleteSnapshotQuery = Static<typeof DeleteSnapshotQuery>;

export const DownloadQuery = Type.Object(
  {
    selectors: Type.Optional(
      Type.String({
        pattern: '^(db|files)(,(db|files))?$',
        description: 'comma-separated: db, files or both',
      }),
    ),
    // A plain string, so that an unknown format is answered with the formats there are (422), not a pattern.
    format: Type.Optional(
      Type.String({
        maxLength: 32,
        description: 'the archive format: `tar.gz` (the default) or `tar.zst`',
        examples: ['tar.zst'],
      }),
    ),
  },
  { additionalProperties: false },
);
export type DownloadQuery = Static<typeof DownloadQuery>;

export const SessionRequest = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 512 }) },
  { additionalProperties: false },
);
export type SessionRequest = Static<typeof SessionRequest>;

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
});

const keepCount = (maximum: number, description: string) =>
  Type.Optional(Type.Integer({ minimum: 0, maximum, default: 0, description }));

/** A whole backup policy (PUT replaces it); the keep_* counts default to 0. */
export const BackupPolicyRequest = Type.Object(
  {
    schedule: Type.Object(
      {
        cron: Type.String({
          minLength: 1,
          maxLength: 100,
          description: 'five fields: minute hour day-of-month month day-of-week, e.g. "0 2 * * *"',
        }),
        timezone: Type.String({
          minLength: 1,
          maxLength: 64,
          description:
            'an IANA time zone, e.g. "Europe/Paris"; an old name is accepted and kept under the current one ("Europe/Kiev" as "Europe/Kyiv")',
        }),
        enabled: Type.Optional(Type.Boolean({ default: true })),
      },
      { additionalProperties: false },
    ),
    retention: Type.Object(
      {
        days: Type.Integer({
          minimum: 1,
          maximum: 3650,
          description: 'how long a snapshot stays restorable',
        }),
        keep_last: keepCount(1000, 'keep the newest N ready snapshots whatever their age'),
        keep_daily: keepCount(3650, 'keep the newest snapshot of each of the last N days'),
        keep_weekly: keepCount(520, 'keep the newest snapshot of each of the last N weeks'),
        keep_monthly: keepCount(120, 'keep the newest snapshot of each of the last N months'),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type BackupPolicyRequest = Static<typeof BackupPolicyRequest>;

export const SnapshotPatch = Type.Object(
  {
    label: Type.Optional(Type.Union([Label, Type.Null()], { description: 'null or "" removes the label' })),
    pinned: Type.Optional(
      Type.Boolean({ description: 'a pinned snapshot never expires and is never pruned' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type SnapshotPatch = Static<typeof SnapshotPatch>;
