// Restoring a snapshot into an environment:
//   match services → journal (staging) → check and materialise beside the live data → beforeSwap (the caller's
//   pre-restore snapshot) → journal (swapping) → swaps → journal (committed, THE COMMIT POINT) → delete olds.
// Until the commit point the environment can always be put back exactly as it was; after it, the restore is done.
// Files and SQLite are staged beside their live path; databases on a server into a new database, schema or
// spare Redis database, swapped in by the server's own atomic rename (see adapters/).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { SnapshotStore } from '../store/snapshot-store.ts';
import { adapterFor, isPathType, swapForServices } from './adapters/index.ts';
import { flushFilesystem } from '../platform/durable.ts';
import type { ServiceAdapter } from './adapters/adapter.ts';
import { failpoint } from '../platform/failpoints.ts';
import { deleteJournal, writeJournal, type Journal, type JournalService } from './journal.ts';
import { createProgressReporter } from './progress.ts';
import { prepareSwap, removeStaged, rollBack, rollForward, swapServices, type SwapFor } from './swap.ts';
import {
  EngineError,
  type EnvironmentSpec,
  type Manifest,
  type ProgressListener,
  type Selector,
  type ServiceManifest,
  type ServiceSpec,
} from './types.ts';

export interface RestoreOptions {
  jobId: string;
  manifest: Manifest;
  target: EnvironmentSpec;
  selectors: Selector[];
  store: SnapshotStore;
  journalDir: string;
  onProgress?: ProgressListener;
  /** Runs once the new data is staged and checked, just before the swap (the pre-restore snapshot). */
  beforeSwap: () => Promise<void>;
}

interface RestorePart {
  part: ServiceManifest;
  adapter: ServiceAdapter;
  service: ServiceSpec;
  journal: JournalService;
  identity?: string;
}

export async function restoreSnapshot(options: RestoreOptions): Promise<void> {
  const { manifest, store, journalDir, jobId } = options;
  const parts = await planRestore(options);
  const swapFor = swapForServices(parts.map(({ service }) => service));
  const progress = createProgressReporter(options.onProgress);
  const totalBytes = parts.reduce((sum, { part }) => sum + part.size_bytes, 0);
  progress.total(totalBytes);

  let journal: Journal = {
    format: 1,
    job_id: jobId,
    snapshot_id: manifest.snapshot_id,
    site: options.target.site,
    environment: options.target.name,
    state: 'staging',
    services: parts.map(({ journal: service }) => service),
  };
  await mkdir(journalDir, { recursive: true });
  await removeStaged(journal, swapFor); // leftovers of an earlier attempt of this same job
  journal = await reserve(parts, journal, swapFor);
  await writeJournal(journalDir, journal);

  try {
    // Staged data is made durable in one go: one flush of each staging path's filesystem after staging, before
    // the journal says `swapping` (until then nothing live has changed, so a crash only loses staged data that
    // recovery deletes anyway). Where the system cannot flush a filesystem, every file is fsynced as written.
    const flushable = await flushFilesystem(journalDir);
    const context = {
      store,
      snapshotId: manifest.snapshot_id,
      onBytes: (bytes: number) => progress.add(bytes),
      syncEachFile: !flushable,
    };
    progress.phase('verifying');
    for (const { part, adapter } of parts) await adapter.check(part, context);
    progress.phase('staging', true);
    // The parts side by side: a database's copy is written by the main thread and checked on a worker while the
    // files' small contents are written by the other workers. Every part settles before a failure is thrown,
    // so abandoning the staging never races a part still writing.
    const staged = await Promise.allSettled(
      parts.map(async ({ part, adapter, service: spec, journal: service }) => {
        if (isPathType(part.type)) await mkdir(path.dirname(service.live), { recursive: true });
        await adapter
          .stage(part, { service: spec, jobId, live: service.live, staged: service.staged }, context)
          .catch((error) => {
            if ((error as NodeJS.ErrnoException).code !== 'ENOSPC' || !isPathType(part.type)) throw error;
            throw new EngineError(
              'no_space',
              `There is not enough disk space beside ${service.live} to stage the restore of "${part.name}" ` +
                `(${part.size_bytes} bytes). Nothing was changed; free some space and try again.`,
            );
          });
      }),
    );
    const failed = staged.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    if (flushable) {
      for (const { part, journal: service } of parts) {
        // Per-file fsync is not possible any more (modes are set): if the flush cannot run now, give up safely.
        if (isPathType(part.type) && !(await flushFilesystem(service.staged))) {
          throw new Error(`The staged data of "${part.name}" could not be flushed to disk.`);
        }
      }
    }
    failpoint('restore:after-staging');
    await options.beforeSwap();
    progress.phase('swapping');
    journal = { ...(await prepareSwap(journal, swapFor)), state: 'swapping' };
    await writeJournal(journalDir, journal);
  } catch (error) {
    await abandonStaging(journal, journalDir, swapFor);
    throw error;
  }
  failpoint('restore:after-journal-swapping');
  try {
    await swapServices(journal, swapFor);
    failpoint('restore:before-commit');
    journal = { ...journal, state: 'committed' };
    await writeJournal(journalDir, journal);
  } catch (error) {
    const why = (error as Error).message;
    try {
      await rollBack(journal, swapFor);
      await deleteJournal(journalDir, jobId);
    } catch {
      // The journal stays: start-up recovery finishes putting the environment back.
      throw new EngineError(
        'swap_failed',
        `The restore could not swap the new data in (${why}), nor yet put everything back; restart Rewind to ` +
          'finish putting the environment back as it was.',
      );
    }
    throw new EngineError(
      'swap_failed',
      `The restore could not swap the new data in (${why}); the environment was put back as it was.`,
    );
  }
  failpoint('restore:after-commit');
  progress.set(totalBytes);
  progress.phase('finalizing');
  try {
    await rollForward(journal, swapFor);
    await deleteJournal(journalDir, jobId);
  } catch {
    // The restore is committed and the environment is new; start-up recovery deletes what is left over.
  }
}

