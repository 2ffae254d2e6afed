import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { registerDashboard } from './http/dashboard.ts';
import { installErrorHandler } from './http/errors.ts';
import { version } from './version.ts';

export interface AppOptions {
  dashboardDir: string;
  logger?: boolean | object;
}

/** Builds the HTTP app (API v1 and the dashboard) without listening. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    logController: new LogController({ disableRequestLogging: true }),
  });
  installErrorHandler(app);

  app.get('/v1/health', async () => ({ status: 'ok', version }));

  await registerDashboard(app, options.dashboardDir);
  return app;
}
