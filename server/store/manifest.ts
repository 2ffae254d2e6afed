// What a snapshot holds: one manifest per snapshot names every content it refers to. The manifest is the
// commit point of a snapshot: it is written, durably, only once every content it names is.
import type { Selector, ServiceType } from '../../contract/schemas.ts';

export interface FileEntry {
  /** POSIX path relative to the mount's root, never absolute, never with `..`. */
  path: string;
  type: 'file';
  size: number;
  mode: number;
  mtime_ms: number;
  sha256: string;
}
export interface DirEntry {
  path: string;
  type: 'dir';
  mode: number;
}
export interface SymlinkEntry {
  path: string;
  type: 'symlink';
  target: string;
}
export type TreeEntry = FileEntry | DirEntry | SymlinkEntry;

export interface DumpPart {
  /** The dump's content in the store. */
  sha256: string;
  size: number;
  /** File extension in archives: `sqlite`, `pgdump` (custom format), `sql`, `redis.jsonl`. */
  ext: string;
  /**
   * SQLite: the database file and -wal as they were just before the copy (adapters/sqlite-stamp.ts). A later
   * capture that finds the same stamp reuses this dump instead of copying the database again.
   */
  source_stamp?: string;
  /**
   * The database could not be read consistently (it was damaged), so its file was kept byte for byte instead.
   * Only pre-restore snapshots do this, so that restoring over a damaged database still keeps what was there.
   */
  raw?: boolean;
}

export interface ServiceManifest {
  name: string;
  type: ServiceType;
  selector: Selector;
  /** Database services: the consistent dump. */
  dump?: DumpPart;
  /** Database servers: the version that was captured (a restore into an older server may fail). */
  server_version?: string;
  /** File mounts: every entry of the tree, sorted by path. */
  entries?: TreeEntry[];
  size_bytes: number;
  file_count: number;
  /** The service's data did not exist at capture time (a pre-restore snapshot over a deleted database). */
  absent?: boolean;
}

export interface Manifest {
  format: 1;
  snapshot_id: string;
  site: string;
  environment: string;
  created_at: string;
  services: ServiceManifest[];
}

/** Every distinct content a manifest refers to. */
export function manifestBlobs(manifest: Manifest): Set<string> {
  const blobs = new Set<string>();
  for (const service of manifest.services) {
    if (service.dump) blobs.add(service.dump.sha256);
    for (const entry of service.entries ?? []) if (entry.type === 'file') blobs.add(entry.sha256);
  }
  return blobs;
}
