import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { recoverInterruptedSwaps, type JournalledService, type ServiceSpec } from '../engine/index.ts';
import { environmentSpec, type Services } from './services.ts';

const interruptedBackup =
  'Rewind stopped while this snapshot was being taken, so no snapshot was kept. Take the snapshot again.';
const interruptedPrune =
  'Rewind stopped while pruning. Nothing was lost: what was not deleted yet is deleted by the next prune.';
const interruptedVerify =
  'Rewind stopped while this verify was reading the store. Nothing was changed and its snapshots keep their last verification; verify again.';
const interruptedRestore =
  'Rewind stopped during this restore. The environment was left exactly as it was before the restore; start the restore again.';

/** A journal names its services by site, environment and name; this finds them, with their connections. */
function journalledService(services: Services) {
  return async ({ site, environment, name, type }: JournalledService): Promise<ServiceSpec | null> => {
    const siteRow = site ? await services.catalog.findSite(site) : null;
    const env =
      siteRow && environment ? await services.catalog.findEnvironment(siteRow.id, environment) : null;
    if (!siteRow || !env) return null;
    const spec = environmentSpec(siteRow.slug, env, services.connections);
    return spec.services.find((s) => s.name === name && s.type === type) ?? null;
  };
}

/**
 * Brings the catalog and the disk back to a consistent state after the server stopped, however it stopped:
 * swaps are finished or undone from their journals, running jobs are settled, half-written data is removed,
 * and queued jobs are queued again.
 */
export async function recover(services: Services): Promise<void> {
  const { catalog, store, log } = services;
  await mkdir(services.paths.journalDir, { recursive: true });
  const swaps = new Map(
    (
      await recoverInterruptedSwaps(services.paths.journalDir, {
        resolveService: journalledService(services),
      })
    ).map((s) => [s.jobId, s.outcome]),
  );
  const finishedAt = services.now().toISOString();

  for (const job of await catalog.activeJobs()) {
    if (job.status === 'queued') continue;
    if (job.type === 'restore' && swaps.get(job.id) === 'rolled_forward') {
      await catalog.updateJob(job.id, { status: 'succeeded', phase: 'done', finished_at: finishedAt });
      log.warn({ job: job.id }, 'an interrupted restore had passed its commit point and was completed');
      continue;
    }
    const detail = {
      backup: interruptedBackup,
      restore: interruptedRestore,
      prune: interruptedPrune,
      verify: interruptedVerify,
    }[job.type];
    await catalog.updateJob(job.id, {
      status: 'failed',
      error: { code: 'interrupted', detail },
      finished_at: finishedAt,
    });
    log.warn(
      { job: job.id, swap: swaps.get(job.id) ?? 'none' },
      'a job was interrupted by a stop and marked failed',
    );
  }

  const queued = await catalog.activeJobs();
  const waiting = new Set(queued.filter((j) => j.type === 'backup').map((j) => j.snapshot_id));
  for (const snapshot of await catalog.pendingSnapshots()) {
    if (waiting.has(snapshot.id)) continue;
    await catalog.updateSnapshot(snapshot.id, {
      status: 'failed',
      error: { code: 'interrupted', detail: interruptedBackup },
    });
    await store.deleteManifest(snapshot.id);
  }

  await store.cleanTemporary();
  await mkdir(services.paths.workDir, { recursive: true });
  for (const entry of await readdir(services.paths.workDir)) {
    await rm(path.join(services.paths.workDir, entry), { recursive: true, force: true });
  }
  for (const job of queued) services.runner.submit(job);
  void services.requestSweep();
}
