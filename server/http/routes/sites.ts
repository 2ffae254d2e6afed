import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { EnvironmentParams, SiteParams, SnapshotListQuery } from '../../../contract/requests.ts';
import { describeEnvironment, resolveEnvironment, resolveSite } from '../../core/environments.ts';
import { presentSite, presentSnapshot } from '../../core/present.ts';
import type { Services } from '../../core/services.ts';
import { parseKinds } from '../../core/snapshots.ts';
import { listOf, pageOf, problems, ref } from '../schemas.ts';

export function siteRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['sites'];

  api.get(
    '/v1/sites',
    { schema: { tags, summary: 'List the sites', response: { 200: listOf('Site'), ...problems() } } },
    async () => ({
      data: (await services.catalog.listSites()).map(presentSite),
    }),
  );

  api.get(
    '/v1/sites/:site',
    {
      schema: {
        tags,
        summary: 'Get a site',
        params: SiteParams,
        response: { 200: ref('Site'), ...problems(404) },
      },
    },
    async (request) => presentSite(await resolveSite(services, request.params.site)),
  );

  api.get(
    '/v1/sites/:site/environments',
    {
      schema: {
        tags,
        summary: "List a site's environments",
        description:
          'Each with its services and their current sizes, its latest snapshot, its running job and its latest restore.',
        params: SiteParams,
        response: { 200: listOf('Environment'), ...problems(404) },
      },
    },
    async (request) => {
      const site = await resolveSite(services, request.params.site);
      const envs = await services.catalog.listEnvironments(site.id);
      return { data: await Promise.all(envs.map((env) => describeEnvironment(services, site, env))) };
    },
  );

  api.get(
    '/v1/sites/:site/environments/:env',
    {
      schema: {
        tags,
        summary: 'Get an environment',
        params: EnvironmentParams,
        response: { 200: ref('Environment'), ...problems(404) },
      },
    },
    async (request) => {
      const site = await resolveSite(services, request.params.site);
      return describeEnvironment(
        services,
        site,
        await resolveEnvironment(services, site, request.params.env),
      );
    },
  );

  api.get(
    '/v1/sites/:site/environments/:env/snapshots',
    {
      schema: {
        tags: ['snapshots'],
        summary: "List an environment's snapshots, newest first",
        description:
          '`kind` keeps only snapshots of those kinds (e.g. `manual,scheduled` leaves out pre-restore snapshots); `next_cursor` pages through the filtered history.',
        params: EnvironmentParams,
        querystring: SnapshotListQuery,
        response: { 200: pageOf('Snapshot'), ...problems(400, 404) },
      },
    },
    async (request) => {
      const site = await resolveSite(services, request.params.site);
      const kinds = parseKinds(request.query.kind);
      const env = await resolveEnvironment(services, site, request.params.env);
      const page = await services.catalog.listSnapshots(
        env.id,
        request.query.limit ?? 50,
        request.query.cursor ?? null,
        kinds,
      );
      return { data: page.rows.map(presentSnapshot), next_cursor: page.nextCursor };
    },
  );
}
