import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { version } from '../version.ts';

/** The OpenAPI 3.1 document, generated from the same route schemas the server validates with. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rewind API',
        version,
        description:
          'Snapshots and backups for the environments of hosted web applications. Errors are application/problem+json (RFC 9457).',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token (REWIND_TOKEN)' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'rewind_session',
            description: 'The dashboard session; writes also need X-CSRF-Token',
          },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transformObject: (document) =>
      'openapiObject' in document ? markOptionalBodies(document.openapiObject) : document.swaggerObject,
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
}

/** A route schema with `'x-optional-body': true` takes a body but does not need one (a DELETE's). */
export const optionalBody = { 'x-optional-body': true } as const;

type Operation = { requestBody?: { required?: boolean }; 'x-optional-body'?: boolean };

// @fastify/swagger marks every request body required, since Fastify wants one wherever a body schema is.
function markOptionalBodies<T extends { paths?: object }>(document: T): T {
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation> | undefined>;
  for (const methods of Object.values(paths)) {
    for (const operation of Object.values(methods ?? {})) {
      if (!operation['x-optional-body']) continue;
      delete operation['x-optional-body'];
      if (operation.requestBody) operation.requestBody.required = false;
    }
  }
  return document;
}

export function openApiRoute(app: FastifyInstance): void {
  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
