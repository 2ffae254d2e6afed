// Materialising one stored content as a file during a restore, checked on the way by the store: its SHA-256,
// and its size (a content larger than the manifest says is cut off as soon as it overflows). A failed check
// becomes `corrupt_snapshot`, naming the snapshot and the file.
import type { SnapshotStore } from '../../store/snapshot-store.ts';
import { EngineError, type ServiceManifest } from '../types.ts';
import type { StageContext } from './adapter.ts';

export interface BlobFile {
  store: SnapshotStore;
  snapshotId: string;
  /** Names the content in messages: `db` or `uploads/photos/cat.png`. */
  label: string;
  sha256: string;
  size: number;
  file: string;
  mode?: number;
  mtimeMs?: number;
  /** fsync the file itself: only when the restore cannot flush the staged data's filesystem as a whole. */
  fsync?: boolean;
  onBytes: (bytes: number) => void;
}

const isCheckFailure = (error: unknown) =>
  error instanceof EngineError &&
  (error.code === 'corrupt_blob' || error.code === 'missing_blob' || error.code === 'size_mismatch');

export function corruptSnapshot(snapshotId: string, label: string, why: string): EngineError {
  return new EngineError(
    'corrupt_snapshot',
    `Snapshot ${snapshotId} failed its checks at ${label}: ${why} Nothing was restored; ` +
      'try an earlier restore point.',
  );
}

/** Database services: the snapshot has the part's dump, and the store has its content. */
export async function checkDump(
  part: ServiceManifest,
  { store, snapshotId, onBytes }: StageContext,
): Promise<void> {
  if (part.absent || part.dump?.raw) {
    throw new EngineError(
      'damaged_restore_point',
      `Snapshot ${snapshotId} holds no usable database "${part.name}": when it was taken, the database was ` +
        `${part.absent ? 'missing' : 'damaged, so its file was kept as it was'}. Restore its files only, or ` +
        'pick another restore point for the database.',
    );
  }
  if (!part.dump) throw corruptSnapshot(snapshotId, part.name, 'the snapshot has no database dump for it.');
  if (!(await store.hasBlob(part.dump.sha256))) {
    throw corruptSnapshot(snapshotId, part.name, `its dump ${part.dump.sha256} is missing from the store.`);
  }
  onBytes(part.dump.size);
}

/** Writes the blob to `file` (which must not exist) with the mode and mtime asked for; not fsynced unless asked. */
export async function writeBlobFile(target: BlobFile): Promise<void> {
  await writeBlobFiles(target.store, target.snapshotId, [target]);
}

/** Several at once (small ones go to a worker thread together); throws the first failure, as corrupt_snapshot. */
export async function writeBlobFiles(
  store: SnapshotStore,
  snapshotId: string,
  files: Array<Omit<BlobFile, 'store' | 'snapshotId'>>,
): Promise<void> {
  const failures = await store.writeBlobFiles(
    files.map(({ sha256, size, file, mode, mtimeMs, fsync, onBytes }) => ({
      sha256,
      size,
      file,
      mode: mode ?? 0o600,
      mtimeMs,
      fsync,
      onBytes,
    })),
  );
  const at = failures.findIndex(Boolean);
  if (at < 0) return;
  const error = failures[at]!;
  if (isCheckFailure(error)) throw corruptSnapshot(snapshotId, files[at]!.label, error.message);
  throw error;
}

/**
 * A stored dump's content, chunk by chunk, checked the same way as writeBlobFile: an error names the snapshot
 * and the service as `corrupt_snapshot` when the content is damaged, missing, or not the recorded size.
 */
export async function* readDump(
  target: Omit<BlobFile, 'file' | 'mode' | 'mtimeMs' | 'fsync'>,
): AsyncGenerator<Buffer> {
  let read = 0;
  try {
    for await (const chunk of target.store.openBlob(target.sha256, target.size) as AsyncIterable<Buffer>) {
      read += chunk.length;
      if (read > target.size) {
        throw corruptSnapshot(
          target.snapshotId,
          target.label,
          `its dump is larger than the ${target.size} bytes recorded.`,
        );
      }
      target.onBytes(chunk.length);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof EngineError && (error.code === 'corrupt_blob' || error.code === 'missing_blob')) {
      throw corruptSnapshot(target.snapshotId, target.label, error.message);
    }
    throw error;
  }
  if (read !== target.size) {
    throw corruptSnapshot(
      target.snapshotId,
      target.label,
      `its dump is ${read} bytes, not the ${target.size} recorded.`,
    );
  }
}
