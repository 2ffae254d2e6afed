// Walking a files mount: folders, regular files and symlinks (never followed). Sockets, devices and fifos are
// not data and are skipped. Paths are POSIX and relative to the mount's root.
import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, readlink, stat } from 'node:fs/promises';
import path from 'node:path';
import { isNotFound } from '../durable.ts';
import { EngineError, type ServiceSpec } from '../types.ts';

export interface WalkedEntry {
  path: string;
  type: 'file' | 'dir' | 'symlink';
  absolute: string;
  size: number;
  mode: number;
  mtimeMs: number;
  target?: string;
}

const LSTAT_BATCH = 64;

function unreadable(service: ServiceSpec, why: string): EngineError {
  return new EngineError('service_unreadable', `Service "${service.name}": ${why}`);
}

/** The mount's root, checked: it must exist and be a folder (a symlink to a folder is fine). */
export async function mountRoot(service: ServiceSpec): Promise<string> {
  const root = service.path;
  if (!root)
    throw unreadable(service, 'the files mount has no path. Set "path" for it in the configuration.');
  let info: Stats;
  try {
    info = await stat(root);
  } catch (error) {
    if (isNotFound(error)) {
      throw unreadable(
        service,
        `the files mount ${root} does not exist. Check the path in the configuration.`,
      );
    }
    throw unreadable(
      service,
      `the files mount ${root} cannot be read (${(error as NodeJS.ErrnoException).code}).`,
    );
  }
  if (!info.isDirectory()) throw unreadable(service, `the files mount ${root} is not a folder.`);
  return root;
}

/** Every entry under the mount, sorted by path. */
export async function walkMount(service: ServiceSpec): Promise<WalkedEntry[]> {
  const root = await mountRoot(service);
  const entries: WalkedEntry[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const relativeDir = pending.pop()!;
    const absoluteDir = path.join(root, relativeDir);
    let children: Dirent[];
    try {
      children = await readdir(absoluteDir, { withFileTypes: true });
    } catch (error) {
      if (isNotFound(error) && relativeDir !== '') continue; // removed while we walked
      throw unreadable(
        service,
        `the folder ${absoluteDir} cannot be read (${(error as NodeJS.ErrnoException).code}).`,
      );
    }
    for (let i = 0; i < children.length; i += LSTAT_BATCH) {
      const batch = children.slice(i, i + LSTAT_BATCH);
      const walked = await Promise.all(
        batch.map((child) =>
          describe(service, root, relativeDir ? `${relativeDir}/${child.name}` : child.name),
        ),
      );
      for (const entry of walked) {
        if (!entry) continue;
        entries.push(entry);
        if (entry.type === 'dir') pending.push(entry.path);
      }
    }
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function describe(service: ServiceSpec, root: string, relative: string): Promise<WalkedEntry | null> {
  const absolute = path.join(root, relative);
  try {
    const info = await lstat(absolute);
    const base = { path: relative, absolute, size: 0, mode: info.mode & 0o7777, mtimeMs: info.mtimeMs };
    if (info.isFile()) return { ...base, type: 'file', size: info.size };
    if (info.isDirectory()) return { ...base, type: 'dir' };
    if (info.isSymbolicLink()) return { ...base, type: 'symlink', target: await readlink(absolute) };
    return null;
  } catch (error) {
    if (isNotFound(error)) return null; // removed while we walked
    throw unreadable(service, `${absolute} cannot be read (${(error as NodeJS.ErrnoException).code}).`);
  }
}
