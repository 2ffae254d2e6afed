// The retention plan: from an environment's snapshots and its policy, when each stays restorable until, which
// are held, and which the next prune deletes. Pure, so it can be checked over simulated months.
import type { BackupRetention } from '../../contract/schemas.ts';
import type { RetentionUpdate, SnapshotRow } from '../catalog/catalog.ts';
import { periodOf, periodsLater, type Period } from './calendar.ts';

const dayMs = 86_400_000;

export interface RetentionInput {
  snapshots: SnapshotRow[];
  retention: BackupRetention;
  /** The policy's zone: days, weeks and months are counted on its calendar. */
  timezone: string;
  now: Date;
  /** The latest scheduled backup failed: keep everything until one succeeds. */
  holdAll: boolean;
  /** The policy's days changed: every window is measured again from its snapshot's creation. */
  remeasureWindows: boolean;
}

export interface RetentionPlan {
  /** New dates and holds, only for the snapshots whose values change. */
  updates: RetentionUpdate[];
  /** What the policy no longer keeps, oldest first. */
  expired: SnapshotRow[];
}

const later = (a: string, b: string | null) => (b !== null && b > a ? b : a);

/** When a snapshot stops being restorable by date: the later of its window and what keep_* gives it. */
export function restorableUntil(row: Pick<SnapshotRow, 'expires_at' | 'kept_until'>): string {
  return later(row.expires_at, row.kept_until);
}

/**
 * The rules, in order of strength:
 * - a pinned snapshot is never pruned;
 * - a snapshot is restorable for `days` from its creation (its window, `expires_at`);
 * - keep_daily / keep_weekly / keep_monthly N: the newest ready snapshot of each day / week / month stays
 *   restorable until that period is no longer among the last N (`kept_until`) — calendar periods in the
 *   policy's zone, counted whether or not they hold a snapshot, so the date is known in advance;
 * - the newest max(keep_last, 1) ready snapshots are held: kept whatever their age until newer ones replace
 *   them (so an environment always keeps its last restore point);
 * - while the latest scheduled backup has failed, every ready snapshot is held and nothing is deleted.
 * Pending snapshots are never touched; failed ones (no data) go when their window ends.
 */
export function planRetention(input: RetentionInput): RetentionPlan {
  const { retention, timezone, now, holdAll } = input;
  const ready = input.snapshots
    .filter((s) => s.status === 'ready')
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id));
  const held = new Set(ready.slice(0, Math.max(1, retention.keep_last)).map((s) => s.id));
  const keptUntil = new Map<string, number>();
  const rules: Array<[Period, number]> = [
    ['day', retention.keep_daily],
    ['week', retention.keep_weekly],
    ['month', retention.keep_monthly],
  ];
  for (const [period, count] of rules) {
    if (count <= 0) continue;
    const seen = new Set<string>();
    for (const snapshot of ready) {
      const { key, start } = periodOf(Date.parse(snapshot.created_at), period, timezone);
      if (seen.has(key)) continue;
      seen.add(key);
      const until = periodsLater(start, period, count, timezone);
      keptUntil.set(snapshot.id, Math.max(until, keptUntil.get(snapshot.id) ?? 0));
    }
  }

  const updates: RetentionUpdate[] = [];
  const expired: SnapshotRow[] = [];
  for (const snapshot of input.snapshots) {
    if (snapshot.status === 'pending') continue;
    const expiresAt = input.remeasureWindows
      ? new Date(Date.parse(snapshot.created_at) + retention.days * dayMs).toISOString()
      : snapshot.expires_at;
    const until = keptUntil.get(snapshot.id);
    const kept = until !== undefined && new Date(until).toISOString() > expiresAt;
    const next: RetentionUpdate = {
      id: snapshot.id,
      expires_at: expiresAt,
      kept_until: kept ? new Date(until).toISOString() : null,
      held: snapshot.status === 'ready' && (held.has(snapshot.id) || holdAll),
    };
    if (
      next.expires_at !== snapshot.expires_at ||
      next.kept_until !== snapshot.kept_until ||
      next.held !== snapshot.held
    ) {
      updates.push(next);
    }
    const gone = restorableUntil(next) <= now.toISOString();
    if (gone && !snapshot.pinned && !next.held && !holdAll) expired.push(snapshot);
  }
  expired.sort((a, b) => a.created_at.localeCompare(b.created_at));
  return { updates, expired };
}
