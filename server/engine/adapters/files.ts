// File mounts (uploads, media): captured file by file into the content-addressed store. A file whose path, size
// and mtime match the previous snapshot, and whose content the store still has, is not read again, so a second
// snapshot of unchanged data costs a walk and nothing more.
import { failpoint } from '../failpoints.ts';
import { isNotFound } from '../durable.ts';
import { EngineError, type FileEntry, type ServiceManifest, type TreeEntry } from '../types.ts';
import type { CaptureContext, ServiceAdapter } from './adapter.ts';
import { pathSwap } from '../swap-path.ts';
import { checkTree, stageTree } from './files-stage.ts';
import { pathRestoreTarget } from './path-target.ts';
import { walkMount, type WalkedEntry } from './walk.ts';

// Small files dominate uploads folders; a few in flight hide the per-file fsync and rename latency.
const FILES_IN_FLIGHT = 8;

export const filesAdapter: ServiceAdapter = {
  async planCapture(service) {
    const walked = await walkMount(service);
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
  { store, previous, onBytes }: CaptureContext,
  serviceName: string,
): Promise<{ entries: TreeEntry[]; storedBytes: number }> {
  const before = new Map<string, FileEntry>();
  for (const entry of previous?.type === 'files' ? (previous.entries ?? []) : []) {
    if (entry.type === 'file') before.set(entry.path, entry);
  }
  const stillStored = new Map<string, Promise<boolean>>();
  const hasBlob = (sha256: string) => {
    if (!stillStored.has(sha256)) stillStored.set(sha256, store.hasBlob(sha256));
    return stillStored.get(sha256)!;
  };

  const fileCount = walked.filter((entry) => entry.type === 'file').length;
  let filesDone = 0;
  let storedBytes = 0;

  const captureFile = async (entry: WalkedEntry): Promise<FileEntry | null> => {
    const known = before.get(entry.path);
    const base = { path: entry.path, type: 'file' as const, mode: entry.mode, mtime_ms: entry.mtimeMs };
    if (
      known &&
      known.size === entry.size &&
      known.mtime_ms === entry.mtimeMs &&
      (await hasBlob(known.sha256))
    ) {
      onBytes(entry.size);
      return { ...base, size: known.size, sha256: known.sha256 };
    }
    try {
      const put = await store.putFile(entry.absolute, onBytes);
      storedBytes += put.storedBytes;
      // The size read, not the size walked: the file may have changed in between. The mtime stays the walked
      // one, so a file changed during the read looks changed to the next snapshot and is read again.
      return { ...base, size: put.size, sha256: put.sha256 };
    } catch (error) {
      if (isNotFound(error)) return null; // deleted since the walk: it is not part of the environment any more
      if (error instanceof EngineError) throw error;
      throw new EngineError(
        'service_unreadable',
        `Service "${serviceName}": ${entry.absolute} cannot be read (${(error as NodeJS.ErrnoException).code}). ` +
          'Check that Rewind may read every file of the mount.',
      );
    }
  };

  const results = new Map<string, TreeEntry | null>();
  const files = walked.filter((entry) => entry.type === 'file');
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < files.length && !failed) {
      const entry = files[next++]!;
      try {
        results.set(entry.path, await captureFile(entry));
      } catch (error) {
        failed = true; // the other workers stop taking files; the snapshot fails as a whole
        throw error;
      }
      filesDone++;
      if (filesDone === Math.ceil(fileCount / 2)) failpoint('capture:mid-files');
    }
  };
  await Promise.all(Array.from({ length: FILES_IN_FLIGHT }, worker));

  const entries: TreeEntry[] = [];
  for (const entry of walked) {
    if (entry.type === 'dir') entries.push({ path: entry.path, type: 'dir', mode: entry.mode });
    else if (entry.type === 'symlink')
      entries.push({ path: entry.path, type: 'symlink', target: entry.target! });
    else {
      const captured = results.get(entry.path);
      if (captured) entries.push(captured);
    }
  }
  return { entries, storedBytes };
}
