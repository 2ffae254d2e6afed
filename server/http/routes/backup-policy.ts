import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { BackupPolicyRequest, EnvironmentParams, IdempotencyHeaders } from '../../../contract/requests.ts';
import { describePolicy } from '../../core/backup-policy.ts';
import { startPolicyRun } from '../../core/policy-run.ts';
import { presentJob } from '../../core/present.ts';
import { saveBackupPolicy } from '../../core/save-backup-policy.ts';
import { resolveEnvironment, resolveSite } from '../../core/environments.ts';
import type { Services } from '../../core/services.ts';
import { idempotent } from '../idempotency.ts';
import { problems, ref } from '../schemas.ts';
import { accepted } from './jobs.ts';

export function backupPolicyRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['backups'];
  const resolve = async (params: { site: string; env: string }) => {
    const site = await resolveSite(services, params.site);
    return { site, env: await resolveEnvironment(services, site, params.env) };
  };
  const load = async (params: { site: string; env: string }) => (await resolve(params)).env;

  api.get(
    '/v1/sites/:site/environments/:env/backup-policy',
    {
      schema: {
        tags,
        summary: "Get an environment's backup policy",
        description: 'Its schedule, its retention, when it runs next and how its last run went.',
        params: EnvironmentParams,
        response: { 200: ref('BackupPolicy'), ...problems(404) },
      },
    },
    async (request) => describePolicy(services, await load(request.params)),
  );

  api.put(
    '/v1/sites/:site/environments/:env/backup-policy',
    {
      schema: {
        tags,
        summary: "Replace an environment's backup policy",
        description:
          'A cron expression or time zone that is not valid answers 400 saying why. A new schedule counts from now. A change of `retention.days` measures every snapshot again from its creation; what the policy no longer keeps is deleted by the next prune (after the next scheduled backup, or within a day).',
        params: EnvironmentParams,
        body: BackupPolicyRequest,
        response: { 200: ref('BackupPolicy'), ...problems(400, 404) },
      },
    },
    async (request) =>
      saveBackupPolicy(services, await load(request.params), request.body, request.actor?.name ?? 'unknown'),
  );

  api.post(
    '/v1/sites/:site/environments/:env/backup-policy/run',
    {
      schema: {
        tags,
        summary: "Run an environment's backup policy now",
        description:
          "Starts a backup as the schedule would, whether the schedule is on or off: its snapshot is of kind `scheduled` and restorable for the policy's days, and it is recorded as the policy's last run. Once it succeeds, what the policy no longer keeps is pruned, as after any scheduled run; if it fails, nothing is pruned until a run succeeds. The next scheduled run does not move. Answers 202 with the backup job; it queues behind the environment's running job, if any. Send an `Idempotency-Key` to make a retry safe.",
        params: EnvironmentParams,
        headers: IdempotencyHeaders,
        response: { 202: accepted, 200: accepted, ...problems(400, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      await idempotent(request, reply, services.catalog, services.now, async () => {
        const { site, env } = await resolve(request.params);
        const job = await startPolicyRun(services, site, env, request.actor?.name ?? 'unknown');
        return { status: 202, body: presentJob(job), location: `/v1/jobs/${job.id}` };
      });
    },
  );
}
