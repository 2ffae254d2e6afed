// What every kind of service (sqlite, files; later postgres, mysql, redis) provides to the engine.
// Capture writes the service's data into the store; restore materialises it beside the live data and the engine
// swaps it in by renames, journalled, so the adapter never touches the live data itself.
import type { SnapshotStore } from '../../store/snapshot-store.ts';
import type { ServiceManifest, ServiceSpec } from '../types.ts';

export interface CaptureContext {
  store: SnapshotStore;
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
}

export interface StagePaths {
  livePath: string;
  stagedPath: string;
}

export interface ServiceAdapter {
  /** Looks at the live service (read only) and says what a capture will do; throws `service_unreadable`. */
  planCapture(service: ServiceSpec): Promise<CapturePlan>;
  /**
   * Checks a snapshot's part before anything is written: every entry is safe and every blob is in the store.
   * Throws `unsafe_entry` or `corrupt_snapshot`.
   */
  check(part: ServiceManifest, context: StageContext): Promise<void>;
  /**
   * Writes the part at `stagedPath` (which does not exist yet), verifying every byte. The live data, when it
   * exists, is only looked at (e.g. for the permissions to give the new file).
   */
  stage(part: ServiceManifest, paths: StagePaths, context: StageContext): Promise<void>;
  /**
   * Files that belong with the live data and must move aside with it, e.g. SQLite's `-wal`: left beside a new
   * database, a stale write-ahead log would be replayed into it.
   */
  companions(livePath: string): string[];
  /** Current size of the live data in bytes, or null when it cannot be read. */
  measure(service: ServiceSpec): Promise<number | null>;
}
