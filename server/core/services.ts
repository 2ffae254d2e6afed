import type { Catalog, EnvironmentRow } from '../catalog/catalog.ts';
import type { EnvironmentSpec } from '../engine/types.ts';
import type { JobRunner } from '../jobs/runner.ts';
import type { StoreLock } from '../jobs/store-lock.ts';
import type { Logger } from '../logger.ts';
import type { Scheduler } from '../schedule/scheduler.ts';
import type { SnapshotStore } from '../store/snapshot-store.ts';
import type { ServiceSizes } from './service-sizes.ts';
import type { StoreUsage } from './store-usage.ts';

export interface Paths {
  dataDir: string;
  catalogFile: string;
  storeDir: string;
  /** Scratch space for captures (database dumps before they go to the store). */
  workDir: string;
  /** Restore swap journals, read at start to finish or undo an interrupted swap. */
  journalDir: string;
}

/** What the operations and jobs of Rewind work with. */
export interface Services {
  catalog: Catalog;
  store: SnapshotStore;
  lock: StoreLock;
  runner: JobRunner;
  sizes: ServiceSizes;
  /** What each environment's snapshots occupy in the store. */
  usage: StoreUsage;
  paths: Paths;
  now: () => Date;
  log: Logger;
  /**
   * Frees store space no snapshot uses any more, as soon as no capture is running; resolves once a sweep
   * that saw every deletion made before the call has finished.
   */
  requestSweep: () => Promise<void>;
  connections: ServiceConnections;
  /** Runs scheduled backups and prunes; told when a policy changes so it looks at the schedules again. */
  scheduler: Scheduler;
}

/** How long a snapshot stays restorable when its environment's policy does not say. */
export const restorableDays = 14;

/** Idempotency keys are kept this long; a retry within it gets the first answer again. */
export const idempotencyKeyHours = 48;

/**
 * Connection URLs of database services, with their passwords, by site, environment and service. They live
 * only in memory (read from the config at start); the catalog keeps the URLs with the password masked.
 */
export type ServiceConnections = ReadonlyMap<string, string>;

export const connectionKey = (site: string, environment: string, service: string) =>
  JSON.stringify([site, environment, service]);

export function environmentSpec(
  siteSlug: string,
  env: EnvironmentRow,
  connections: ServiceConnections,
): EnvironmentSpec {
  return {
    site: siteSlug,
    name: env.name,
    services: env.services.map((service) => {
      const url = connections.get(connectionKey(siteSlug, env.name, service.name)) ?? service.url;
      return {
        name: service.name,
        type: service.type,
        selector: service.selector,
        ...(service.path ? { path: service.path } : {}),
        ...(url ? { url } : {}),
      };
    }),
  };
}
