// Restoring a files mount into its staging folder. A manifest is treated as hostile until checked (it may come
// from an import one day): every entry must stay inside the staging folder, so no absolute paths, no `..`, no
// path through a symlink or a file, no duplicates. Parents are folders this code creates itself and files are
// created exclusively, so nothing written can land outside the staging folder.
import { chmod, mkdir, open, symlink } from 'node:fs/promises';
import path from 'node:path';
import { runBySize } from '../../platform/concurrency.ts';
import { EngineError, type FileEntry, type ServiceManifest, type TreeEntry } from '../types.ts';
import type { StageContext, StageTarget } from './adapter.ts';
import { corruptSnapshot, writeBlobFiles } from './blob-file.ts';
import { liveMode } from './live-mode.ts';

const SHA256 = /^[0-9a-f]{64}$/;
// setuid and setgid bits are not restored: a snapshot must not be a way to plant privileged programs.
const MODE_MASK = 0o1777;

function unsafe(snapshotId: string, service: string, entryPath: unknown, why: string): EngineError {
  return new EngineError(
    'unsafe_entry',
    `Snapshot ${snapshotId}, service "${service}": the entry ${JSON.stringify(entryPath)} is unsafe (${why}). ` +
      'Nothing was restored.',
  );
}

function pathProblem(entryPath: unknown): string | null {
  if (typeof entryPath !== 'string' || entryPath === '') return 'it has no path';
  if (entryPath.includes('\0')) return 'its path contains a NUL byte';
  if (entryPath.startsWith('/')) return 'its path is absolute';
  const segments = entryPath.split('/');
  if (segments.includes('..')) return 'its path climbs out with ".."';
  if (segments.some((segment) => segment === '' || segment === '.'))
    return 'its path has an empty or "." part';
  return null;
}

function entryProblem(entry: TreeEntry): string | null {
  const isMode = (mode: unknown) => Number.isInteger(mode) && (mode as number) >= 0;
  if (entry.type === 'dir') return isMode(entry.mode) ? null : 'it has no valid mode';
  if (entry.type === 'symlink') {
    return typeof entry.target === 'string' && entry.target !== '' && !entry.target.includes('\0')
      ? null
      : 'it has no valid link target';
  }
  if (entry.type === 'file') {
    if (!Number.isSafeInteger(entry.size) || entry.size < 0) return 'it has no valid size';
    if (typeof entry.sha256 !== 'string' || !SHA256.test(entry.sha256)) return 'it has no valid checksum';
    if (!isMode(entry.mode) || !Number.isFinite(entry.mtime_ms)) return 'it has no valid mode or time';
    return null;
  }
  return 'it is neither a file, a folder nor a symlink';
}

/** Throws `unsafe_entry` or `corrupt_snapshot`; reports each file's bytes once its content is known present. */
export async function checkTree(
  part: ServiceManifest,
  { store, snapshotId, onBytes }: StageContext,
): Promise<void> {
  if (!Array.isArray(part.entries))
    throw corruptSnapshot(snapshotId, part.name, 'the snapshot has no file list.');
  const kinds = new Map<string, TreeEntry['type']>();
  for (const entry of part.entries) {
    const problem = pathProblem(entry?.path) ?? entryProblem(entry);
    if (problem) throw unsafe(snapshotId, part.name, entry?.path, problem);
    if (kinds.has(entry.path)) throw unsafe(snapshotId, part.name, entry.path, 'it appears twice');
    kinds.set(entry.path, entry.type);
  }
  for (const entry of part.entries) {
    const parent = path.posix.dirname(entry.path);
    if (parent === '.') continue;
    const kind = kinds.get(parent);
    if (kind === 'symlink')
      throw unsafe(snapshotId, part.name, entry.path, 'its path goes through a symlink');
    if (kind !== 'dir') throw unsafe(snapshotId, part.name, entry.path, 'its folder is not in the snapshot');
  }
  const files = part.entries.filter((entry): entry is FileEntry => entry.type === 'file');
  const held = await store.hasBlobs(files.map((file) => file.sha256));
  const missing = files.find((file) => !held.has(file.sha256));
  if (missing) {
    throw corruptSnapshot(
      snapshotId,
      `${part.name}/${missing.path}`,
      `its content ${missing.sha256} is missing from the store.`,
    );
  }
  onBytes(files.reduce((sum, file) => sum + file.size, 0));
}

/** Materialises a checked tree at the staged path. */
export async function stageTree(
  part: ServiceManifest,
  { live: livePath, staged: stagedPath }: StageTarget,
  context: StageContext,
): Promise<void> {
  const entries = part.entries ?? [];
  const dirs = entries.filter((entry) => entry.type === 'dir');
  const files = entries.filter((entry): entry is FileEntry => entry.type === 'file');
  const target = (entryPath: string) => path.join(stagedPath, ...entryPath.split('/'));

  // Folders stay owner-writable until everything is in them; their real modes are set last.
  await mkdir(stagedPath, { mode: 0o700 });
  for (const dir of dirs) await mkdir(target(dir.path), { mode: 0o700 });
  for (const entry of entries) if (entry.type === 'symlink') await symlink(entry.target, target(entry.path));

  const write = (chunk: FileEntry[]) =>
    writeBlobFiles(
      context.store,
      context.snapshotId,
      chunk.map((file) => ({
        label: `${part.name}/${file.path}`,
        sha256: file.sha256,
        size: file.size,
        file: target(file.path),
        mode: file.mode & MODE_MASK,
        mtimeMs: file.mtime_ms,
        fsync: context.syncEachFile,
        onBytes: context.onBytes,
      })),
    );
  await runBySize(files, (file) => file.size, write);

  // Deepest first, so a read-only folder is closed only after its children are done. Each folder is fsynced
  // (before its mode may forbid opening it) unless the restore flushes the whole filesystem afterwards.
  const folders = [
    ...dirs.map((dir) => ({ file: target(dir.path), mode: dir.mode & MODE_MASK })),
    { file: stagedPath, mode: await liveMode(livePath, 0o755) },
  ].sort((a, b) => b.file.length - a.file.length);
  for (const folder of folders) {
    if (!context.syncEachFile) {
      await chmod(folder.file, folder.mode);
      continue;
    }
    const handle = await open(folder.file, 'r');
    try {
      await handle.sync();
      await handle.chmod(folder.mode);
    } finally {
      await handle.close();
    }
  }
}
