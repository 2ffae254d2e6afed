import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { EnvironmentParams, IdempotencyHeaders, SnapshotParams } from '../../../contract/requests.ts';
import { resolveSite } from '../../core/environments.ts';
import { presentJob } from '../../core/present.ts';
import type { Services } from '../../core/services.ts';
import { findSnapshot } from '../../core/snapshots.ts';
import { requestVerify, requestVerifyEnvironment } from '../../core/verification.ts';
import { idempotent } from '../idempotency.ts';
import { problems } from '../schemas.ts';
import { accepted } from './jobs.ts';

const howItRuns =
  "Every content the manifest names is read back from the store and checked against its SHA-256 and size; what is damaged is recorded in the snapshot's `verification` (service and path, or the database dump), and a damaged snapshot is refused as a restore point (409 `snapshot_damaged`). The job succeeds once the check has run, whatever it found. Verify jobs only read: they queue behind the environment's other verify jobs, not behind its backups and restores, and the snapshots they read cannot be deleted or pruned meanwhile (409 `snapshot_in_use`). A verify of the same scope already queued or running is answered again rather than started twice.";

export function verifyRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const actor = (request: { actor?: { name: string } | null }) => request.actor?.name ?? 'unknown';

  api.post(
    '/v1/sites/:site/snapshots/:snap/verify',
    {
      schema: {
        tags: ['snapshots'],
        summary: 'Verify a snapshot',
        description: `Answers 202 with the verify job. ${howItRuns} A snapshot that is not ready answers 409 \`snapshot_not_ready\`.`,
        params: SnapshotParams,
        headers: IdempotencyHeaders,
        response: { 202: accepted, 200: accepted, ...problems(404, 409, 422) },
      },
    },
    async (request, reply) => {
      await idempotent(request, reply, services.catalog, services.now, async () => {
        const site = await resolveSite(services, request.params.site);
        const snapshot = await findSnapshot(services, site, request.params.snap);
        const job = await requestVerify(services, snapshot, actor(request));
        return { status: 202, body: presentJob(job), location: `/v1/jobs/${job.id}` };
      });
    },
  );

  api.post(
    '/v1/sites/:site/environments/:env/verify',
    {
      schema: {
        tags: ['snapshots'],
        summary: 'Verify every ready snapshot of an environment',
        description: `Answers 202 with one verify job (\`verify_scope\` \`environment\`) over every snapshot of the environment that is ready when it starts; a content they share is read once. ${howItRuns} An environment with no ready snapshot answers 409 \`nothing_to_verify\`.`,
        params: EnvironmentParams,
        headers: IdempotencyHeaders,
        response: { 202: accepted, 200: accepted, ...problems(404, 409, 422) },
      },
    },
    async (request, reply) => {
      await idempotent(request, reply, services.catalog, services.now, async () => {
        const site = await resolveSite(services, request.params.site);
        const job = await requestVerifyEnvironment(services, site, request.params.env, actor(request));
        return { status: 202, body: presentJob(job), location: `/v1/jobs/${job.id}` };
      });
    },
  );
}
