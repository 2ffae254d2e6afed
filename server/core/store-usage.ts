// What snapshots occupy in the content-addressed store, where they share every content they have in common.
// Which snapshot uses which content is what the catalog recorded from each manifest when it turned ready; the
// size of each content is the store's (compressed), asked once and kept in the catalog. Only contents a ready
// snapshot refers to are measured, and a sweep never deletes those, so this never races a capture or a sweep.
import type { Catalog, SnapshotFootprint } from '../catalog/catalog.ts';
import type { Logger } from '../logger.ts';
import type { SnapshotStore } from '../store/snapshot-store.ts';

type Scope = Parameters<Catalog['blobsOfUnknownSize']>[0];

/** How many contents are measured at once: enough to keep the store busy, few enough not to flood it. */
const batch = 256;

/** Asks the store the size of each content of the scope the catalog does not know yet, and records them. */
export async function learnBlobSizes(catalog: Catalog, store: SnapshotStore, scope: Scope): Promise<void> {
  const unknown = await catalog.blobsOfUnknownSize(scope);
  for (let start = 0; start < unknown.length; start += batch) {
    const names = unknown.slice(start, start + batch);
    const sizes = await Promise.all(names.map((sha256) => store.blobStoredSize(sha256)));
    // A content missing from the store (a damaged store) occupies nothing; it is asked again next time.
    await catalog.recordBlobSizes(
      names.flatMap((sha256, i) => {
        const stored_bytes = sizes[i];
        return stored_bytes === null || stored_bytes === undefined ? [] : [{ sha256, stored_bytes }];
      }),
    );
  }
}

/** What the snapshot occupies now, and how much of it other snapshots share. */
export async function measureSnapshot(
  catalog: Catalog,
  store: SnapshotStore,
  snapshotId: string,
): Promise<SnapshotFootprint> {
  await learnBlobSizes(catalog, store, { snapshotId });
  return catalog.snapshotFootprint(snapshotId);
}

/**
 * Each environment's store usage, kept in memory: the catalog sums it over the environment's distinct
 * contents (tens of milliseconds for a thousand snapshots of ten thousand contents), and GET …/environments
 * asks for it on every call. It changes only when a snapshot turns ready or is deleted, and those say so
 * (`changed`). In-process, like the store lock: several processes would each keep their own, or none.
 */
export class StoreUsage {
  private cache = new Map<string, Promise<number>>();
  private readonly catalog: Catalog;
  private readonly store: SnapshotStore;
  private readonly log: Logger;

  constructor(catalog: Catalog, store: SnapshotStore, log: Logger) {
    this.catalog = catalog;
    this.store = store;
    this.log = log;
  }

  of(environmentId: string): Promise<number> {
    const hit = this.cache.get(environmentId);
    if (hit) return hit;
    const usage = (async () => {
      await learnBlobSizes(this.catalog, this.store, { environmentId });
      return this.catalog.environmentStoreUsage(environmentId);
    })();
    this.cache.set(environmentId, usage);
    usage.catch(() => {
      if (this.cache.get(environmentId) === usage) this.cache.delete(environmentId);
    });
    return usage;
  }

  /** The environment's snapshots changed: measure again on the next read. */
  changed(environmentId: string): void {
    this.cache.delete(environmentId);
  }

  /** After a job: measured again at once, so that the next page load finds it ready. */
  refresh(environmentId: string): void {
    this.changed(environmentId);
    this.of(environmentId).catch((error: unknown) =>
      this.log.error({ err: error, environment: environmentId }, 'could not measure the store usage'),
    );
  }
}
