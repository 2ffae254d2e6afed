// Snapshot rows for tests and benches that fill a catalog directly rather than through the API.
import type { EnvironmentRow } from '../catalog/catalog.ts';
import { newSnapshotRow } from '../core/snapshot-rows.ts';

/** A new pending snapshot of the environment taken at `at`: manual (by the admin) or scheduled (by the scheduler). */
export function pendingSnapshot(
  env: Pick<EnvironmentRow, 'id' | 'site_id'>,
  at: Date,
  kind: 'manual' | 'scheduled' = 'manual',
) {
  return newSnapshotRow(at, {
    site_id: env.site_id,
    environment_id: env.id,
    kind,
    label: null,
    created_by: kind === 'manual' ? 'admin' : 'scheduler',
  });
}
