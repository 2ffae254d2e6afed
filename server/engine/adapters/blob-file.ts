// Materialising one stored content as a file during a restore, checking it on the way: the store checks the
// SHA-256 when the stream ends, and the size is checked here (a content larger than the manifest says is cut
// off as soon as it overflows, not after writing it all).
import { open } from 'node:fs/promises';
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
  onBytes: (bytes: number) => void;
}

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

/** Writes the blob to `file` (which must not exist), fsynced, with the mode and mtime asked for. */
export async function writeBlobFile(target: BlobFile): Promise<void> {
  const handle = await open(target.file, 'wx', 0o600);
  try {
    let written = 0;
    try {
      for await (const chunk of target.store.openBlob(target.sha256) as AsyncIterable<Buffer>) {
        written += chunk.length;
        if (written > target.size) {
          throw corruptSnapshot(
            target.snapshotId,
            target.label,
            `its content is larger than the ${target.size} bytes recorded.`,
          );
        }
        await handle.write(chunk);
        target.onBytes(chunk.length);
      }
    } catch (error) {
      if (error instanceof EngineError && (error.code === 'corrupt_blob' || error.code === 'missing_blob')) {
        throw corruptSnapshot(target.snapshotId, target.label, error.message);
      }
      throw error;
    }
    if (written !== target.size) {
      throw corruptSnapshot(
        target.snapshotId,
        target.label,
        `its content is ${written} bytes, not the ${target.size} recorded.`,
      );
    }
    await handle.sync();
    if (target.mode !== undefined) await handle.chmod(target.mode);
    if (target.mtimeMs !== undefined) {
      // Seconds as a number keep the sub-millisecond part that a Date would drop.
      const seconds = target.mtimeMs / 1000;
      await handle.utimes(seconds, seconds);
    }
  } finally {
    await handle.close();
  }
}

/**
 * A stored dump's content, chunk by chunk, checked the same way as writeBlobFile: an error names the snapshot
 * and the service as `corrupt_snapshot` when the content is damaged, missing, or not the recorded size.
 */
export async function* readDump(target: Omit<BlobFile, 'file' | 'mode' | 'mtimeMs'>): AsyncGenerator<Buffer> {
  let read = 0;
  try {
    for await (const chunk of target.store.openBlob(target.sha256) as AsyncIterable<Buffer>) {
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
