// Environments whose data lives in database servers, through the API as the dashboard and the CLI use it:
// MariaDB + Redis + files, and PostgreSQL + files. Snapshot, restore in part and whole, download.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Environment, Job, Snapshot } from '../../../contract/schemas.ts';
import { buildApp, type BuiltApp } from '../../app.ts';
import {
  freshMysql,
  freshPostgres,
  freshRedis,
  mysqlAdmin,
  pgAdmin,
  skipped,
} from '../../engine/testing/db-servers.ts';
import { mysqlState, postgresState, redisState, withoutTtls } from '../../engine/testing/db-state.ts';
import { treeDigest } from '../../testing/environments.ts';

const token = 'rwd_databases_test';
const unavailable = skipped('mysql') || skipped('redis') || skipped('postgres');

describe.skipIf(unavailable)('database environments through the API', () => {
  let dir: string;
  let built: BuiltApp;
  let mysql: Awaited<ReturnType<typeof freshMysql>>;
  let postgres: Awaited<ReturnType<typeof freshPostgres>>;
  let redis: Awaited<ReturnType<typeof freshRedis>>;
  const uploads = (env: string) => path.join(dir, env, 'uploads');

  const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
    built.app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });
  async function run(url: string, payload: object): Promise<Job> {
    const accepted = await api('POST', url, payload);
    expect(accepted.statusCode, accepted.body).toBe(202);
    await built.services.runner.idle();
    const job = (await api('GET', `/v1/jobs/${accepted.json<Job>().id}`)).json<Job>();
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    return job;
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rewind-db-api-'));
    [mysql, postgres, redis] = await Promise.all([freshMysql('api'), freshPostgres('api'), freshRedis(8)]);
    const shop = await mysqlAdmin(mysql.name);
    await shop.query(
      'CREATE TABLE orders (id int PRIMARY KEY, total int); INSERT INTO orders VALUES (1, 10), (2, 20);',
    );
    await shop.end();
    const blog = pgAdmin(postgres.name);
    await blog.connect();
    await blog.query(
      "CREATE TABLE posts (id int PRIMARY KEY, title text); INSERT INTO posts VALUES (1, 'Hello');",
    );
    await blog.end();
    await redis.client.set('cart:ada', 'mug');
    await redis.client.set('session:ada', 'in', { PX: 600_000 });
    for (const env of ['production', 'staging']) {
      await mkdir(path.join(uploads(env), 'images'), { recursive: true });
      await writeFile(path.join(uploads(env), 'images', 'logo.png'), `logo of ${env}`);
    }
    const config = {
      sites: [
        {
          slug: 'shop',
          name: 'Shop',
          environments: [
            {
              name: 'production',
              services: [
                { name: 'db', type: 'mysql', url: mysql.url },
                { name: 'cache', type: 'redis', url: redis.url },
                { name: 'uploads', type: 'files', path: 'production/uploads' },
              ],
            },
            {
              name: 'staging',
              services: [
                { name: 'db', type: 'postgres', url: postgres.url },
                { name: 'uploads', type: 'files', path: 'staging/uploads' },
              ],
            },
          ],
        },
      ],
    };
    await writeFile(path.join(dir, 'rewind.json'), JSON.stringify(config));
    built = await buildApp({
      dataDir: path.join(dir, 'data'),
      dashboardDir: path.join(dir, 'none'),
      configFile: path.join(dir, 'rewind.json'),
      adminToken: token,
      scheduler: false,
    });
  });
  afterAll(async () => {
    await built?.app.close();
    await Promise.all([mysql?.drop(), postgres?.drop(), redis?.drop()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the database services and their sizes on the environment', async () => {
    const env = (await api('GET', '/v1/sites/shop/environments/production')).json<Environment>();
    expect(env.services.map((s) => [s.name, s.type, s.selector])).toEqual([
      ['db', 'mysql', 'db'],
      ['cache', 'redis', 'db'],
      ['uploads', 'files', 'files'],
    ]);
    for (const service of env.services) expect(service.size_bytes, service.name).toBeGreaterThan(0);
  });

  it('snapshots MariaDB + Redis + files, restores the databases, then the files, and downloads the archive', async () => {
    const captured = {
      db: await mysqlState(mysql.url),
      cache: withoutTtls(await redisState(redis.url)),
      files: await treeDigest(uploads('production')),
    };
    const backup = await run('/v1/sites/shop/backups', { environment: 'production' });
    const snapshot = (await api('GET', `/v1/sites/shop/snapshots/${backup.snapshot_id}`)).json<Snapshot>();
    expect(snapshot.parts.db.services).toEqual(['db', 'cache']);

    const shop = await mysqlAdmin(mysql.name);
    await shop.query('DELETE FROM orders WHERE id = 2; CREATE TABLE coupons (code text);');
    await shop.end();
    await redis.client.set('cart:eve', 'tee');
    await writeFile(path.join(uploads('production'), 'added.txt'), 'added');
    const changedFiles = await treeDigest(uploads('production'));

    await run(`/v1/sites/shop/snapshots/${snapshot.id}/restore`, {
      selectors: ['db'],
      confirm: 'production',
    });
    expect(await mysqlState(mysql.url)).toEqual(captured.db);
    expect(withoutTtls(await redisState(redis.url))).toEqual(captured.cache);
    expect(await treeDigest(uploads('production'))).toEqual(changedFiles);

    await run(`/v1/sites/shop/snapshots/${snapshot.id}/restore`, {
      selectors: ['files'],
      confirm: 'production',
    });
    expect(await treeDigest(uploads('production'))).toEqual(captured.files);

    const download = await api('GET', `/v1/sites/shop/snapshots/${snapshot.id}/download`);
    expect(download.statusCode).toBe(200);
    const out = path.join(dir, 'archive');
    await mkdir(out);
    await writeFile(path.join(out, 'a.tar.gz'), download.rawPayload);
    expect(spawnSync('tar', ['-xzf', 'a.tar.gz'], { cwd: out }).status).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(JSON.stringify(manifest)).not.toContain(mysql.url);
    await expect(readFile(path.join(out, 'db', 'db.sql'), 'utf8')).resolves.toContain(
      'CREATE TABLE `orders`',
    );
    const keys = (await readFile(path.join(out, 'db', 'cache.redis.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { k?: string })
      .flatMap((line) => (line.k ? [Buffer.from(line.k, 'base64').toString()] : []));
    expect(keys.sort()).toEqual(['cart:ada', 'session:ada']);
    await expect(readFile(path.join(out, 'files', 'uploads', 'images', 'logo.png'), 'utf8')).resolves.toBe(
      'logo of production',
    );
  });

  it('snapshots PostgreSQL + files and restores both after a table was dropped', async () => {
    const captured = { db: await postgresState(postgres.url), files: await treeDigest(uploads('staging')) };
    const backup = await run('/v1/sites/shop/backups', { environment: 'staging' });
    const blog = pgAdmin(postgres.name);
    await blog.connect();
    await blog.query('DROP TABLE posts; CREATE TABLE drafts (id int);');
    await blog.end();
    await writeFile(path.join(uploads('staging'), 'images', 'logo.png'), 'a new logo');

    await run(`/v1/sites/shop/snapshots/${backup.snapshot_id}/restore`, {});
    expect(await postgresState(postgres.url)).toEqual(captured.db);
    expect(await treeDigest(uploads('staging'))).toEqual(captured.files);
  });
});
