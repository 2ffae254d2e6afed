import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  BackupRequest,
  IdempotencyHeaders,
  JobListQuery,
  JobParams,
  SiteParams,
} from '../../../contract/requests.ts';
import { resolveSite } from '../../core/environments.ts';
import { findJob, requestBackup } from '../../core/jobs.ts';
import { presentJob } from '../../core/present.ts';
import type { Services } from '../../core/services.ts';
import { idempotent } from '../idempotency.ts';
import { listOf, problems, ref } from '../schemas.ts';

export const accepted = {
  description: 'Accepted: the job is queued; follow Location to watch it',
  content: { 'application/json': { schema: ref('Job') } },
};

export function jobRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/v1/sites/:site/backups',
    {
      schema: {
        tags: ['snapshots'],
        summary: 'Take a snapshot of an environment',
        description: 'Answers 202 with the backup job; its snapshot is listed (pending) from this moment.',
        params: SiteParams,
        headers: IdempotencyHeaders,
        body: BackupRequest,
        response: { 202: accepted, 200: accepted, ...problems(400, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      await idempotent(request, reply, services.catalog, services.now, async () => {
        const site = await resolveSite(services, request.params.site);
        const job = await requestBackup(services, site, request.body, request.actor?.name ?? 'unknown');
        return { status: 202, body: presentJob(job), location: `/v1/jobs/${job.id}` };
      });
    },
  );

  api.get(
    '/v1/jobs/:job',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Get a job',
        params: JobParams,
        response: { 200: ref('Job'), ...problems(404) },
      },
    },
    async (request) => presentJob(await findJob(services, request.params.job)),
  );

  api.get(
    '/v1/sites/:site/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: "List a site's jobs, newest first",
        description: '`status=active` (the default): the queued and running jobs.',
        params: SiteParams,
        querystring: JobListQuery,
        response: { 200: listOf('Job'), ...problems(400, 404) },
      },
    },
    async (request) => {
      const site = await resolveSite(services, request.params.site);
      const active = (request.query.status ?? 'active') === 'active';
      const rows = await services.catalog.listJobs(site.id, { active, limit: request.query.limit ?? 50 });
      return { data: rows.map(presentJob) };
    },
  );
}
