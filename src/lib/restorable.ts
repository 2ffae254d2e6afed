import type { Snapshot } from '@contract/schemas';
import { formatExactTime, formatRemaining } from './format';

/** A restore point can be restored when it is ready and pinned or not yet expired. */
export function isRestorable(snapshot: Snapshot, now: number): boolean {
  return snapshot.status === 'ready' && (snapshot.pinned || Date.parse(snapshot.expires_at) > now);
}

/** "Restorable for 13 more days", "Pinned: does not expire", "Expired …". */
export function restorableText(snapshot: Snapshot, now: number): string {
  if (snapshot.status === 'failed') return 'Not restorable';
  if (snapshot.status === 'pending') return 'Restorable once ready';
  if (snapshot.pinned) return 'Pinned: does not expire';
  const remaining = formatRemaining(snapshot.expires_at, now);
  return remaining ? `Restorable for ${remaining}` : `Expired ${formatExactTime(snapshot.expires_at)}`;
}
