// The snapshot store seam: content blobs named by SHA-256 (stored compressed) and one manifest per snapshot.
// The embedded implementation is a local folder (local-store.ts); object storage can implement the same.
import type { Readable } from 'node:stream';
import type { Manifest } from '../engine/types.ts';

export interface PutResult {
  sha256: string;
  /** Bytes of the content, uncompressed. */
  size: number;
  /** Bytes this call added to the store: 0 when the content was there already. */
  storedBytes: number;
}

export interface SnapshotStore {
  /** Hashes, compresses and stores a file's content once; durable (fsynced, renamed) when it resolves. */
  putFile(file: string, onBytes?: (bytes: number) => void): Promise<PutResult>;
  hasBlob(sha256: string): Promise<boolean>;
  /** The blob's content, decompressed. The stream errors when the content does not match its name. */
  openBlob(sha256: string): Readable;
  /** Reads the whole blob and checks its SHA-256; throws EngineError `corrupt_blob` naming it otherwise. */
  verifyBlob(sha256: string): Promise<void>;
  /** Compressed size on disk, or null when absent. */
  blobStoredSize(sha256: string): Promise<number | null>;
  deleteBlob(sha256: string): Promise<number>;
  listBlobs(): AsyncIterable<string>;

  putManifest(manifest: Manifest): Promise<void>;
  getManifest(snapshotId: string): Promise<Manifest | null>;
  deleteManifest(snapshotId: string): Promise<void>;

  /** Removes temporary files left by an interrupted write. */
  cleanTemporary(): Promise<void>;
}
