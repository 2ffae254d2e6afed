// Restore targets of data that lives at a path: hidden siblings of the live path, so the swap is a rename on
// one filesystem.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { siblingPath } from '../journal.ts';
import { EngineError, type ServiceSpec } from '../types.ts';
import type { RestoreTarget } from './adapter.ts';

/** `companions`: files that move aside with the live data (SQLite's -wal, -shm, -journal). */
export async function pathRestoreTarget(
  service: ServiceSpec,
  jobId: string,
  companions: (livePath: string) => string[] = () => [],
): Promise<RestoreTarget> {
  if (!service.path) {
    throw new EngineError(
      'service_mismatch',
      `The ${service.type} service "${service.name}" has no path to restore into. Set "path" for it in the ` +
        'configuration.',
    );
  }
  // A symlinked path is resolved, so the swap replaces the data and not the link.
  const live = await realpath(service.path).catch(() => path.resolve(service.path!));
  const staged = siblingPath(live, 'staged', jobId);
  return {
    live,
    old: siblingPath(live, 'old', jobId),
    staged,
    companions: companions(live).map((file) => ({
      live: file,
      old: siblingPath(file, 'old', jobId),
      had_live: false,
    })),
    staged_extras: companions(staged),
  };
}
