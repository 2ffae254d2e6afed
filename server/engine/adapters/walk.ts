// Walking a files mount: folders, regular files and symlinks (never followed). Sockets, devices and fifos are
// not data and are skipped. Paths are POSIX and relative to the mount's root.
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { isNotFound } from '../../platform/durable.ts';
import { EngineError, type ServiceSpec } from '../types.ts';
import { runOnWorker } from '../../platform/workers/pool.ts';
import { lookInPool, walkTree } from '../../platform/workers/walk-tree.js';

export interface WalkedEntry {
  path: string;
  type: 'file' | 'dir' | 'symlink';
  absolute: string;
  size: number;
  mode: number;
  mtimeMs: number;
  target?: string;
}

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

/**
 * Below this many entries a walk on the main thread is over before a worker thread would have started (see
 * workers/walk-tree.js): an unchanged mount of a few thousand files is then all walk and no wait.
 */
const MAIN_THREAD_ENTRIES = 8_000;

/**
 * Every entry under the mount, sorted by path. `expectedEntries`, how many the mount had last time, when known:
 * a small tree is walked on the main thread, a big or unknown one on a worker thread.
 */
export async function walkMount(service: ServiceSpec, expectedEntries?: number): Promise<WalkedEntry[]> {
  const root = await mountRoot(service);
  const small = expectedEntries !== undefined && expectedEntries < MAIN_THREAD_ENTRIES;
  const walked = small ? await walkTree(root, lookInPool) : await runOnWorker({ op: 'walk', root });
  if ('problem' in walked) {
    const what = walked.problem === 'folder' ? `the folder ${walked.path}` : walked.path;
    throw unreadable(service, `${what} cannot be read (${walked.code}).`);
  }
  // Not path.join per entry: its result is a chain of string pieces, ~700 bytes each (20 MB for 31,000 files).
  const prefix = path.join(root, path.sep);
  return walked.paths.map((relative, index) => {
    const kind = walked.kinds[index]!;
    const entry: WalkedEntry = {
      path: relative,
      type: kind === 0 ? 'file' : kind === 1 ? 'dir' : 'symlink',
      absolute: prefix + relative,
      size: walked.sizes[index]!,
      mode: walked.modes[index]!,
      mtimeMs: walked.mtimes[index]!,
    };
    if (kind === 2) entry.target = walked.targets[index];
    return entry;
  });
}
