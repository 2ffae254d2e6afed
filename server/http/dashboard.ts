import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Problem } from './problem.ts';

// Scripts from this origin only; styles may be set inline by the component library.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(reply: FastifyReply): void {
  void reply.header('Content-Security-Policy', contentSecurityPolicy);
  void reply.header('X-Content-Type-Options', 'nosniff');
  void reply.header('Referrer-Policy', 'same-origin');
  void reply.header('X-Frame-Options', 'DENY');
}

const missingBuild = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Rewind</title></head>
<body><h1>The dashboard is not built yet</h1><p>Run <code>npm run build</code> (or <code>npm start</code>, which builds it) and reload.</p></body></html>`;

/** Serves the built dashboard, with every path outside /v1 falling back to index.html for the router. */
export async function registerDashboard(app: FastifyInstance, dashboardDir: string): Promise<void> {
  const built = existsSync(path.join(dashboardDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root: dashboardDir, wildcard: false, index: false, maxAge: 0 });
    app.addHook('onSend', async (request, reply) => {
      if (!request.url.startsWith('/v1')) {
        securityHeaders(reply);
        if (request.url.startsWith('/assets/'))
          void reply.header('Cache-Control', 'public, max-age=31536000, immutable');
      }
    });
  }

  app.setNotFoundHandler((request, reply) => {
    if (request.url === '/v1' || request.url.startsWith('/v1/') || request.url.startsWith('/v1?')) {
      throw new Problem(
        404,
        'not_found',
        'Not found',
        `There is no ${request.method} ${request.url.split('?')[0]} in API v1.`,
      );
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new Problem(
        405,
        'method_not_allowed',
        'Method not allowed',
        `${request.method} is not allowed here.`,
      );
    }
    // A missing file under /assets is a real 404, not a page for the router.
    if (!built || path.extname(request.url.split('?')[0] ?? '') !== '') {
      if (!built) return reply.status(503).type('text/html').send(missingBuild);
      return reply.status(404).type('text/plain').send('Not found');
    }
    securityHeaders(reply);
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });
}
