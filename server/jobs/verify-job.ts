import type { DamagedContent, Verification } from '../../contract/schemas.ts';
import type { SnapshotRow } from '../catalog/catalog.ts';
import { RewindError } from '../core/errors.ts';
import type { Services } from '../core/services.ts';
import { EngineError, verifySnapshots, type Manifest } from '../engine/index.ts';
import type { JobHandler } from './runner.ts';

/** The catalog keeps the first of a snapshot's damaged contents (and how many there are in all). */
const DAMAGE_KEPT = 100;

/**
 * A verify job reads back every content of one snapshot, or of every ready snapshot of its environment, and
 * records in each what it found. Its reads hold the store lock shared, as a capture does, so no sweep frees
 * (or moves) a content while it is being read; the snapshots themselves cannot be deleted or pruned while the
 * job is queued or running (the catalog counts them in use).
 */
export function verifyJob(services: Services): JobHandler {
  const { catalog, store } = services;
  return async (job, context) => {
    const snapshots = await snapshotsToVerify(
      services,
      job.snapshot_id,
      job.verify_scope,
      job.environment_id,
    );
    const manifests: Manifest[] = [];
    const unreadable = new Map<string, DamagedContent>();
    for (const snapshot of snapshots) {
      try {
        const manifest = await store.getManifest(snapshot.id);
        if (manifest) manifests.push(manifest);
        else unreadable.set(snapshot.id, manifestDamage(snapshot.id, 'missing_manifest'));
      } catch (error) {
        if (!(error instanceof EngineError) || error.code !== 'corrupt_manifest') throw error;
        unreadable.set(snapshot.id, manifestDamage(snapshot.id, 'corrupt_manifest', error.message));
      }
    }
    const damage = await services.lock.shared(() =>
      verifySnapshots({ store, manifests, onProgress: context.report }),
    );
    const checkedAt = services.now().toISOString();
    for (const snapshot of snapshots) {
      const found: DamagedContent[] = unreadable.has(snapshot.id)
        ? [unreadable.get(snapshot.id)!]
        : (damage.get(snapshot.id) ?? []);
      const verification: Verification = {
        status: found.length === 0 ? 'ok' : 'damaged',
        checked_at: checkedAt,
        job_id: job.id,
        damaged: found.slice(0, DAMAGE_KEPT),
        damaged_count: found.length,
      };
      await catalog.updateSnapshot(snapshot.id, { verification });
      if (found.length > 0) {
        context.log.warn({ snapshot: snapshot.id, damaged: found.length }, 'a snapshot is damaged');
      }
    }
  };
}

async function snapshotsToVerify(
  services: Services,
  snapshotId: string,
  scope: 'snapshot' | 'environment' | null,
  environmentId: string,
): Promise<SnapshotRow[]> {
  if (scope === 'environment') {
    return (await services.catalog.environmentSnapshots(environmentId)).filter((s) => s.status === 'ready');
  }
  const snapshot = await services.catalog.getSnapshot(snapshotId);
  if (!snapshot || snapshot.status !== 'ready') {
    throw new RewindError(
      'conflict',
      'snapshot_unavailable',
      'Snapshot unavailable',
      `Snapshot ${snapshotId} was deleted or is not ready any more, so there is nothing to verify.`,
    );
  }
  return [snapshot];
}

function manifestDamage(
  snapshotId: string,
  code: 'missing_manifest' | 'corrupt_manifest',
  detail = `The manifest of snapshot ${snapshotId} is missing from the snapshot store.`,
): DamagedContent {
  return { service: null, path: null, sha256: null, code, detail };
}
