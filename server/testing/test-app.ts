// A real Rewind app (catalog, store, engine, runner) over temporary folders, driven through app.inject.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Job, Snapshot } from '../../contract/schemas.ts';
import { buildApp } from '../app.ts';
import type { Services } from '../core/services.ts';
import type { Clock } from '../schedule/clock.ts';
import { makeEnvironment } from './environments.ts';

export const testToken = 'rwd_test_token_0123456789';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  dir: string;
  envs: Record<'production' | 'staging' | 'other', { db: string; uploads: string }>;
  api: (options: InjectOptions) => Promise<LightMyRequestResponse>;
  waitForJob: (id: string) => Promise<Job>;
  /** Takes a snapshot of an acme-store environment through the API and waits for it to be ready. */
  snapshotOf: (env: string) => Promise<Snapshot>;
  /** Waits until the scheduler and the runner have nothing left to do (jobs they start included). */
  settle: () => Promise<void>;
  /**
   * Stops the app and starts it again on the same folders, as after a stop; `whileStopped` runs in between
   * (to let a fake clock move on while Rewind is down).
   */
  restart: (whileStopped?: () => Promise<void>) => Promise<void>;
  close: () => Promise<void>;
}

export interface TestAppOptions {
  now?: () => Date;
  /** Runs the backup scheduler on this clock; without one, the scheduler stays off in tests. */
  clock?: Clock;
}

/** Writes a config naming real environments: acme-store (production, staging) and, unless left out, other-site. */
export async function writeTestConfig(dir: string, options: { otherSite?: boolean } = {}) {
  const envs = {
    production: await makeEnvironment(path.join(dir, 'envs', 'production'), { seed: 'production' }),
    staging: await makeEnvironment(path.join(dir, 'envs', 'staging'), { seed: 'staging', rows: 50 }),
    other: await makeEnvironment(path.join(dir, 'envs', 'other'), { seed: 'other', rows: 10 }),
  };
  const services = (name: string) => [
    { name: 'db', type: 'sqlite', path: `envs/${name}/shop.db` },
    { name: 'uploads', type: 'files', path: `envs/${name}/uploads` },
  ];
  const acme = {
    slug: 'acme-store',
    name: 'Acme Store',
    environments: [
      { name: 'production', type: 'production', services: services('production') },
      { name: 'staging', type: 'staging', services: services('staging') },
    ],
  };
  const other = {
    slug: 'other-site',
    name: 'Other',
    environments: [{ name: 'production', services: services('other') }],
  };
  const config = { sites: options.otherSite === false ? [acme] : [acme, other] };
  const configFile = path.join(dir, 'rewind.json');
  await writeFile(configFile, JSON.stringify(config, null, 2));
  return { envs, configFile };
}

function build(dir: string, configFile: string, options: TestAppOptions) {
  return buildApp({
    dataDir: path.join(dir, 'data'),
    dashboardDir: path.join(dir, 'no-dashboard'),
    configFile,
    adminToken: testToken,
    ...(options.now ? { now: options.now } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    // A real clock's scheduler could fire in the middle of a test that crosses 02:00 UTC.
    scheduler: options.clock !== undefined,
  });
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rewind-api-'));
  const { envs, configFile } = await writeTestConfig(dir);
  const t: TestApp = {
    ...(await build(dir, configFile, options)),
    dir,
    envs,
    api: (request: InjectOptions) =>
      t.app.inject({ ...request, headers: { authorization: `Bearer ${testToken}`, ...request.headers } }),
    async waitForJob(id) {
      await t.services.runner.idle();
      const response = await t.api({ method: 'GET', url: `/v1/jobs/${id}` });
      return response.json<Job>();
    },
    async snapshotOf(env) {
      const accepted = await t.api({
        method: 'POST',
        url: '/v1/sites/acme-store/backups',
        payload: { environment: env },
      });
      const job = await t.waitForJob(accepted.json<Job>().id);
      if (job.status !== 'succeeded') throw new Error(`The snapshot of ${env} failed: ${job.error?.detail}`);
      return (
        await t.api({ method: 'GET', url: `/v1/sites/acme-store/snapshots/${job.snapshot_id}` })
      ).json<Snapshot>();
    },
    async settle() {
      do {
        await t.services.scheduler.idle();
        await t.services.runner.idle();
      } while (t.services.scheduler.busy());
    },
    async restart(whileStopped) {
      await t.app.close();
      await whileStopped?.();
      Object.assign(t, await build(dir, configFile, options));
    },
    async close() {
      await t.app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return t;
}
