// A real Rewind app (catalog, store, engine, runner) over temporary folders, driven through app.inject.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Job } from '../../contract/schemas.ts';
import { buildApp } from '../app.ts';
import type { Services } from '../core/services.ts';
import { makeEnvironment } from './environments.ts';

export const testToken = 'rwd_test_token_0123456789';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  dir: string;
  envs: Record<'production' | 'staging' | 'other', { db: string; uploads: string }>;
  api: (options: InjectOptions) => Promise<LightMyRequestResponse>;
  waitForJob: (id: string) => Promise<Job>;
  close: () => Promise<void>;
}

export async function writeTestConfig(dir: string) {
  const envs = {
    production: await makeEnvironment(path.join(dir, 'envs', 'production'), { seed: 'production' }),
    staging: await makeEnvironment(path.join(dir, 'envs', 'staging'), { seed: 'staging', rows: 50 }),
    other: await makeEnvironment(path.join(dir, 'envs', 'other'), { seed: 'other', rows: 10 }),
  };
  const services = (name: string) => [
    { name: 'db', type: 'sqlite', path: `envs/${name}/shop.db` },
    { name: 'uploads', type: 'files', path: `envs/${name}/uploads` },
  ];
  const config = {
    sites: [
      {
        slug: 'acme-store',
        name: 'Acme Store',
        environments: [
          { name: 'production', type: 'production', services: services('production') },
          { name: 'staging', type: 'staging', services: services('staging') },
        ],
      },
      {
        slug: 'other-site',
        name: 'Other',
        environments: [{ name: 'production', services: services('other') }],
      },
    ],
  };
  const configFile = path.join(dir, 'rewind.json');
  await writeFile(configFile, JSON.stringify(config, null, 2));
  return { envs, configFile };
}

export async function startTestApp(options: { now?: () => Date } = {}): Promise<TestApp> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rewind-api-'));
  const { envs, configFile } = await writeTestConfig(dir);
  const { app, services } = await buildApp({
    dataDir: path.join(dir, 'data'),
    dashboardDir: path.join(dir, 'no-dashboard'),
    configFile,
    adminToken: testToken,
    ...(options.now ? { now: options.now } : {}),
  });
  const api = (request: InjectOptions) =>
    app.inject({ ...request, headers: { authorization: `Bearer ${testToken}`, ...request.headers } });
  return {
    app,
    services,
    dir,
    envs,
    api,
    async waitForJob(id) {
      await services.runner.idle();
      const response = await api({ method: 'GET', url: `/v1/jobs/${id}` });
      return response.json<Job>();
    },
    async close() {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
