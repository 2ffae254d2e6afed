// Taking a snapshot: every service of the environment, the databases one by one beside the file mounts. The
// environment is only read. Every content goes into one blob batch, made durable at once when all of it is
// written (flushed, then renamed into place, then the renames flushed); the manifest is written last, after
// that, so a snapshot whose manifest exists is complete, and a crash at any earlier instant leaves no snapshot
// at all (only temporary files, which cleanTemporary removes, and unreferenced blobs, which the next sweep
// frees).
import { mkdir } from 'node:fs/promises';
import type { SnapshotStore } from '../store/snapshot-store.ts';
import type { CapturePlan } from './adapters/adapter.ts';
import { adapterFor } from './adapters/index.ts';
import { rawFilePlan } from './adapters/raw-file.ts';
import { failpoint } from '../platform/failpoints.ts';
import { createProgressReporter } from './progress.ts';
import {
  EngineError,
  type EnvironmentSpec,
  type Manifest,
  type ProgressListener,
  type ServiceManifest,
  type ServiceSpec,
} from './types.ts';

export interface CaptureOptions {
  snapshotId: string;
  createdAt: string;
  env: EnvironmentSpec;
  store: SnapshotStore;
  /** The environment's latest ready snapshot: unchanged files are not read again. */
  previous?: Manifest | null;
  onProgress?: ProgressListener;
  /** Scratch space for database dumps; the caller owns and removes it. */
  workDir: string;
  /**
   * Pre-restore snapshots: a SQLite database that cannot be read (damaged, or gone) must not stop the restore
   * that is meant to repair it; its file is kept as it is, or recorded as absent.
   */
  keepUnreadable?: boolean;
}

export interface CaptureResult {
  manifest: Manifest;
  /** The captured data, uncompressed. */
  sizeBytes: number;
  /** What this snapshot added to the store. */
  storedBytes: number;
}

async function planCapture(
  service: ServiceSpec,
  previous: ServiceManifest | null,
  keepUnreadable: boolean,
): Promise<CapturePlan> {
  const adapter = adapterFor(service.type, service.name);
  if (!keepUnreadable || service.type !== 'sqlite') return adapter.planCapture(service, previous);
  const unreadable = (error: unknown) => (error as EngineError).code === 'service_unreadable';
  let plan: CapturePlan;
  try {
    plan = await adapter.planCapture(service, previous);
  } catch (error) {
    if (!unreadable(error)) throw error;
    return rawFilePlan(service);
  }
  return {
    totalBytes: plan.totalBytes,
    async run(context) {
      try {
        return await plan.run(context);
      } catch (error) {
        if (!unreadable(error)) throw error;
        return (await rawFilePlan(service)).run(context);
      }
    },
  };
}

export async function captureSnapshot(options: CaptureOptions): Promise<CaptureResult> {
  try {
    return await capture(options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    throw new EngineError(
      'store_full',
      `There is no disk space left to write snapshot ${options.snapshotId} ` +
        `(${(error as NodeJS.ErrnoException).path ?? 'in the snapshot store'}). Free some space or delete ` +
        'snapshots you no longer need, then take the snapshot again.',
    );
  }
}

async function capture(options: CaptureOptions): Promise<CaptureResult> {
  const { env, store, previous } = options;
  const progress = createProgressReporter(options.onProgress);
  const databases = env.services.filter((service) => service.selector === 'db');
  const mounts = env.services.filter((service) => service.selector === 'files');
  const ordered = [...databases, ...mounts];

  progress.phase(databases.length > 0 ? 'capturing_db' : 'capturing_files');
  // Every service is looked at before any is captured: an unreadable one fails the snapshot before work is done.
  const previousOf = (service: ServiceSpec) =>
    previous?.services.find((old) => old.name === service.name && old.type === service.type) ?? null;
  const plans: CapturePlan[] = [];
  for (const service of ordered) {
    plans.push(await planCapture(service, previousOf(service), options.keepUnreadable === true));
  }
  const totalBytes = plans.reduce((sum, plan) => sum + plan.totalBytes, 0);
  progress.total(totalBytes);
  await mkdir(options.workDir, { recursive: true });

  const captured: Array<{ manifest: ServiceManifest; storedBytes: number }> = [];
  const blobs = store.openBatch();
  const runService = async (index: number) => {
    const service = ordered[index]!;
    captured[index] = await plans[index]!.run({
      store,
      blobs,
      workDir: options.workDir,
      previous: previousOf(service),
      onBytes: (bytes) => progress.add(bytes),
    });
  };
  try {
    // The databases, one after another, beside the file mounts: a database copy mostly waits on the disk
    // while a mount keeps the processor busy. Each service is captured consistently on its own either way.
    const databasesDone = (async () => {
      for (let index = 0; index < databases.length; index++) await runService(index);
      if (databases.length > 0) {
        failpoint('capture:after-db');
        if (mounts.length > 0) progress.phase('capturing_files');
      }
    })();
    const mountsDone = (async () => {
      for (let index = databases.length; index < ordered.length; index++) await runService(index);
    })();
    // Both settle before a failure is thrown: the batch is not aborted under a put still writing.
    const [first] = (await Promise.allSettled([databasesDone, mountsDone])).filter(
      (outcome) => outcome.status === 'rejected',
    );
    if (first) throw first.reason;

    progress.set(totalBytes);
    progress.phase('finalizing');
    await blobs.commit();
  } catch (error) {
    await blobs.abort().catch(() => {}); // what is left in tmp/ goes at the next start (cleanTemporary)
    throw error;
  }
  const services = captured.map((service) => service.manifest);
  const storedBytes = captured.reduce((sum, service) => sum + service.storedBytes, 0);
  const manifest: Manifest = {
    format: 1,
    snapshot_id: options.snapshotId,
    site: env.site,
    environment: env.name,
    created_at: options.createdAt,
    services,
  };
  failpoint('capture:before-manifest');
  await store.putManifest(manifest);
  const sizeBytes = services.reduce((sum, service) => sum + service.size_bytes, 0);
  return { manifest, sizeBytes, storedBytes };
}
