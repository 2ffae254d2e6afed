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
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
}

export function openApiRoute(app: FastifyInstance): void {
  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
