import type { SnapshotKind } from '../../contract/schemas.ts';
import type { SnapshotRow } from '../catalog/catalog.ts';
import { newId } from '../ids.ts';
import { restorableDays } from './services.ts';

const dayMs = 86_400_000;

/** A new pending snapshot, restorable for the policy's `days` (14 by default) from its creation. */
export function newSnapshotRow(
  now: Date,
  fields: {
    site_id: string;
    environment_id: string;
    kind: SnapshotKind;
    label: string | null;
    created_by: string;
  },
  days = restorableDays,
): Omit<SnapshotRow, 'environment_name'> {
  return {
    id: newId('snap', now.getTime()),
    ...fields,
    status: 'pending',
    created_at: now.toISOString(),
    completed_at: null,
    expires_at: new Date(now.getTime() + days * dayMs).toISOString(),
    kept_until: null,
    pinned: false,
    held: false,
    size_bytes: 0,
    stored_bytes: 0,
    db_size_bytes: 0,
    db_services: [],
    files_size_bytes: 0,
    file_count: 0,
    files_services: [],
    error: null,
    before_restore: null,
    verification: null,
  };
}
