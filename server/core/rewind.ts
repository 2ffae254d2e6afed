import path from 'node:path';
import type { Catalog } from '../catalog/catalog.ts';
import { createSqliteCatalog } from '../catalog/sqlite/index.ts';
import { sweepStore } from '../engine/index.ts';
import { backupJob } from '../jobs/backup-job.ts';
import { pruneJob } from '../jobs/prune-job.ts';
import { restoreJob } from '../jobs/restore-job.ts';
import { verifyJob } from '../jobs/verify-job.ts';
import { createInProcessRunner, type JobRunner } from '../jobs/runner.ts';
import { StoreLock } from '../jobs/store-lock.ts';
import type { Logger } from '../logger.ts';
import { systemClock, type Clock } from '../schedule/clock.ts';
import { createScheduler, type Scheduler } from '../schedule/scheduler.ts';
import { createLocalStore } from '../store/local-store.ts';
import { recover } from './recovery.ts';
import { ServiceSizes } from './service-sizes.ts';
import { StoreUsage } from './store-usage.ts';
import { idempotencyKeyHours, type Paths, type ServiceConnections, type Services } from './services.ts';

export interface RewindOptions {
  dataDir: string;
  log: Logger;
  now?: () => Date;
  /** The scheduler's time and timers (tests pass a fake one); its `now` is everyone's. */
  clock?: Clock;
  /** Database connection URLs with their passwords (kept out of the catalog). */
  connections?: ServiceConnections;
  /** Whether scheduled backups and daily prunes run (default true). */
  scheduler?: boolean;
}

export function dataPaths(dataDir: string): Paths {
  return {
    dataDir,
    catalogFile: path.join(dataDir, 'catalog.db'),
    storeDir: path.join(dataDir, 'store'),
    workDir: path.join(dataDir, 'work'),
    journalDir: path.join(dataDir, 'journal'),
  };
}

/** Rewind's embedded default: SQLite catalog, local-folder store, in-process job runner. */
export function createRewind(
  options: RewindOptions,
): Services & { start(): Promise<void>; close(): Promise<void> } {
  const paths = dataPaths(options.dataDir);
  const clock = options.clock ?? systemClock(options.now);
  const now = () => clock.now();
  const catalog: Catalog = createSqliteCatalog(paths.catalogFile, now);
  const store = createLocalStore(paths.storeDir);
  const lock = new StoreLock();
  let sweepQueued = false;
  let sweeping: Promise<void> = Promise.resolve();

  const services: Services = {
    catalog,
    store,
    lock,
    paths,
    now,
    log: options.log,
    connections: options.connections ?? new Map(),
    sizes: new ServiceSizes(options.connections ?? new Map()),
    usage: new StoreUsage(catalog, store, options.log),
    runner: undefined as unknown as JobRunner,
    scheduler: undefined as unknown as Scheduler,
    requestSweep() {
      if (sweepQueued) return sweeping;
      sweepQueued = true;
      sweeping = lock
        .whenIdle(async () => {
          sweepQueued = false;
          const referenced = await catalog.referencedBlobs();
          const result = await sweepStore(store, referenced);
          await catalog.forgetUnreferencedBlobSizes();
          if (result.deletedBlobs > 0) options.log.info(result, 'freed store space no snapshot uses');
        })
        .catch((error: unknown) => options.log.error({ err: error }, 'store sweep failed'));
      return sweeping;
    },
  };
  const scheduler = createScheduler(services, clock);
  services.scheduler = scheduler;
  services.runner = createInProcessRunner({
    catalog,
    now,
    log: options.log,
    handlers: {
      backup: backupJob(services),
      restore: restoreJob(services),
      prune: pruneJob(services),
      verify: verifyJob(services),
    },
    onFinished: (job) => {
      services.sizes.forget(job.environment_id);
      // A backup or a restore's pre-restore snapshot may have turned ready, a prune deleted some.
      services.usage.refresh(job.environment_id);
      scheduler.jobFinished(job);
    },
  });

  // Idempotency keys are kept 48 hours (at least the 24 the API promises), then forgotten.
  const forgetOldKeys = () =>
    catalog
      .deleteIdempotencyKeysBefore(new Date(now().getTime() - idempotencyKeyHours * 3_600_000).toISOString())
      .catch((error: unknown) => options.log.error({ err: error }, 'could not forget old idempotency keys'));
  let keyTimer: NodeJS.Timeout | undefined;

  return {
    ...services,
    async start() {
      await recover(services);
      await forgetOldKeys();
      keyTimer = setInterval(forgetOldKeys, 3_600_000).unref();
      if (options.scheduler ?? true) scheduler.start();
    },
    async close() {
      clearInterval(keyTimer);
      await scheduler.stop();
      await services.runner.stop(10_000);
      await sweeping;
      await catalog.close();
    },
  };
}