/** Lets adapters take what staging needs on the server; what was taken is given back if one of them fails. */
async function reserve(parts: RestorePart[], journal: Journal, swapFor: SwapFor): Promise<Journal> {
  const reserved = [];
  try {
    for (const part of parts) {
      if (part.adapter.reserve) {
        const { identity: _identity, ...names } = await part.adapter.reserve(
          part.service,
          part.journal,
          journal.job_id,
        );
        part.journal = { ...part.journal, ...names };
      }
      reserved.push(part.journal);
    }
  } catch (error) {
    await removeStaged({ ...journal, services: reserved }, swapFor).catch(() => {});
    throw error;
  }
  return { ...journal, services: parts.map((part) => part.journal) };
}

/** Before the swap nothing live has changed: deleting the staged data is all there is to undo. */
async function abandonStaging(journal: Journal, journalDir: string, swapFor: SwapFor): Promise<void> {
  try {
    await removeStaged(journal, swapFor);
    await deleteJournal(journalDir, journal.job_id);
  } catch {
    // The journal stays (state staging): start-up recovery deletes the staged data.
  }
}

/** Matches the snapshot's selected services to the target's, before anything is touched. */
async function planRestore(options: RestoreOptions): Promise<RestorePart[]> {
  const { manifest, target, selectors, jobId } = options;
  const selected = manifest.services.filter((part) => selectors.includes(part.selector));
  if (selected.length === 0) {
    throw new EngineError(
      'nothing_to_restore',
      `Snapshot ${manifest.snapshot_id} has no ${selectors.join(' or ')} data to restore.`,
    );
  }
  const parts: RestorePart[] = [];
  for (const part of selected) {
    const service = target.services.find(
      (candidate) => candidate.name === part.name && candidate.type === part.type,
    );
    if (!service) {
      throw new EngineError(
        'service_mismatch',
        `Snapshot ${manifest.snapshot_id} has the ${part.type} service "${part.name}", but environment ` +
          `"${target.name}" has no ${part.type} service of that name. Restore into an environment with the ` +
          'same services, or leave that part out.',
      );
    }
    const adapter = adapterFor(part.type, part.name);
    const { identity, ...names } = await adapter.restoreTarget(service, jobId);
    parts.push({
      part,
      adapter,
      service,
      identity,
      journal: { name: part.name, type: part.type, had_live: false, ...names },
    });
  }
  assertSeparate(parts, target.name);
  return parts;
}

/** Two services over the same data (or one inside the other) cannot be swapped independently. */
function assertSeparate(parts: RestorePart[], environment: string): void {
  for (const a of parts) {
    for (const b of parts) {
      if (a === b) continue;
      if (a.identity !== undefined && a.identity === b.identity) {
        throw new EngineError(
          'service_mismatch',
          `In environment "${environment}", services "${a.part.name}" and "${b.part.name}" are the same ` +
            `database (${a.identity}); Rewind cannot restore them separately. Fix the configuration.`,
        );
      }
      if (!isPathType(a.part.type) || !isPathType(b.part.type)) continue;
      if (a.journal.live === b.journal.live || a.journal.live.startsWith(b.journal.live + path.sep)) {
        throw new EngineError(
          'service_mismatch',
          `In environment "${environment}", service "${a.part.name}" (${a.journal.live}) lies inside service ` +
            `"${b.part.name}" (${b.journal.live}); Rewind cannot restore them separately. Fix the configuration.`,
        );
      }
    }
  }
}
