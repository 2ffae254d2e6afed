// A capture runs the databases one by one beside the file mounts: the manifest still lists every service in
// the configuration's order, databases first, and a failure leaves nothing behind once both sides settled.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStore } from '../store/local-store.ts';
import type { SnapshotStore } from '../store/snapshot-store.ts';
import { captureSnapshot } from './capture.ts';
import { createEnvironment, environmentSpec, makeTempDir } from './testing/fixtures.ts';
import type { EnvironmentSpec, JobPhase, ServiceSpec } from './types.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
let env: EnvironmentSpec;
let store: SnapshotStore;
let storeRoot: string;

beforeEach(async () => {
  tmp = await makeTempDir('capture');
  env = environmentSpec(tmp.dir);
  createEnvironment(env).close();
  storeRoot = path.join(tmp.dir, 'store');
  store = createLocalStore(storeRoot);
});
afterEach(() => tmp.cleanup());

function withServices(...extra: ServiceSpec[]): EnvironmentSpec {
  return { ...env, services: [...env.services, ...extra] };
}

const capture = (spec: EnvironmentSpec, onPhase?: (phase: JobPhase) => void) =>
  captureSnapshot({
    snapshotId: 'snap_A',
    createdAt: '2025-06-01T12:00:00.000Z',
    env: spec,
    store,
    workDir: path.join(tmp.dir, 'work'),
    onProgress: onPhase && (({ phase }) => onPhase(phase)),
  });

describe('capturing databases beside file mounts', () => {
  it('lists the services databases first, each kind in the configuration order', async () => {
    const cache = path.join(tmp.dir, 'cache.db');
    const db = new DatabaseSync(cache);
    db.exec('CREATE TABLE entries (key TEXT PRIMARY KEY, value TEXT)');
    db.close();
    const media = path.join(tmp.dir, 'media');
    mkdirSync(media);
    writeFileSync(path.join(media, 'logo.svg'), '<svg/>');
    const spec = withServices(
      { name: 'media', type: 'files', selector: 'files', path: media },
      { name: 'cache', type: 'sqlite', selector: 'db', path: cache },
    );

    const phases: JobPhase[] = [];
    const { manifest } = await capture(spec, (phase) => {
      if (phases.at(-1) !== phase) phases.push(phase);
    });
    expect(manifest.services.map((service) => service.name)).toEqual(['db', 'cache', 'uploads', 'media']);
    expect(phases).toEqual(['capturing_db', 'capturing_files', 'finalizing']);
  });

  it('fails with the database, leaving no snapshot, no blob and no temporary file', async () => {
    const notADatabase = path.join(tmp.dir, 'notes.db');
    writeFileSync(notADatabase, 'these are notes, not a database\n'.repeat(100));

    await expect(
      capture(withServices({ name: 'notes', type: 'sqlite', selector: 'db', path: notADatabase })),
    ).rejects.toMatchObject({ code: 'service_unreadable' });
    expect(await store.getManifest('snap_A')).toBeNull();
    const blobs: string[] = [];
    for await (const blob of store.listBlobs()) blobs.push(blob);
    expect(blobs).toEqual([]);
    expect(readdirSync(path.join(storeRoot, 'tmp'))).toEqual([]);
  });
});
