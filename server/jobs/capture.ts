import type { EnvironmentRow } from '../catalog/catalog.ts';
import { refreshRetention } from '../core/retention.ts';
import { environmentSpec, type Services } from '../core/services.ts';
import { captureSnapshot, manifestBlobs } from '../engine/index.ts';
import type { ProgressListener } from '../engine/types.ts';
import { describeFailure } from './runner.ts';

/**
 * Captures the environment into the (pending) snapshot `snapshotId` and marks it ready only once every byte
 * is durable. On failure the snapshot is marked failed, its manifest removed, and the error rethrown.
 */
export async function captureIntoSnapshot(
  services: Services,
  snapshotId: string,
  env: EnvironmentRow,
  onProgress: ProgressListener,
): Promise<void> {
  const { catalog, store, lock, log } = services;
  const siteSlug = (await catalog.findSite(env.site_id))?.slug ?? env.site_id;
  const snapshot = await catalog.getSnapshot(snapshotId);
  if (!snapshot) throw new Error(`Snapshot ${snapshotId} is not in the catalog.`);
  try {
    await lock.shared(async () => {
      const previousRow = await catalog.latestSnapshot(env.id, 'ready');
      const previous = previousRow ? await store.getManifest(previousRow.id) : null;
      const result = await captureSnapshot({
        snapshotId,
        createdAt: snapshot.created_at,
        env: environmentSpec(siteSlug, env, services.connections),
        store,
        previous,
        onProgress,
        workDir: services.paths.workDir,
        // A restore over a damaged database must still be possible, and still be undoable.
        keepUnreadable: snapshot.kind === 'pre_restore',
      });
      const dbServices = result.manifest.services.filter((s) => s.selector === 'db');
      const fileServices = result.manifest.services.filter((s) => s.selector === 'files');
      await catalog.completeSnapshot(
        snapshotId,
        {
          status: 'ready',
          completed_at: services.now().toISOString(),
          size_bytes: result.sizeBytes,
          stored_bytes: result.storedBytes,
          db_size_bytes: dbServices.reduce((sum, s) => sum + s.size_bytes, 0),
          db_services: dbServices.map((s) => s.name),
          files_size_bytes: fileServices.reduce((sum, s) => sum + s.size_bytes, 0),
          file_count: fileServices.reduce((sum, s) => sum + s.file_count, 0),
          files_services: fileServices.map((s) => s.name),
        },
        manifestBlobs(result.manifest),
      );
    });
  } catch (error) {
    await catalog.updateSnapshot(snapshotId, { status: 'failed', error: describeFailure(error, log) });
    await store.deleteManifest(snapshotId).catch(() => {});
    void services.requestSweep();
    throw error;
  }
  // A new restore point can take over a day, week or month from an older one, and replaces the oldest held one.
  await refreshRetention(services, env).catch((error: unknown) =>
    log.error({ err: error, environment: env.id }, 'could not plan retention after a snapshot'),
  );
}
