// The server killed with SIGKILL at chosen instants of a snapshot and of a restore, then started again:
// no ready snapshot that does not verify, no job left running, the environment entirely old or entirely new.
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job, Snapshot } from '../contract/schemas.ts';
import { manifestBlobs } from './engine/types.ts';
import { createLocalStore } from './store/local-store.ts';
import { changeRows, readRows, treeDigest } from './testing/environments.ts';
import { startRewindServer, type RewindServer } from './testing/server-process.ts';
import { writeTestConfig } from './testing/test-app.ts';

let dir: string;
let config: Awaited<ReturnType<typeof writeTestConfig>>;
const token = 'rwd_crash_test_token';

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rewind-crash-'));
  config = await writeTestConfig(dir);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const start = (failpoints?: string) =>
  startRewindServer({
    dataDir: path.join(dir, 'data'),
    token,
    env: { REWIND_CONFIG: config.configFile, ...(failpoints ? { REWIND_FAILPOINTS: failpoints } : {}) },
  });

async function call<T>(server: RewindServer, method: string, url: string, body?: object): Promise<T> {
  const response = await fetch(`${server.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return (await response.json()) as T;
}

async function waitForJob(server: RewindServer, id: string): Promise<Job> {
  for (;;) {
    const job = await call<Job>(server, 'GET', `/v1/jobs/${id}`);
    if (job.status !== 'queued' && job.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function diedByKill(server: RewindServer): Promise<void> {
  if (server.process.exitCode === null && server.process.signalCode === null)
    await once(server.process, 'exit');
  expect(server.process.signalCode, server.log()).toBe('SIGKILL');
}

/** Every ready snapshot's manifest is there and every blob it names verifies. */
async function readySnapshotsVerify(snapshots: Snapshot[]): Promise<void> {
  const store = createLocalStore(path.join(dir, 'data', 'store'));
  for (const snapshot of snapshots.filter((s) => s.status === 'ready')) {
    const manifest = await store.getManifest(snapshot.id);
    expect(manifest, snapshot.id).not.toBeNull();
    for (const sha of manifestBlobs(manifest!)) await store.verifyBlob(sha);
  }
}

describe('killed during a snapshot', () => {
  for (const point of ['capture:after-db', 'capture:mid-files', 'capture:before-manifest']) {
    it(`at ${point}: no ready snapshot, the job failed, and a new snapshot works`, async () => {
      const dying = await start(point);
      const job = await call<Job>(dying, 'POST', '/v1/sites/acme-store/backups', {
        environment: 'production',
      });
      await diedByKill(dying);

      const server = await start();
      try {
        const after = await call<Job>(server, 'GET', `/v1/jobs/${job.id}`);
        expect(after.status).toBe('failed');
        expect(after.error?.code).toBe('interrupted');
        const snapshot = await call<Snapshot>(
          server,
          'GET',
          `/v1/sites/acme-store/snapshots/${job.snapshot_id}`,
        );
        expect(snapshot.status).toBe('failed');
        const again = await call<Job>(server, 'POST', '/v1/sites/acme-store/backups', {
          environment: 'production',
        });
        expect((await waitForJob(server, again.id)).status).toBe('succeeded');
        const active = await call<{ data: Job[] }>(server, 'GET', '/v1/sites/acme-store/jobs?status=active');
        expect(active.data).toEqual([]);
        const history = await call<{ data: Snapshot[] }>(
          server,
          'GET',
          '/v1/sites/acme-store/environments/production/snapshots',
        );
        await server.stop();
        await readySnapshotsVerify(history.data);
      } finally {
        await server.stop();
      }
    });
  }
});

describe('killed during a restore', () => {
  const beforeCommit = [
    'restore:after-staging',
    'restore:after-journal-swapping',
    'restore:between-renames',
    'restore:after-first-service',
    'restore:before-commit',
  ];
  for (const point of [...beforeCommit, 'restore:after-commit']) {
    const expectNew = !beforeCommit.includes(point);
    it(`at ${point}: the environment is entirely ${expectNew ? 'new' : 'old'}`, async () => {
      const env = config.envs.production;
      const first = await start();
      const job = await call<Job>(first, 'POST', '/v1/sites/acme-store/backups', {
        environment: 'production',
      });
      const snapshotId = (await waitForJob(first, job.id)).snapshot_id;
      await first.stop();
      const newState = { tree: await treeDigest(env.uploads), rows: readRows(env.db) };

      changeRows(env.db);
      await writeFile(path.join(env.uploads, 'documents', 'terms.md'), 'edited\n');
      await rm(path.join(env.uploads, 'products', 'cup.png'));
      const oldState = { tree: await treeDigest(env.uploads), rows: readRows(env.db) };

      const dying = await start(point);
      const restore = await call<Job>(dying, 'POST', `/v1/sites/acme-store/snapshots/${snapshotId}/restore`, {
        confirm: 'production',
      });
      await diedByKill(dying);

      const server = await start();
      try {
        const after = await call<Job>(server, 'GET', `/v1/jobs/${restore.id}`);
        expect(after.status).toBe(expectNew ? 'succeeded' : 'failed');
        const now = { tree: await treeDigest(env.uploads), rows: readRows(env.db) };
        expect(now).toEqual(expectNew ? newState : oldState);
        const leftovers = (await treeDigest(path.dirname(env.uploads))) as Record<string, string>;
        expect(Object.keys(leftovers).filter((p) => p.includes('rewind'))).toEqual([]);
      } finally {
        await server.stop();
      }
    });
  }
});
