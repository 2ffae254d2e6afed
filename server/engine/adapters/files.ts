// File mounts (uploads, media): captured file by file into the content-addressed store. A file whose path, size
// and mtime match the previous snapshot, and whose content the store still has, is not read again, so a second
// snapshot of unchanged data costs a walk and nothing more.
import { runBySize } from '../../platform/concurrency.ts';
import { failpoint } from '../../platform/failpoints.ts';
import { isNotFound } from '../../platform/durable.ts';
import { EngineError, type FileEntry, type ServiceManifest, type TreeEntry } from '../types.ts';
import type { CaptureContext, ServiceAdapter } from './adapter.ts';
import { pathSwap } from '../swap-path.ts';
import { checkTree, stageTree } from './files-stage.ts';
import { pathRestoreTarget } from './path-target.ts';
import { walkMount, type WalkedEntry } from './walk.ts';

export const filesAdapter: ServiceAdapter = {
  async planCapture(service, previous) {
    const walked = await walkMount(service, previous?.entries?.length);
    const totalBytes = walked.reduce((sum, entry) => sum + entry.size, 0);
    return {
      totalBytes,
      async run(context) {
        const { entries, storedBytes } = await captureTree(walked, context, service.name);
        const files = entries.filter((entry): entry is FileEntry => entry.type === 'file');
        const manifest: ServiceManifest = {
          name: service.name,
          type: 'files',
          selector: service.selector,
          entries,
          size_bytes: files.reduce((sum, file) => sum + file.size, 0),
          file_count: files.length,
        };
        return { manifest, storedBytes };
      },
    };
  },
  check: checkTree,
  restoreTarget: (service, jobId) => pathRestoreTarget(service, jobId),
  stage: stageTree,
  swap: () => pathSwap(),
  async measure(service) {
    try {
      return (await walkMount(service)).reduce((sum, entry) => sum + entry.size, 0);
    } catch {
      return null;
    }
  },
};

async function captureTree(
  walked: WalkedEntry[],
  { store, blobs, previous, onBytes }: CaptureContext,
  serviceName: string,
): Promise<{ entries: TreeEntry[]; storedBytes: number }> {
  const before = new Map<string, FileEntry>();
  for (const entry of previous?.type === 'files' ? (previous.entries ?? []) : []) {
    if (entry.type === 'file') before.set(entry.path, entry);
  }
  const files = walked.filter((entry) => entry.type === 'file');
  // By position in the walk (sorted by path), whatever order the files finish in: the manifest is deterministic.
  const captured: Array<FileEntry | null> = new Array(files.length).fill(null);
  const fileEntry = (at: number, size: number, sha256: string): FileEntry => {
    const { path, mode, mtimeMs } = files[at]!;
    return { path, type: 'file', mode, mtime_ms: mtimeMs, size, sha256 };
  };

  // Files that look as they did last time, then one question to the store for all of their contents.
  const unchanged = files.map((entry) => {
    const known = before.get(entry.path);
    return known && known.size === entry.size && known.mtime_ms === entry.mtimeMs ? known : null;
  });
  const held = await store.hasBlobs(unchanged.flatMap((known) => (known ? [known.sha256] : [])));
  const toRead: number[] = [];
  let skippedBytes = 0;
  for (const [at, known] of unchanged.entries()) {
    if (known && held.has(known.sha256)) {
      captured[at] = fileEntry(at, known.size, known.sha256);
      skippedBytes += known.size;
    } else toRead.push(at);
  }
  onBytes(skippedBytes);

  let filesDone = files.length - toRead.length;
  let storedBytes = 0;
  const readFiles = async (chunk: number[]) => {
    const puts = await blobs.putFiles(
      chunk.map((at) => ({ file: files[at]!.absolute, sizeHint: files[at]!.size })),
      onBytes,
    );
    for (const [k, put] of puts.entries()) {
      const at = chunk[k]!;
      if ('error' in put) {
        if (isNotFound(put.error)) continue; // deleted since the walk: not part of the environment any more
        if (put.error instanceof EngineError) throw put.error;
        throw new EngineError(
          'service_unreadable',
          `Service "${serviceName}": ${files[at]!.absolute} cannot be read (${put.error.code}). ` +
            'Check that Rewind may read every file of the mount.',
        );
      }
      storedBytes += put.storedBytes;
      // The size read, not the size walked: the file may have changed in between. The mtime stays the walked
      // one, so a file changed during the read looks changed to the next snapshot and is read again.
      captured[at] = fileEntry(at, put.size, put.sha256);
    }
    const half = Math.ceil(files.length / 2);
    if (filesDone < half && filesDone + chunk.length >= half) failpoint('capture:mid-files');
    filesDone += chunk.length;
  };
  await runBySize(toRead, (at) => files[at]!.size, readFiles);

  const entries: TreeEntry[] = [];
  let fileIndex = 0;
  for (const entry of walked) {
    if (entry.type === 'dir') entries.push({ path: entry.path, type: 'dir', mode: entry.mode });
    else if (entry.type === 'symlink')
      entries.push({ path: entry.path, type: 'symlink', target: entry.target! });
    else {
      const file = captured[fileIndex++];
      if (file) entries.push(file);
    }
  }
  return { entries, storedBytes };
}
