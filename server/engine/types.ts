// The engine's own vocabulary. The engine knows nothing of HTTP or of the catalog: callers hand it plain
// descriptions of environments, a snapshot store and a progress listener.
import type { ArchiveFormat, JobPhase, Selector, ServiceType } from '../../contract/schemas.ts';

export type { ArchiveFormat, JobPhase, Selector, ServiceType };

export interface ServiceSpec {
  name: string;
  type: ServiceType;
  selector: Selector;
  /** sqlite: the database file; files: the mount's root folder. Absolute. */
  path?: string;
  /** postgres, mysql, redis: the connection URL (never logged, nor written to a manifest or a journal). */
  url?: string;
}

export interface EnvironmentSpec {
  site: string;
  name: string;
  services: ServiceSpec[];
}

export interface Progress {
  phase: JobPhase;
  doneBytes: number;
  totalBytes: number;
}
export type ProgressListener = (progress: Progress) => void;

export type {
  DirEntry,
  DumpPart,
  FileEntry,
  Manifest,
  ServiceManifest,
  SymlinkEntry,
  TreeEntry,
} from '../store/manifest.ts';
export { manifestBlobs } from '../store/manifest.ts';
export { EngineError } from '../platform/errors.ts';
