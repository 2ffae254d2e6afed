// A snapshot as a downloadable .tar.gz or .tar.zst, built entry by entry straight from the store: memory stays
// constant whatever the snapshot's size, and a slow reader slows the build down instead of making it buffer.
//   manifest.json                 the manifest, limited to the selected parts (per-file SHA-256 included)
//   db/<service>.<ext>            each database dump
//   files/<service>/<path>        each file mount: folders, files (mode, mtime) and symlinks
// A content that fails its checksum aborts the stream with an error, so a damaged archive never looks complete.
// The tar stream is compressed in blocks on every core (archive-blocks.ts). Media (photos, videos, PDFs) is
// already compressed: deflating it again costs a core and saves nothing, so a big content the store could not
// compress either goes in stored (gzip level 0), nine times faster.
import type { Readable } from 'node:stream';
import { pack as createPack, type Header, type Pack } from 'tar-stream';
import { SMALL_FILE } from '../platform/blob-codec.ts';
import type { SnapshotStore } from '../store/snapshot-store.ts';
import { BlockCompressor, type Effort } from './archive-blocks.ts';
import type { ArchiveFormat, Manifest, Selector, TreeEntry } from './types.ts';

type EntryHeader = Partial<Header> & Pick<Header, 'name'>;
type Sink = ReturnType<Pack['entry']>;

export interface ArchiveOptions {
  manifest: Manifest;
  store: SnapshotStore;
  selectors: Selector[];
  /** `tar.gz` unless said. */
  format?: ArchiveFormat;
}

/** The manifest as the selected parts see it. */
export function selectManifest(manifest: Manifest, selectors: Selector[]): Manifest {
  return {
    ...manifest,
    services: manifest.services.filter((service) => selectors.includes(service.selector)),
  };
}

/** `<site>-<environment>-<snapshot_id>.tar.gz` (or `.tar.zst`), with `-db` or `-files` when only one part is in it. */
export function archiveFileName(
  manifest: Manifest,
  selectors: Selector[],
  format: ArchiveFormat = 'tar.gz',
): string {
  const parts = (['db', 'files'] as const).filter((selector) => selectors.includes(selector));
  const suffix = parts.length === 1 ? `-${parts[0]}` : '';
  const name = `${manifest.site}-${manifest.environment}-${manifest.snapshot_id}${suffix}`;
  // The name goes into a Content-Disposition header and onto someone's disk: keep it plain.
  return `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.${format}`;
}

export function createArchive({ manifest, store, selectors, format = 'tar.gz' }: ArchiveOptions): Readable {
  const selected = selectManifest(manifest, selectors);
  const pack = createPack();
  const compressor = new BlockCompressor(format);
  let finished = false;
  pack.pipe(compressor);
  pack.on('error', (error: Error) => compressor.destroy(error));
  compressor.on('close', () => {
    if (!finished) pack.destroy(); // the reader went away: stop reading the store
  });
  writeEntries(pack, selected, store, effortFor(compressor, store)).then(
    () => {
      finished = true;
      pack.finalize();
    },
    (error: unknown) => {
      finished = true;
      pack.destroy(error as Error);
      compressor.destroy(error as Error);
    },
  );
  return compressor;
}

/** Below this size a content is not worth a look at the store: it is compressed, with the tar headers. */
const EFFORT_CHANGE_MIN_BYTES = 256 * 1024;
/** Stored at least this share of its size, a content is taken as incompressible. */
const INCOMPRESSIBLE_RATIO = 0.97;

type EffortFor = (sha256: string, size: number) => Promise<void>;

/** Stores what the store could not compress, compresses the rest. A change of effort cuts a block short. */
function effortFor(compressor: BlockCompressor, store: SnapshotStore): EffortFor {
  return async (sha256, size) => {
    if (size < EFFORT_CHANGE_MIN_BYTES) return compressor.effort('compress');
    const stored = await store.blobStoredSize(sha256);
    const effort: Effort = stored !== null && stored >= size * INCOMPRESSIBLE_RATIO ? 'store' : 'compress';
    // Applies from the bytes the compressor has not taken in yet: a content half in either is still correct.
    compressor.effort(effort);
  };
}

