import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { BackupPolicyRequest, EnvironmentParams } from '../../../contract/requests.ts';
import { describePolicy } from '../../core/backup-policy.ts';
import { saveBackupPolicy } from '../../core/save-backup-policy.ts';
import { resolveEnvironment, resolveSite } from '../../core/environments.ts';
import type { Services } from '../../core/services.ts';
import { problems, ref } from '../schemas.ts';

export function backupPolicyRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['backups'];
  const load = async (params: { site: string; env: string }) => {
    const site = await resolveSite(services, params.site);
    return resolveEnvironment(services, site, params.env);
  };

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
}
