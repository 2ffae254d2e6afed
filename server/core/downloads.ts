// A snapshot's archive, opened for a download. The route sends nothing until the archive's first bytes exist:
// a damaged content found by then is a clean 409 the client can read, not a download that breaks off. (The
// archive is compressed in blocks of 1 MiB, so for most snapshots that is every content checked.) One found
// later aborts the stream, so the client sees an incomplete download, never a complete damaged archive.
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { ARCHIVE_FORMATS, type ArchiveFormat, type Selector } from '../../contract/schemas.ts';
import type { SnapshotRow } from '../catalog/catalog.ts';
import { archiveFileName, createArchive } from '../engine/index.ts';
import { EngineError } from '../platform/errors.ts';
import { RewindError } from './errors.ts';
import type { Services } from './services.ts';
import { requireReady } from './snapshots.ts';

export interface Download {
  stream: Readable;
  fileName: string;
  format: ArchiveFormat;
}

/** Blob failures that mean the snapshot's data is damaged (not that the server failed). */
const DAMAGE = new Set(['corrupt_blob', 'missing_blob', 'size_mismatch']);

/** `tar.gz` when not given; anything else than the formats there are is refused, naming them. */
export function archiveFormat(format: string | undefined): ArchiveFormat {
  if (format === undefined) return 'tar.gz';
  if ((ARCHIVE_FORMATS as readonly string[]).includes(format)) return format as ArchiveFormat;
  throw new RewindError(
    'unprocessable',
    'unknown_format',
    'Unknown archive format',
    `There is no archive format "${format}". Ask for one of: ${ARCHIVE_FORMATS.join(', ')} (tar.gz when left out).`,
    'format',
  );
}

export async function openDownload(
  services: Services,
  snapshot: SnapshotRow,
  selectors: Selector[],
  format: ArchiveFormat,
): Promise<Download> {
  requireReady(snapshot, 'downloaded');
  const manifest = await services.store.getManifest(snapshot.id);
  if (!manifest) {
    throw new RewindError(
      'conflict',
      'corrupt_snapshot',
      'Snapshot is damaged',
      `The manifest of snapshot ${snapshot.id} is missing from the store, so it cannot be downloaded.`,
    );
  }
  const stream = createArchive({ manifest, store: services.store, selectors, format });
  await firstBytes(stream, snapshot.id);
  return { stream, fileName: archiveFileName(manifest, selectors, format), format };
}

/** Settles once the archive has bytes to send (or has ended); its failure before that is thrown. */
async function firstBytes(stream: Readable, snapshotId: string): Promise<void> {
  try {
    // `readable` also comes at the end; `once` rejects on `error`.
    await once(stream, 'readable');
  } catch (error) {
    stream.destroy();
    if (error instanceof EngineError && DAMAGE.has(error.code)) {
      throw new RewindError(
        'conflict',
        'corrupt_snapshot',
        'Snapshot is damaged',
        `Snapshot ${snapshotId} cannot be downloaded: ${error.message} Take a new snapshot of the ` +
          'environment (it stores the content afresh), or download another restore point.',
      );
    }
    throw error;
  }
}
