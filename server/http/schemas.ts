// The contract's resources registered once with Fastify, so routes refer to them and OpenAPI names them.
import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import {
  BackupPolicy,
  Environment,
  Health,
  Job,
  Problem,
  Session,
  Site,
  Snapshot,
  SnapshotStorage,
} from '../../contract/schemas.ts';

const named = {
  Problem,
  Site,
  Environment,
  Snapshot,
  SnapshotStorage,
  Job,
  BackupPolicy,
  Session,
  Health,
} as const;
export type SchemaName = keyof typeof named;

export function registerSchemas(app: FastifyInstance): void {
  for (const [id, schema] of Object.entries(named)) app.addSchema({ $id: id, ...schema });
}

/** A reference to a registered resource, typed as that resource for the route's handler. */
export const ref = <N extends SchemaName>(name: N) =>
  Type.Unsafe<Static<(typeof named)[N]>>({ $ref: `${name}#` });
export const listOf = <N extends SchemaName>(name: N) => Type.Object({ data: Type.Array(ref(name)) });
export const pageOf = <N extends SchemaName>(name: N) =>
  Type.Object({ data: Type.Array(ref(name)), next_cursor: Type.Union([Type.String(), Type.Null()]) });

const problemDescriptions: Record<number, string> = {
  400: 'The request is not valid (the problem names the field)',
  401: 'No valid token or session',
  403: 'Not allowed (for a dashboard session: the CSRF token is missing)',
  404: 'No such site, environment, snapshot or job',
  409: 'Conflicts with the current state (the problem says which)',
  422: 'Cannot be done as sent (the code says why): a production environment not confirmed by its name (`confirmation_required`, `confirmation_mismatch`), or an Idempotency-Key used for a different request (`idempotency_key_reused`)',
};

/** Documents the problem+json answers a route can give. */
export function problems(...statuses: number[]): Record<number, unknown> {
  const out: Record<number, unknown> = {};
  for (const status of [401, ...statuses]) {
    out[status] = {
      description: problemDescriptions[status],
      content: { 'application/problem+json': { schema: ref('Problem') } },
    };
  }
  return out;
}
