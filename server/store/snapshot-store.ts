// The snapshot store seam: content blobs named by SHA-256 (stored compressed) and one manifest per snapshot.
// The embedded implementation is a local folder (local-store.ts); object storage can implement the same.
import type { Readable } from 'node:stream';
import type { StoreCheck } from './check.ts';
import type { Manifest } from './manifest.ts';

export interface PutResult {
  sha256: string;
  /** Bytes of the content, uncompressed. */
  size: number;
  /** Bytes this call added to the store: 0 when the content was there already. */
  storedBytes: number;
}

export interface FileToPut {
  file: string;
  /** The size a walk saw: picks the whole-file or the streaming way. */
  sizeHint?: number;
}

/** A file's put, or why it failed (ENOENT: it was deleted meanwhile). */
export type PutOutcome = PutResult | { error: NodeJS.ErrnoException };

/**
 * Blobs written together and made durable together: a capture puts every file, commits, and only then writes
 * the manifest that names them.
 */
export interface BlobBatch {
  /**
   * Hashes each file and, when the store lacks its content, compresses and writes it. Not durable, nor seen by
   * hasBlob, until commit. Give small files a few dozen at a time: they are done together, off the main thread.
   */
  putFiles(files: FileToPut[], onBytes?: (bytes: number) => void): Promise<PutOutcome[]>;
  /** One file; throws what putFiles would report. */
  putFile(file: string, onBytes?: (bytes: number) => void, sizeHint?: number): Promise<PutResult>;
  /** Makes every content put so far durable and visible. Only once every put has settled. */
  commit(): Promise<void>;
  /** Drops what was not committed. Only once every put has settled. */
  abort(): Promise<void>;
}

/** A blob to materialise as a file, and how. */
export interface BlobTarget {
  sha256: string;
  /** Created exclusively (never overwriting anything), with `mode`, then given `mtimeMs`. */
  file: string;
  /** The size the manifest records: content of another size is refused (`size_mismatch`). */
  size: number;
  mode: number;
  mtimeMs?: number;
  /** fsync the file itself (when the caller cannot flush its whole filesystem afterwards). */
  fsync?: boolean;
  onBytes?: (bytes: number) => void;
}

export interface SnapshotStore {
  /** Hashes, compresses and stores a file's content once; durable (fsynced, renamed) when it resolves. */
  putFile(file: string, onBytes?: (bytes: number) => void): Promise<PutResult>;
  openBatch(): BlobBatch;
  hasBlob(sha256: string): Promise<boolean>;
  /**
   * Which of `sha256s` the store holds, in one call: a capture asks about every unchanged file, a restore about
   * every content it needs. Answers as hasBlob would for each (a name that is not a SHA-256 is never held).
   */
  hasBlobs(sha256s: Iterable<string>): Promise<Set<string>>;
  /**
   * The blob's content, decompressed. The stream errors when the content does not match its name. `size`, the
   * content's size when a manifest says it, only sizes the buffers: a small content is read in one of its size.
   */
  openBlob(sha256: string, size?: number): Readable;
  /** A small blob's whole content, checked against its name and `size` (EngineError otherwise). */
  readBlob(sha256: string, size: number): Promise<Buffer>;
  /**
   * Writes each blob's content into a new file, checked against its name and size; not fsynced unless asked.
   * Give small ones a few dozen at a time: they are done together, off the main thread. Resolves, once all
   * are settled, with each target's failure or null: EngineError `corrupt_blob`, `missing_blob` or
   * `size_mismatch`, or the file system's error. After a failure the targets not yet written are not tried.
   */
  writeBlobFiles(targets: BlobTarget[]): Promise<Array<Error | null>>;
  /** Reads the whole blob and checks its SHA-256; throws EngineError `corrupt_blob` naming it otherwise. */
  verifyBlob(sha256: string): Promise<void>;
  /** Compressed size on disk, or null when absent. */
  blobStoredSize(sha256: string): Promise<number | null>;
  /**
   * Stops offering the content at once and says how many stored bytes it frees. A content in a pack is freed
   * on disk, durably, by compact(); until then a restarted store may offer it again (harmless: it is whole).
   */
  deleteBlob(sha256: string): Promise<number>;
  /**
   * Makes deletes durable and gives their space back (packs rewritten or dropped). Only while no batch is
   * being written: the caller holds the store lock, as a sweep does.
   */
  compact?(): Promise<{ repackedPacks: number; droppedPacks: number; freedBytes: number }>;
  listBlobs(): AsyncIterable<string>;
  /**
   * Reads everything the store holds and says what is damaged: packs whose index fails its checksum (or whose
   * file is missing or short), and contents (or pieces) that do not decompress or hash to their id, or whose
   * pieces are damaged or missing. Only reads; run while no compact does (the store lock).
   */
  checkStore?(): Promise<StoreCheck>;

  putManifest(manifest: Manifest): Promise<void>;
  getManifest(snapshotId: string): Promise<Manifest | null>;
  deleteManifest(snapshotId: string): Promise<void>;

  /** Removes temporary files left by an interrupted write. */
  cleanTemporary(): Promise<void>;
}
