import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  DownloadQuery,
  IdempotencyHeaders,
  RestoreRequest,
  SnapshotParams,
  SnapshotPatch,
} from '../../../contract/requests.ts';
import type { Selector } from '../../../contract/schemas.ts';
import { resolveSite } from '../../core/environments.ts';
import { requestRestore } from '../../core/jobs.ts';
import { presentJob, presentSnapshot } from '../../core/present.ts';
import type { Services } from '../../core/services.ts';
import { deleteSnapshot, findSnapshot, openDownload, updateSnapshot } from '../../core/snapshots.ts';
import { idempotent } from '../idempotency.ts';
import { problems, ref } from '../schemas.ts';
import { accepted } from './jobs.ts';

export function snapshotRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['snapshots'];
  const load = async (params: { site: string; snap: string }) => {
    const site = await resolveSite(services, params.site);
    return { site, snapshot: await findSnapshot(services, site, params.snap) };
  };

  api.get(
    '/v1/sites/:site/snapshots/:snap',
    {
      schema: {
        tags,
        summary: 'Get a snapshot',
        params: SnapshotParams,
        response: { 200: ref('Snapshot'), ...problems(404) },
      },
    },
    async (request) => presentSnapshot((await load(request.params)).snapshot),
  );

  api.patch(
    '/v1/sites/:site/snapshots/:snap',
    {
      schema: {
        tags,
        summary: "Change a snapshot's label, or pin it",
        description:
          'A pinned snapshot never expires and is never pruned or deleted; unpinned, it follows the backup policy again.',
        params: SnapshotParams,
        body: SnapshotPatch,
        response: { 200: ref('Snapshot'), ...problems(400, 404, 409) },
      },
    },
    async (request) => {
      const { snapshot } = await load(request.params);
      return presentSnapshot(await updateSnapshot(services, snapshot, request.body));
    },
  );

  api.delete(
    '/v1/sites/:site/snapshots/:snap',
    {
      schema: {
        tags,
        summary: 'Delete a snapshot',
        description: 'Frees only the stored data no other snapshot uses. A pinned snapshot answers 409.',
        params: SnapshotParams,
        response: { 204: { description: 'Deleted' }, ...problems(404, 409) },
      },
    },
    async (request, reply) => {
      await deleteSnapshot(services, (await load(request.params)).snapshot);
      return reply.status(204).send();
    },
  );

  api.post(
    '/v1/sites/:site/snapshots/:snap/restore',
    {
      schema: {
        tags,
        summary: 'Restore a snapshot',
        description:
          "Into the snapshot's own environment, or another of the same site. A pre-restore snapshot is taken first, so the restore can be undone.",
        params: SnapshotParams,
        headers: IdempotencyHeaders,
        body: RestoreRequest,
        response: { 202: accepted, 200: accepted, ...problems(400, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      await idempotent(request, reply, services.catalog, services.now, async () => {
        const { site, snapshot } = await load(request.params);
        const job = await requestRestore(
          services,
          site,
          snapshot,
          request.body ?? {},
          request.actor?.name ?? 'unknown',
        );
        return { status: 202, body: presentJob(job), location: `/v1/jobs/${job.id}` };
      });
    },
  );

  api.get(
    '/v1/sites/:site/snapshots/:snap/download',
    {
      schema: {
        tags,
        summary: "Download a snapshot's archive",
        description: 'A .tar.gz: manifest.json, db/<service>.<ext> and files/<service>/<path>.',
        params: SnapshotParams,
        querystring: DownloadQuery,
        response: {
          200: {
            description: 'The archive, streamed',
            content: { 'application/gzip': { schema: { type: 'string', format: 'binary' } } },
          },
          ...problems(400, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { snapshot } = await load(request.params);
      const selectors = (request.query.selectors?.split(',') ?? ['db', 'files']) as Selector[];
      const { stream, fileName } = await openDownload(services, snapshot, [...new Set(selectors)]);
      stream.on('error', (error) =>
        request.log.error({ err: error, snapshot: snapshot.id }, 'download failed mid-stream'),
      );
      return reply
        .header('Content-Type', 'application/gzip')
        .header('Content-Disposition', `attachment; filename="${fileName}"`)
        .header('Cache-Control', 'no-store')
        .send(stream as never);
    },
  );
}
