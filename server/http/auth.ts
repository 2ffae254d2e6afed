import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashSecret, sameSecret } from '../auth/tokens.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { RewindError } from '../core/errors.ts';

export const sessionCookie = 'rewind_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling: the token's name, and the token's id (the scope of idempotency keys). */
    actor: { name: string; tokenId: string } | null;
  }
}

/** Paths anyone may call: the health check, signing in and the API description. */
const publicRoutes = new Set(['GET /v1/health', 'POST /v1/session', 'GET /v1/openapi.json']);

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function unauthenticated(detail: string, code = 'unauthenticated'): RewindError {
  return new RewindError('unauthenticated', code, 'Sign in required', detail);
}

/**
 * API clients send `Authorization: Bearer <token>`; the dashboard sends its session cookie, and for requests
 * that change state also the session's CSRF token in `X-CSRF-Token` (a cookie alone proves nothing about intent).
 */
export function installAuth(app: FastifyInstance, catalog: Catalog, now: () => Date): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.url.startsWith('/v1/')) return;
    const route = `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`;
    if (publicRoutes.has(route) || !request.routeOptions.url) return;

    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1])
        throw unauthenticated('The Authorization header must be "Bearer <token>".', 'invalid_token');
      const token = await catalog.findTokenByHash(hashSecret(match[1]));
      if (!token) {
        void reply.header('WWW-Authenticate', 'Bearer error="invalid_token"');
        throw unauthenticated(
          'This token is not valid. Check REWIND_TOKEN, or create a new token with `npm run token`.',
          'invalid_token',
        );
      }
      request.actor = { name: token.name, tokenId: token.id };
      return;
    }

    const sessionId = request.cookies[sessionCookie];
    const session = sessionId ? await catalog.findSession(hashSecret(sessionId), now().toISOString()) : null;
    if (!session) {
      void reply.header('WWW-Authenticate', 'Bearer');
      throw unauthenticated(
        sessionId
          ? 'Your session has expired. Sign in again.'
          : 'Send "Authorization: Bearer <token>", or sign in to the dashboard.',
      );
    }
    if (!safeMethods.has(request.method)) {
      const csrf = request.headers['x-csrf-token'];
      if (typeof csrf !== 'string' || !sameSecret(csrf, session.csrf_token)) {
        throw new RewindError(
          'forbidden',
          'csrf_required',
          'Request not allowed',
          "Requests that change something must carry the session's X-CSRF-Token header. Reload the dashboard and try again.",
        );
      }
    }
    request.actor = { name: session.token_name, tokenId: session.token_id };
  });
}
