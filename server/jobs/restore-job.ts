import type { JobRow, SnapshotRow } from '../catalog/catalog.ts';
import { policyOf } from '../core/backup-policy.ts';
import { RewindError } from '../core/errors.ts';
import { environmentSpec, type Services } from '../core/services.ts';
import { newSnapshotRow } from '../core/snapshot-rows.ts';
import { restoreSnapshot } from '../engine/index.ts';
import { captureIntoSnapshot } from './capture.ts';
import type { JobHandler } from './runner.ts';

/**
 * A restore job: the engine verifies and stages the snapshot, the pre-restore snapshot is taken just before
 * the swap (so it holds exactly what the swap replaces), then the engine swaps atomically.
 */
export function restoreJob(services: Services): JobHandler {
  const { catalog, store } = services;
  return async (job, context) => {
    const snapshot = await catalog.getSnapshot(job.snapshot_id);
    if (!snapshot || snapshot.status !== 'ready') {
      throw new RewindError(
        'conflict',
        'snapshot_unavailable',
        'Snapshot unavailable',
        `Snapshot ${job.snapshot_id} was deleted or is not ready any more, so it cannot be restored. Pick another restore point.`,
      );
    }
    const manifest = await store.getManifest(snapshot.id);
    if (!manifest) {
      throw new RewindError(
        'conflict',
        'corrupt_snapshot',
        'Snapshot is damaged',
        `The manifest of snapshot ${snapshot.id} is missing from the store, so it cannot be restored. Nothing was changed; pick another restore point.`,
      );
    }
    const target = await catalog.getEnvironment(job.environment_id);
    const site = await catalog.findSite(job.site_id);
    if (!target || !site) throw new Error(`Environment ${job.environment_id} is not in the catalog.`);

    try {
      await restoreSnapshot({
        jobId: job.id,
        manifest,
        target: environmentSpec(site.slug, target, services.connections),
        selectors: job.selectors,
        store,
        journalDir: services.paths.journalDir,
        onProgress: context.report,
        beforeSwap: async () => {
          context.report({ phase: 'pre_restore_snapshot', doneBytes: 0, totalBytes: 0 });
          const preRestore = await takePreRestoreSnapshot(services, job, snapshot);
          await captureIntoSnapshot(services, preRestore, target, (progress) =>
            context.report({ ...progress, phase: 'pre_restore_snapshot' }),
          );
        },
      });
    } finally {
      services.sizes.forget(target.id);
    }
  };
}

/**
 * The pre-restore snapshot records what it protects (this restore and its restore point) rather than a label,
 * so every client can say it in its own words and link to the restore point; its label is the user's to set.
 */
async function takePreRestoreSnapshot(
  services: Services,
  job: JobRow,
  restoring: SnapshotRow,
): Promise<string> {
  const target = await services.catalog.getEnvironment(job.environment_id);
  // Pre-restore snapshots are kept like any other: for the target's retention window, and by its keep rules.
  const days = target ? (await policyOf(services, target)).retention.days : undefined;
  const row = newSnapshotRow(
    services.now(),
    {
      site_id: job.site_id,
      environment_id: job.environment_id,
      kind: 'pre_restore',
      label: null,
      created_by: job.created_by,
    },
    days,
  );
  row.before_restore = {
    job_id: job.id,
    selectors: job.selectors,
    restore_point_id: restoring.id,
    restore_point_environment_id: restoring.environment_id,
    restore_point_environment_name: restoring.environment_name,
    restore_point_kind: restoring.kind,
    restore_point_created_at: restoring.created_at,
  };
  await services.catalog.insertSnapshot(row);
  await services.catalog.updateJob(job.id, { pre_restore_snapshot_id: row.id });
  return row.id;
}
