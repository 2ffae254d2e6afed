// Walking a folder tree with synchronous calls, on a worker thread: about 4 µs an entry, where an lstat through
// the thread pool costs 14 (31,000 files: 0.13 s instead of 0.43 s). Folders, regular files and symlinks (never
// followed); sockets, devices and fifos are not data and are skipped. Paths are POSIX, relative to the root.
import { lstatSync, readdirSync, readlinkSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { WalkedColumns, WalkProblem } from './protocol.ts';

const KIND = { file: 0, dir: 1, symlink: 2 } as const;

interface Found {
  path: string;
  kind: number;
  size: number;
  mode: number;
  mtime: number;
  target?: string;
}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? 'EIO';
// ENOTDIR too: a folder replaced by a file while we walked is gone as a folder.
const gone = (error: unknown) => codeOf(error) === 'ENOENT' || codeOf(error) === 'ENOTDIR';

export function walkTree(root: string): WalkedColumns | WalkProblem {
  const found: Found[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const relativeDir = pending.pop()!;
    const absoluteDir = path.join(root, relativeDir);
    let names: string[];
    try {
      names = readdirSync(absoluteDir);
    } catch (error) {
      if (gone(error) && relativeDir !== '') continue; // removed while we walked
      return { problem: 'folder', path: absoluteDir, code: codeOf(error) };
    }
    for (const name of names) {
      const relative = relativeDir ? `${relativeDir}/${name}` : name;
      const absolute = path.join(root, relative);
      let info: Stats;
      let target: string | undefined;
      try {
        info = lstatSync(absolute);
        if (info.isSymbolicLink()) target = readlinkSync(absolute);
      } catch (error) {
        if (gone(error)) continue;
        return { problem: 'entry', path: absolute, code: codeOf(error) };
      }
      const base = { path: relative, size: 0, mode: info.mode & 0o7777, mtime: info.mtimeMs };
      if (info.isFile()) found.push({ ...base, kind: KIND.file, size: info.size });
      else if (info.isDirectory()) {
        found.push({ ...base, kind: KIND.dir });
        pending.push(relative);
      } else if (target !== undefined) found.push({ ...base, kind: KIND.symlink, target });
    }
  }
  found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const columns: WalkedColumns = {
    paths: found.map((entry) => entry.path),
    kinds: Uint8Array.from(found, (entry) => entry.kind),
    sizes: Float64Array.from(found, (entry) => entry.size),
    modes: Uint16Array.from(found, (entry) => entry.mode),
    mtimes: Float64Array.from(found, (entry) => entry.mtime),
    targets: {},
  };
  found.forEach((entry, index) => {
    if (entry.target !== undefined) columns.targets[index] = entry.target;
  });
  return columns;
}
