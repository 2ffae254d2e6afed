import { describe, expect, it } from 'vitest';
import type { BackupRetention } from '../../contract/schemas.ts';
import type { SnapshotRow } from '../catalog/catalog.ts';
import { newSnapshotRow } from '../core/snapshot-rows.ts';
import { startOfLocalDay } from './calendar.ts';
import { planRetention } from './plan.ts';

const timezone = 'Europe/Paris';
const policy: BackupRetention = { days: 14, keep_last: 3, keep_daily: 7, keep_weekly: 4, keep_monthly: 3 };
const dayMs = 86_400_000;

function snapshotAt(at: number, fields: Partial<SnapshotRow> = {}): SnapshotRow {
  const row = newSnapshotRow(
    new Date(at),
    { site_id: 'site_1', environment_id: 'env_1', kind: 'scheduled', label: null, created_by: 'scheduler' },
    policy.days,
  );
  return { ...row, environment_name: 'production', status: 'ready', ...fields };
}

/** Applies a plan as the pruner does: new dates and holds, then the expired ones gone. */
function prune(
  rows: SnapshotRow[],
  now: number,
  options: { holdAll?: boolean; retention?: BackupRetention } = {},
) {
  const plan = planRetention({
    snapshots: rows,
    retention: options.retention ?? policy,
    timezone,
    now: new Date(now),
    holdAll: options.holdAll ?? false,
    remeasureWindows: false,
  });
  const updated = rows.map((row) => {
    const update = plan.updates.find((u) => u.id === row.id);
    return update ? { ...row, ...update } : row;
  });
  const gone = new Set(plan.expired.map((s) => s.id));
  return { rows: updated.filter((row) => !gone.has(row.id)), plan };
}

const localDay = (iso: string) => new Date(iso).toLocaleDateString('sv-SE', { timeZone: timezone });

describe('the retention plan', () => {
  it('keeps exactly what the policy says over 90 days of nightly backups (across a DST change)', () => {
    // Every night at 02:00 Paris time from 1 January 2026, pruned after each run, for 90 nights.
    let rows: SnapshotRow[] = [];
    let now = 0;
    for (let day = 1; day <= 90; day++) {
      now = startOfLocalDay(2026, 1, day, timezone) + 2 * 3_600_000;
      rows = prune([...rows, snapshotAt(now)], now).rows;
    }
    expect(localDay(new Date(now).toISOString())).toBe('2026-03-31');
    expect(rows.map((row) => localDay(row.created_at)).sort()).toEqual([
      '2026-01-31', // newest of January (monthly)
      '2026-02-28', // newest of February (monthly)
      // newest of the week of Monday 9 March: the 4th week back (this week is that of Monday 30 March)
      '2026-03-15',
      // 14 × 24 hours back: since 17 March 02:00 CET, one hour longer in local time as clocks sprang forward
      // on the 29th. It covers the last 7 days (daily), 3 weeks (weekly) and 3 snapshots (keep_last).
      ...Array.from({ length: 15 }, (_, i) => `2026-03-${String(17 + i).padStart(2, '0')}`),
    ]);
    // Those kept past their window say until when, exactly: the end of their week or month's turn.
    const january = rows.find((row) => localDay(row.created_at) === '2026-01-31')!;
    expect(january.kept_until).toBe(new Date(startOfLocalDay(2026, 4, 1, timezone)).toISOString());
    const week = rows.find((row) => localDay(row.created_at) === '2026-03-15')!;
    expect(week.kept_until).toBe(new Date(startOfLocalDay(2026, 4, 6, timezone)).toISOString());
    expect(rows.filter((row) => row.held).map((row) => localDay(row.created_at))).toEqual([
      '2026-03-29',
      '2026-03-30',
      '2026-03-31',
    ]);
  });

  it('never prunes a pinned snapshot, nor the newest ready one, however old', () => {
    const start = Date.UTC(2026, 0, 1, 1);
    const pinned = snapshotAt(start, { pinned: true });
    const old = snapshotAt(start + dayMs);
    const newest = snapshotAt(start + 2 * dayMs);
    const failed = snapshotAt(start + 3 * dayMs, { status: 'failed' });
    const retention = { days: 14, keep_last: 0, keep_daily: 0, keep_weekly: 0, keep_monthly: 0 };
    const { plan, rows } = prune([pinned, old, newest, failed], start + 60 * dayMs, { retention });
    expect(plan.expired.map((s) => s.id)).toEqual([old.id, failed.id]);
    expect(rows.map((row) => row.id)).toEqual([pinned.id, newest.id]);
    expect(rows.find((row) => row.id === newest.id)?.held).toBe(true);
  });

  it('prunes nothing and holds every restore point while the latest scheduled backup has failed', () => {
    const start = Date.UTC(2026, 0, 1, 1);
    const rows = Array.from({ length: 5 }, (_, i) => snapshotAt(start + i * dayMs));
    const { plan } = prune(rows, start + 60 * dayMs, { holdAll: true });
    expect(plan.expired).toEqual([]);
    expect(plan.updates.filter((u) => u.held)).toHaveLength(5);
  });

  it('measures windows again when the days change, and leaves pending snapshots alone', () => {
    const start = Date.UTC(2026, 0, 1, 1);
    const rows = [snapshotAt(start), snapshotAt(start + dayMs, { status: 'pending' })];
    const plan = planRetention({
      snapshots: rows,
      retention: { ...policy, days: 30 },
      timezone,
      now: new Date(start + 2 * dayMs),
      holdAll: false,
      remeasureWindows: true,
    });
    expect(plan.updates.map((u) => [u.id, u.expires_at])).toEqual([
      [rows[0]!.id, new Date(start + 30 * dayMs).toISOString()],
    ]);
  });
});
