import fastifyCookie from '@fastify/cookie';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { ensureAdminToken } from './auth/tokens.ts';
import { loadSites } from './config/load-sites.ts';
import { createRewind } from './core/rewind.ts';
import type { Services } from './core/services.ts';
import { backupPolicyRoutes } from './http/routes/backup-policy.ts';
import { installAuth } from './http/auth.ts';
import { registerDashboard } from './http/dashboard.ts';
import { installErrorHandler } from './http/errors.ts';
import { openApiRoute, registerOpenApi } from './http/openapi.ts';
import { jobRoutes } from './http/routes/jobs.ts';
import { sessionRoutes } from './http/routes/session.ts';
import { siteRoutes } from './http/routes/sites.ts';
import { snapshotRoutes } from './http/routes/snapshots.ts';
import { verifyRoutes } from './http/routes/verify.ts';
import { registerSchemas } from './http/schemas.ts';
import type { Clock } from './schedule/clock.ts';
import { version } from './version.ts';

export interface AppOptions {
  dataDir: string;
  dashboardDir: string;
  /** REWIND_CONFIG: sites described by a file; the demo site when null. */
  configFile: string | null;
  adminToken: string | null;
  logger?: boolean | object;
  now?: () => Date;
  /** Time and timers for the backup scheduler (a fake clock in tests); overrides `now`. */
  clock?: Clock;
  /** Whether scheduled backups and daily prunes run; true by default. */
  scheduler?: boolean;
}

export interface BuiltApp {
  app: FastifyInstance;
  services: Services;
  /** The admin token when it was generated at this start (print it once). */
  generatedToken: string | null;
}

/** Builds the HTTP app (API v1 and the dashboard) over a started Rewind, without listening. */
export async function buildApp(options: AppOptions): Promise<BuiltApp> {
  const app = Fastify({
    logger: options.logger ?? false,
    logController: new LogController({ disableRequestLogging: true }),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    bodyLimit: 64 * 1024,
  });
  const loaded = await loadSites(options.configFile, options.dataDir);
  const rewind = createRewind({
    dataDir: options.dataDir,
    connections: loaded.connections,
    log: app.log,
    ...(options.now ? { now: options.now } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.scheduler !== undefined ? { scheduler: options.scheduler } : {}),
  });
  app.addHook('onClose', () => rewind.close());
  try {
    await rewind.catalog.syncSites(loaded.sites);
    await rewind.start();
  } catch (error) {
    await app.close();
    throw error;
  }
  const token = await ensureAdminToken(rewind.catalog, options.adminToken, rewind.now());

  installErrorHandler(app);
  registerSchemas(app);
  await registerOpenApi(app);
  await app.register(fastifyCookie);
  installAuth(app, rewind.catalog, rewind.now);

  app.get(
    '/v1/health',
    { schema: { tags: ['health'], summary: 'Is the server up', response: { 200: { $ref: 'Health#' } } } },
    async () => ({
      status: 'ok' as const,
      version,
    }),
  );
  openApiRoute(app);
  sessionRoutes(app, rewind);
  siteRoutes(app, rewind);
  jobRoutes(app, rewind);
  snapshotRoutes(app, rewind);
  verifyRoutes(app, rewind);
  backupPolicyRoutes(app, rewind);

  await registerDashboard(app, options.dashboardDir);
  return { app, services: rewind, generatedToken: token.generated };
}
