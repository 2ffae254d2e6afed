// "Durable" means it survives a power cut, not just a process kill: data fsynced, then renamed into place,
// then the folder fsynced so the rename itself is on disk.
import { execFile, type ExecFileException } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmod, lstat, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Flushes a folder's entries (creations, renames, deletions) to disk. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Flushes everything written on the filesystem that holds `anyPath` (syncfs(2), through coreutils'
 * `sync -f`): one call makes thousands of files and renames durable, where an fsync per file costs ~0.1–0.3 ms
 * each. Resolves false when the system cannot do it (no `sync -f`, e.g. macOS): the caller then fsyncs each
 * file. Rejects when the flush itself fails (an I/O error): the data is not known to be on disk.
 * REWIND_FLUSH=fsync forces the per-file way (tests run both).
 */
export async function flushFilesystem(anyPath: string): Promise<boolean> {
  if (process.env.REWIND_FLUSH === 'fsync' || syncfsMissing) return false;
  const result = await new Promise<{ error: ExecFileException | null; stderr: string }>((resolve) =>
    execFile('sync', ['-f', anyPath], (error, _stdout, stderr) => resolve({ error, stderr })),
  );
  if (!result.error) return true;
  // Not started (no `sync`, or no process to spare): per-file fsync is as durable, only slower.
  if (typeof result.error.code === 'string') {
    if (result.error.code === 'ENOENT') syncfsMissing = true;
    return false;
  }
  if (/invalid|illegal|unrecognized|unknown|usage/i.test(result.stderr)) {
    syncfsMissing = true;
    return false;
  }
  throw new Error(`Could not flush ${anyPath} to disk: ${result.stderr.trim() || result.error.message}`);
}
let syncfsMissing = false;

/** fsyncs many files or folders, a few at a time (the thread pool runs them side by side). */
export async function fsyncEach(files: Iterable<string>, inFlight = 16): Promise<void> {
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) await fsyncFile(file);
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

/** Renames and makes the rename durable in both folders. */
export async function renameDurably(from: string, to: string): Promise<void> {
  await rename(from, to);
  await fsyncDir(path.dirname(to));
  if (path.dirname(from) !== path.dirname(to)) await fsyncDir(path.dirname(from));
}

/**
 * Writes `data` to `file` so that a reader sees either the whole old content or the whole new one.
 * The temporary file lives in `tmpDir` (same filesystem as `file`), or beside `file` when none is given.
 */
export async function writeFileDurably(
  file: string,
  data: Uint8Array | string,
  tmpDir?: string,
): Promise<void> {
  const dir = tmpDir ?? path.dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(tmp, 'wx', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameDurably(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** True when the path exists (without following a final symlink). */
export async function pathExists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** ENOENT, or ENOTDIR when a parent on the way is not a folder: either way, nothing is there. */
export function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Deletes a file or a whole tree. Restored or moved-aside trees can hold read-only folders (user data keeps
 * its modes), which a plain recursive delete cannot empty, so those are made writable first.
 */
export async function removeAll(target: string): Promise<void> {
  try {
    await rm(target, { recursive: true, force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM') throw error;
    await makeWritable(target);
    await rm(target, { recursive: true, force: true });
  }
}

async function makeWritable(target: string): Promise<void> {
  const info = await lstat(target).catch(() => null);
  if (!info?.isDirectory()) return;
  await chmod(target, 0o700);
  for (const name of await readdir(target)) await makeWritable(path.join(target, name));
}
