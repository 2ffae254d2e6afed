import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { SessionRequest } from '../../../contract/requests.ts';
import { generateSecret, hashSecret } from '../../auth/tokens.ts';
import { RewindError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { sessionCookie } from '../auth.ts';
import { problems, ref } from '../schemas.ts';

const sessionDays = 7;

export function sessionRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['session'];

  api.post(
    '/v1/session',
    {
      schema: {
        tags,
        summary: 'Sign in to the dashboard',
        description: 'Exchanges an API token for an HttpOnly, SameSite session cookie.',
        body: SessionRequest,
        response: { 200: ref('Session'), ...problems(400) },
      },
    },
    async (request, reply) => {
      const token = await services.catalog.findTokenByHash(hashSecret(request.body.token));
      if (!token) {
        throw new RewindError(
          'unauthenticated',
          'invalid_token',
          'Wrong token',
          'Rewind knows no token like this one. Paste the token it printed on its first start (or the one set as REWIND_TOKEN), or make a new one with `npm run token`.',
        );
      }
      const now = services.now();
      const sessionId = generateSecret('');
      const csrfToken = generateSecret('');
      const expiresAt = new Date(now.getTime() + sessionDays * 86_400_000);
      await services.catalog.insertSession({
        hash: hashSecret(sessionId),
        token_id: token.id,
        csrf_token: csrfToken,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
      });
      void reply.setCookie(sessionCookie, sessionId, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: request.protocol === 'https',
        expires: expiresAt,
      });
      return { csrf_token: csrfToken, expires_at: expiresAt.toISOString() };
    },
  );

  api.get(
    '/v1/session',
    {
      schema: {
        tags,
        summary: 'The current dashboard session',
        response: { 200: ref('Session'), ...problems() },
      },
    },
    async (request) => {
      const sessionId = request.cookies[sessionCookie];
      const session = sessionId
        ? await services.catalog.findSession(hashSecret(sessionId), services.now().toISOString())
        : null;
      if (!session) {
        throw new RewindError(
          'unauthenticated',
          'unauthenticated',
          'Sign in required',
          'There is no dashboard session. Sign in.',
        );
      }
      return { csrf_token: session.csrf_token, expires_at: session.expires_at };
    },
  );

  api.delete(
    '/v1/session',
    {
      schema: {
        tags,
        summary: 'Sign out',
        response: { 204: { description: 'Signed out' }, ...problems(403) },
      },
    },
    async (request, reply) => {
      const sessionId = request.cookies[sessionCookie];
      if (sessionId) await services.catalog.deleteSession(hashSecret(sessionId));
      return reply.clearCookie(sessionCookie, { path: '/' }).status(204).send();
    },
  );
}
