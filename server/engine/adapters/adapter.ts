// What every kind of service (sqlite, files, postgres, mysql, redis) provides to the engine.
// Capture writes the service's data into the store; restore materialises it beside the live data (a staged
// file or folder, a new database, a spare Redis database) and the engine swaps it in, journalled, so the
// adapter never overwrites the live data itself.
import type { BlobBatch, SnapshotStore } from '../../store/snapshot-store.ts';
import { databaseSiblingName, type JournalService } from '../journal.ts';
import type { ServiceSwap } from '../swap.ts';
import type { ServiceManifest, ServiceSpec } from '../types.ts';

export interface CaptureContext {
  store: SnapshotStore;
  /** Where the capture's content goes: durable, and seen by hasBlob, only once the whole capture commits. */
  blobs: BlobBatch;
  /** A private scratch folder for this capture (dumps are written here, then stored, then deleted). */
  workDir: string;
  /** The same service in the environment's previous snapshot, to skip reading content that has not changed. */
  previous: ServiceManifest | null;
  /** Called with bytes read since the last call. */
  onBytes: (bytes: number) => void;
}

export interface CapturedService {
  manifest: ServiceManifest;
  /** Bytes this capture added to the store. */
  storedBytes: number;
}

export interface CapturePlan {
  /** How many bytes the capture will read, for progress; an estimate for databases. */
  totalBytes: number;
  run(context: CaptureContext): Promise<CapturedService>;
}

export interface StageContext {
  store: SnapshotStore;
  snapshotId: string;
  onBytes: (bytes: number) => void;
  /**
   * Staged files and folders must each be fsynced as they are written. False where the restore flushes each
   * staging path's whole filesystem once, after staging and before the swap (see restore.ts).
   */
  syncEachFile: boolean;
}

export interface StageTarget {
  service: ServiceSpec;
  jobId: string;
  /** Where the live data is: a path (sqlite, files) or a name on the server (postgres, mysql, redis). */
  live: string;
  /** Where to stage the new data: a sibling path, or a new database, schema or spare Redis database. */
  staged: string;
}

/** Where a restore puts things: the journal's names for one service. */
export type RestoreTarget = Pick<
  JournalService,
  'live' | 'old' | 'staged' | 'companions' | 'staged_extras' | 'detail'
> & {
  /** Database services: the server and database, to refuse two services over the same data. */
  identity?: string;
};

/**
 * A database server's restore target: the snapshot is loaded into a new database beside the live one, which is
 * renamed aside (`old`) during the swap and dropped only once the swap has succeeded.
 */
export function siblingDatabaseTarget(
  type: 'postgres' | 'mysql',
  server: { host: string; port: number; database: string },
  jobId: string,
  maxName: number,
): RestoreTarget {
  const live = server.database;
  return {
    live,
    old: databaseSiblingName(live, 'old', jobId, maxName),
    staged: databaseSiblingName(live, 'staged', jobId, maxName),
    companions: [],
    staged_extras: [],
    identity: `${type} ${server.host}:${server.port}/${live}`,
  };
}

export interface ServiceAdapter {
  /** Looks at the live service (read only) and says what a capture will do; throws `service_unreadable`. */
  /** `previous`: the same service in the environment's previous snapshot, when there is one. */
  planCapture(service: ServiceSpec, previous?: ServiceManifest | null): Promise<CapturePlan>;
  /**
   * Checks a snapshot's part before anything is written: every entry is safe, every blob is in the store, the
   * tools a restore needs are there. Throws `unsafe_entry`, `corrupt_snapshot` or `tool_missing`.
   */
  check(part: ServiceManifest, context: StageContext): Promise<void>;
  /**
   * Names the live data and its staged and old copies for a restore by `jobId`, changing nothing; throws
   * `service_mismatch`.
   */
  restoreTarget(service: ServiceSpec, jobId: string): Promise<RestoreTarget>;
  /**
   * Optional: takes what staging needs on the server (Redis: a spare database), after the leftovers of an
   * earlier attempt are gone and before the journal is written. Returns the target with its final names.
   */
  reserve?(service: ServiceSpec, target: RestoreTarget, jobId: string): Promise<RestoreTarget>;
  /**
   * Writes the part at `staged` (which does not exist yet) and verifies it. The live data, when it exists, is
   * only looked at (e.g. for the permissions or the encoding to give the new data). Durable when it resolves
   * if `syncEachFile`; otherwise once the restore has flushed the staged path's filesystem.
   */
  stage(part: ServiceManifest, target: StageTarget, context: StageContext): Promise<void>;
  /** How the staged data is swapped in, journalled (see swap.ts). */
  swap(service: ServiceSpec): ServiceSwap;
  /** Current size of the live data in bytes, or null when it cannot be read. */
  measure(service: ServiceSpec): Promise<number | null>;
}
