import type { SnapshotPatch as SnapshotChanges } from '../../contract/requests.ts';
import type { SnapshotKind } from '../../contract/schemas.ts';
import type { SiteRow, SnapshotFootprint, SnapshotRow } from '../catalog/catalog.ts';
import { restorableUntil } from '../retention/plan.ts';
import { requireConfirmation } from './confirmation.ts';
import { notFound, RewindError } from './errors.ts';
import type { Services } from './services.ts';
import { learnBlobSizes } from './store-usage.ts';

/** A snapshot of this site; one of another site is "not found" too, so ids cannot be probed across sites. */
export async function findSnapshot(
  services: Services,
  site: SiteRow,
  snapshotId: string,
): Promise<SnapshotRow> {
  const snapshot = await services.catalog.getSnapshot(snapshotId);
  if (!snapshot || snapshot.site_id !== site.id) {
    throw notFound(
      'Snapshot',
      `Site "${site.slug}" has no snapshot "${snapshotId}". It may have been deleted or pruned.`,
    );
  }
  return snapshot;
}

const snapshotKinds: readonly SnapshotKind[] = ['manual', 'scheduled', 'pre_restore'];

/** The history's `kind` filter: one or several kinds, comma-separated; none given means every kind. */
export function parseKinds(value: string | undefined): SnapshotKind[] | undefined {
  if (value === undefined) return undefined;
  const kinds = value.split(',').map((kind) => kind.trim());
  const unknown = kinds.filter((kind) => !snapshotKinds.includes(kind as SnapshotKind));
  if (unknown.length > 0) {
    const named = unknown.map((kind) => `"${kind}"`).join(', ');
    throw new RewindError(
      'invalid',
      'invalid_kind',
      'Unknown snapshot kind',
      `${named} ${unknown.length === 1 ? 'is not a snapshot kind' : 'are not snapshot kinds'}. Use one or several of ${snapshotKinds.join(', ')}, comma-separated (e.g. kind=manual,scheduled).`,
      'kind',
    );
  }
  return [...new Set(kinds as SnapshotKind[])];
}

/** Ready, and pinned, held by the policy, or not past its dates. */
export function isRestorable(snapshot: SnapshotRow, now: Date): boolean {
  if (snapshot.status !== 'ready') return false;
  return snapshot.pinned || snapshot.held || restorableUntil(snapshot) > now.toISOString();
}

/**
 * Relabels and pins or unpins. Pinning keeps a snapshot restorable and out of every prune; unpinning hands it
 * back to the policy, so one past its dates goes at the next prune.
 */
export async function updateSnapshot(
  services: Services,
  snapshot: SnapshotRow,
  changes: SnapshotChanges,
): Promise<SnapshotRow> {
  if (changes.pinned === true && snapshot.status === 'failed') {
    throw new RewindError(
      'conflict',
      'snapshot_not_ready',
      'Snapshot not ready',
      `Snapshot ${snapshot.id} failed and holds no data, so there is nothing to pin.`,
    );
  }
  const label = changes.label === undefined ? undefined : changes.label?.trim() || null;
  await services.catalog.updateSnapshot(snapshot.id, {
    ...(label !== undefined ? { label } : {}),
    ...(changes.pinned !== undefined ? { pinned: changes.pinned } : {}),
  });
  return (await services.catalog.getSnapshot(snapshot.id)) ?? snapshot;
}

export function requireReady(snapshot: SnapshotRow, action: string): void {
  if (snapshot.status === 'ready') return;
  const why =
    snapshot.status === 'pending'
      ? 'it is still being taken; wait for its job to finish'
      : 'it failed and holds no data; pick another restore point';
  throw new RewindError(
    'conflict',
    'snapshot_not_ready',
    'Snapshot not ready',
    `Snapshot ${snapshot.id} cannot be ${action}: ${why}.`,
  );
}

/**
 * Deletes the snapshot from the catalog and its manifest from the store, and asks for a sweep, which frees
 * the contents no other snapshot uses once no capture runs. Answers what it occupied just before (the
 * contents only it used are what the sweep frees). `confirm` is the API's: there a snapshot of a production
 * environment goes only when the request names it; a prune by the backup policy passes none.
 */
export async function deleteSnapshot(
  services: Services,
  snapshot: SnapshotRow,
  request?: { confirm: string | undefined },
): Promise<SnapshotFootprint> {
  if (snapshot.pinned) {
    throw new RewindError(
      'conflict',
      'snapshot_pinned',
      'Snapshot is pinned',
      `Snapshot ${snapshot.id} is pinned, so it is kept. Unpin it first if you really want to delete it.`,
    );
  }
  if (snapshot.status === 'pending' || (await services.catalog.snapshotInUse(snapshot.id))) {
    throw new RewindError(
      'conflict',
      'snapshot_in_use',
      'Snapshot in use',
      `Snapshot ${snapshot.id} is being written or restored by a running job. Delete it once the job has finished.`,
    );
  }
  if (request) {
    // An environment the catalog no longer knows is taken for production: the safe side.
    const { name, type } = (await services.catalog.getEnvironment(snapshot.environment_id)) ?? {
      name: snapshot.environment_name,
      type: 'production',
    };
    requireConfirmation(
      { name, type },
      request.confirm,
      `delete a snapshot of ${name}`,
      `Send "confirm": "${name}" in the body (or ?confirm=${encodeURIComponent(name)})`,
    );
  }
  await learnBlobSizes(services.catalog, services.store, { snapshotId: snapshot.id });
  const footprint = await services.catalog.deleteSnapshot(snapshot.id);
  services.usage.changed(snapshot.environment_id);
  await services.store.deleteManifest(snapshot.id);
  void services.requestSweep();
  return footprint;
}
