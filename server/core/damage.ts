// What a damaged snapshot is, in words, and what it means for a restore.
import type { DamagedContent } from '../../contract/schemas.ts';
import type { SnapshotRow } from '../catalog/catalog.ts';
import { RewindError } from './errors.ts';

/** One damaged content in words: `uploads/a/b.png`, `the db dump`, `its manifest`. */
export function describeDamage(damage: DamagedContent): string {
  if (damage.service === null) return 'its manifest';
  return damage.path === null ? `the ${damage.service} dump` : `${damage.service}/${damage.path}`;
}

/** The first few damaged contents, and how many more there are. */
export function damageSummary(damaged: DamagedContent[], count: number, shown = 3): string {
  const named = damaged.slice(0, shown).map(describeDamage);
  const more = count - named.length;
  return more > 0 ? `${named.join(', ')} and ${more} more` : named.join(', ');
}

/** A snapshot whose latest verify found damage is no restore point: the restore would fail half-way. */
export function requireUndamaged(snapshot: SnapshotRow): void {
  const verification = snapshot.verification;
  if (verification?.status !== 'damaged') return;
  throw new RewindError(
    'conflict',
    'snapshot_damaged',
    'Snapshot is damaged',
    `Snapshot ${snapshot.id} is damaged: its verify of ${verification.checked_at} found ${damageSummary(verification.damaged, verification.damaged_count)} missing or corrupt in the store, so it cannot be restored. Nothing was changed; restore another point (verify it first), or verify this one again if the store was repaired.`,
  );
}