async function writeEntries(
  pack: Pack,
  manifest: Manifest,
  store: SnapshotStore,
  setEffort: EffortFor,
): Promise<void> {
  const capturedAt = new Date(manifest.created_at);
  await addEntry(
    pack,
    { name: 'manifest.json', mode: 0o644, mtime: capturedAt },
    JSON.stringify(manifest, null, 2),
  );
  for (const service of manifest.services) {
    if (service.dump) {
      const { sha256, size, ext } = service.dump;
      const header = { name: `db/${service.name}.${ext}`, size, mode: 0o644, mtime: capturedAt };
      await setEffort(sha256, size);
      await addBlob(pack, header, store.openBlob(sha256, size));
      continue;
    }
    const root = `files/${service.name}`;
    await addEntry(pack, { name: `${root}/`, type: 'directory', mode: 0o755, mtime: capturedAt });
    const entries = service.entries ?? [];
    const smallContent = readAhead(store, entries);
    for (const [at, entry] of entries.entries()) {
      const name = `${root}/${entry.path}`;
      if (entry.type === 'dir') {
        await addEntry(pack, { name: `${name}/`, type: 'directory', mode: entry.mode, mtime: capturedAt });
      } else if (entry.type === 'symlink') {
        await addEntry(pack, { name, type: 'symlink', linkname: entry.target, mtime: capturedAt });
      } else {
        const header = { name, size: entry.size, mode: entry.mode, mtime: new Date(entry.mtime_ms) };
        await setEffort(entry.sha256, entry.size);
        const small = smallContent(at);
        if (small) await addEntry(pack, header, await small);
        else await addBlob(pack, header, store.openBlob(entry.sha256, entry.size));
      }
    }
  }
}

/** Small contents read this many files ahead (each whole and checked), while the ones before go in. */
const READ_AHEAD = 8;

/**
 * Reading small contents one after the other waits on the disk and the thread pool for each: they are read a
 * few files ahead instead, at most READ_AHEAD × 256 kB in memory. The content of entry `at` when it is small
 * (checked against its SHA-256 and size, as openBlob would), or null.
 */
function readAhead(store: SnapshotStore, entries: TreeEntry[]) {
  const reads = new Map<number, Promise<Buffer>>();
  let next = 0;
  return (at: number): Promise<Buffer> | null => {
    for (; next < entries.length && next <= at + READ_AHEAD; next++) {
      const entry = entries[next]!;
      if (entry.type !== 'file' || entry.size > SMALL_FILE) continue;
      const read = store.readBlob(entry.sha256, entry.size);
      read.catch(() => {}); // heard when its entry's turn comes; unheard if the archive stopped before
      reads.set(next, read);
    }
    const read = reads.get(at) ?? null;
    reads.delete(at);
    return read;
  };
}

function addEntry(pack: Pack, header: EntryHeader, content?: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error | null) => (error ? reject(error) : resolve());
    if (content === undefined) pack.entry(header, done);
    else pack.entry(header, content, done);
  });
}

async function addBlob(pack: Pack, header: EntryHeader, content: Readable): Promise<void> {
  let settle!: (error?: Error | null) => void;
  const added = new Promise<void>((resolve, reject) => {
    settle = (error) => (error ? reject(error) : resolve());
  });
  added.catch(() => {}); // it can fail while the content is still being read; it is awaited below
  const entry: Sink = pack.entry({ ...header, type: 'file' }, (error) => settle(error));
  entry.on('error', () => {}); // reported through the callback above; unheard, it would crash the process
  try {
    for await (const chunk of content) {
      if (!entry.write(chunk)) await drained(entry);
      if (entry.destroyed) throw new Error('The archive was abandoned by its reader.');
    }
  } catch (error) {
    entry.destroy(error as Error);
    throw error;
  }
  entry.end(undefined);
  await added;
}

/** Resolves on `drain`, or on `close` when the reader goes away mid-entry (then no drain ever comes). */
function drained(entry: Sink): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      entry.off('drain', done);
      entry.off('close', done);
      resolve();
    };
    entry.on('drain', done);
    entry.on('close', done);
  });
}
