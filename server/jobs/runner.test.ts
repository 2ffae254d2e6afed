import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobType } from '../../contract/schemas.ts';
import type { Catalog, EnvironmentRow, JobRow } from '../catalog/catalog.ts';
import { createSqliteCatalog } from '../catalog/sqlite/index.ts';
import type { Logger } from '../logger.ts';
import { createInProcessRunner, type JobHandler } from './runner.ts';

let dir: string;
let catalog: Catalog;
let env: EnvironmentRow;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rewind-runner-'));
  catalog = createSqliteCatalog(path.join(dir, 'catalog.db'));
  await catalog.syncSites([
    {
      slug: 'acme-store',
      name: 'Acme',
      environments: [{ name: 'production', type: 'production', services: [] }],
    },
  ]);
  const [site] = await catalog.listSites();
  env = (await catalog.findEnvironment(site!.id, 'production'))!;
});
afterEach(async () => {
  await catalog.close();
  await rm(dir, { recursive: true, force: true });
});

const quiet = () => {};
const log = { info: quiet, warn: quiet, error: quiet, debug: quiet, child: () => log } as unknown as Logger;

let counter = 0;
async function queued(type: JobType): Promise<JobRow> {
  const id = `job_${String(++counter).padStart(4, '0')}`;
  await catalog.insertJob({
    id,
    type,
    status: 'queued',
    site_id: env.site_id,
    environment_id: env.id,
    snapshot_id: 'snap_1',
    pre_restore_snapshot_id: null,
    verify_scope: type === 'verify' ? 'snapshot' : null,
    selectors: [],
    phase: 'queued',
    done_bytes: 0,
    total_bytes: 0,
    waiting_for: null,
    error: null,
    created_by: 'admin',
    created_at: new Date().toISOString(),
    started_at: null,
    finished_at: null,
  });
  return (await catalog.getJob(id))!;
}

/** A handler that runs until its test lets it finish. */
function held() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const started: string[] = [];
  const handler: JobHandler = async (job) => {
    started.push(job.id);
    await gate;
  };
  return { handler, started, release };
}

describe('the in-process job runner', () => {
  it('runs a backup while a verify of the same environment reads, and queues verifies behind each other', async () => {
    const verifies = held();
    const backups = held();
    const handlers = {
      backup: backups.handler,
      restore: backups.handler,
      prune: backups.handler,
      verify: verifies.handler,
    };
    const runner = createInProcessRunner({ catalog, handlers, now: () => new Date(), log });

    const verify = await queued('verify');
    runner.submit(verify);
    const second = await queued('verify');
    runner.submit(second);
    const backup = await queued('backup');
    runner.submit(backup);
    await expect.poll(() => backups.started).toEqual([backup.id]);
    expect(verifies.started).toEqual([verify.id]);
    await expect.poll(async () => (await catalog.getJob(second.id))?.waiting_for).toBe(verify.id);
    expect((await catalog.getJob(backup.id))?.waiting_for).toBeNull();

    backups.release();
    verifies.release();
    await runner.idle();
    for (const job of [verify, second, backup])
      expect((await catalog.getJob(job.id))?.status).toBe('succeeded');
  });
});
