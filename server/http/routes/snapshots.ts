import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  DeleteSnapshotQuery,
  DeleteSnapshotRequest,
  DownloadQuery,
  IdempotencyHeaders,
  RestoreRequest,
  SnapshotParams,
  SnapshotPatch,
} from '../../../contract/requests.ts';
import { ARCHIVE_MEDIA_TYPES, type Selector } from '../../../contract/schemas.ts';
import { resolveSite } from '../../core/environments.ts';
import { requestRestore } from '../../core/jobs.ts';
import { presentJob, presentSnapshot, presentStorage } from '../../core/present.ts';
import type { Services } from '../../core/services.ts';
import { measureSnapshot } from '../../core/store-usage.ts';
import { archiveFormat, openDownload } from '../../core/downloads.ts';
import { deleteSnapshot, findSnapshot, updateSnapshot } from '../../core/snapshots.ts';
import { idempotent } from '../idempotency.ts';
import { optionalBody } from '../openapi.ts';
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

  api.get(
    '/v1/sites/:site/snapshots/:snap/storage',
    {
      schema: {
        tags,
        summary: 'What a snapshot occupies in the store',
        description:
          'Snapshots share the contents they have in common, so deleting one frees only what no other snapshot uses: `freed_bytes`, now. A snapshot being taken at the time of the delete may still come to use some of it.',
        params: SnapshotParams,
        response: { 200: ref('SnapshotStorage'), ...problems(404) },
      },
    },
    async (request) => {
      const { snapshot } = await load(request.params);
      return presentStorage(
        snapshot.id,
        await measureSnapshot(services.catalog, services.store, snapshot.id),
      );
    },
  );

  api.delete(
    '/v1/sites/:site/snapshots/:snap',
    {
      schema: {
        tags,
        summary: 'Delete a snapshot',
        description:
          'A snapshot of a production environment needs its name as `confirm`, in a JSON body (`{ "confirm": "production" }`) or, for clients that cannot send a body with a DELETE, in the query (`?confirm=production`); without it the answer is 422 `confirmation_required`, with a wrong name 422 `confirmation_mismatch`. A pinned snapshot, or one a running job uses, answers 409. Deleting frees the contents no other snapshot uses, which the store deletes as soon as no snapshot is being taken (a snapshot being taken meanwhile keeps what it uses too); `GET …/snapshots/{snap}/storage` says beforehand how much that is.',
        params: SnapshotParams,
        querystring: DeleteSnapshotQuery,
        body: DeleteSnapshotRequest,
        response: { 204: { description: 'Deleted' }, ...problems(400, 404, 409, 422) },
        ...optionalBody,
      },
      // Most DELETEs carry no body; Fastify validates one wherever a body schema is.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const { snapshot } = await load(request.params);
      const confirm = request.body?.confirm ?? request.query.confirm;
      await deleteSnapshot(services, snapshot, { confirm });
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
          'Into the snapshot\'s own environment, or another of the same site. A pre-restore snapshot is taken first, so the restore can be undone. A production target needs its name as `confirm` (`{ "confirm": "production" }`): without it the answer is 422 `confirmation_required`, with a wrong name 422 `confirmation_mismatch`, and nothing is restored.',
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
        description:
          'A .tar.gz (or a .tar.zst with `format=tar.zst`): manifest.json, db/<service>.<ext> and ' +
          'files/<service>/<path>. A damaged content found before the first byte is a 409; one found later ' +
          'aborts the stream, so the download is incomplete.',
        params: SnapshotParams,
        querystring: DownloadQuery,
        response: {
          200: {
            description: 'The archive, streamed',
            content: {
              'application/gzip': { schema: { type: 'string', format: 'binary' } },
              'application/zstd': { schema: { type: 'string', format: 'binary' } },
            },
          },
          ...problems(400, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const format = archiveFormat(request.query.format);
      const { snapshot } = await load(request.params);
      const selectors = (request.query.selectors?.split(',') ?? ['db', 'files']) as Selector[];
      const { stream, fileName } = await openDownload(services, snapshot, [...new Set(selectors)], format);
      stream.on('error', (error) =>
        request.log.error({ err: error, snapshot: snapshot.id }, 'download failed mid-stream'),
      );
      return reply
        .header('Content-Type', ARCHIVE_MEDIA_TYPES[format])
        .header('Content-Disposition', `attachment; filename="${fileName}"`)
        .header('Cache-Control', 'no-store')
        .send(stream as never);
    },
  );
}
