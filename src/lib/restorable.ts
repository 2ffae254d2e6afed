import type { Snapshot } from '@contract/schemas';
import { formatExactTime, formatRemaining } from './format';

/**
 * A restore point can be restored when it is ready and pinned, not yet expired, or held by the backup policy
 * (one of the newest, or kept while scheduled backups fail) — the server's rule.
 */
export function isRestorable(snapshot: Snapshot, now: number): boolean {
  return (
    snapshot.status === 'ready' && (snapshot.pinned || snapshot.held || Date.parse(snapshot.expires_at) > now)
  );
}

/** "Restorable for 13 more days", "Pinned: does not expire", "Kept until newer snapshots replace it", "Expired …". */
export function restorableText(snapshot: Snapshot, now: number): string {
  if (snapshot.status === 'failed') return 'Not restorable';
  if (snapshot.status === 'pending') return 'Restorable once ready';
  if (snapshot.pinned) return 'Pinned: does not expire';
  const remaining = formatRemaining(snapshot.expires_at, now);
  if (remaining) return `Restorable for ${remaining}`;
  if (snapshot.held) return 'Kept until newer snapshots replace it';
  return `Expired ${formatExactTime(snapshot.expires_at)}`;
}
