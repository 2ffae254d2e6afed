import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../contract/schemas.ts';
import { formatAge, formatBytes, formatRemaining } from './format.ts';
import { snapshotLabel } from './labels.ts';
import { renderProgress } from './progress-bar.ts';
import { formatTable } from './table.ts';

const now = Date.parse('2025-06-01T12:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();

describe('formats', () => {
  it('sizes in decimal units', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(12_400_000)).toBe('12.4 MB');
    expect(formatBytes(123_456_789)).toBe('123 MB');
    expect(formatBytes(null)).toBe('?');
  });

  it('ages and what is left', () => {
    expect(formatAge(ago(3_000), now)).toBe('just now');
    expect(formatAge(ago(42_000), now)).toBe('42 s ago');
    expect(formatAge(ago(3 * 60_000 + 59_000), now)).toBe('3 min ago');
    expect(formatAge(ago(5 * 3_600_000), now)).toBe('5 h ago');
    expect(formatAge(ago(86_400_000), now)).toBe('1 day ago');
    const in14Days = new Date(now + 14 * 86_400_000 - 5_000).toISOString();
    expect(formatRemaining(in14Days, now)).toBe('14 days');
    expect(formatRemaining(new Date(now + 5 * 3_600_000).toISOString(), now)).toBe('5 h');
    expect(formatRemaining(ago(1), now)).toBeNull();
  });
});

describe('snapshotLabel', () => {
  const preRestore = (environment: string) =>
    ({
      environment: 'production',
      label: null,
      before_restore: {
        job_id: 'job_1',
        selectors: ['db'],
        restore_point: {
          snapshot_id: 'snap_1',
          environment,
          environment_id: 'env_1',
          kind: 'manual',
          created_at: ago(60_000),
        },
      },
    }) as unknown as Snapshot;

  it('says what a pre-restore snapshot without a label was taken before', () => {
    expect(snapshotLabel(preRestore('production'))).toBe('before restoring the database from snap_1');
    expect(snapshotLabel(preRestore('staging'))).toBe('before restoring the database from snap_1 (staging)');
    expect(snapshotLabel({ ...preRestore('staging'), label: 'keep' })).toBe('keep');
    expect(snapshotLabel({ ...preRestore('staging'), before_restore: null })).toBe('');
  });
});

describe('formatTable', () => {
  it('pads columns to the widest cell and upper-cases the header', () => {
    expect(
      formatTable(
        ['slug', 'name'],
        [
          ['acme-store', 'Acme Store'],
          ['é', 'x'],
        ],
      ),
    ).toBe(['SLUG        NAME', 'acme-store  Acme Store', 'é           x'].join('\n'));
  });
});

describe('renderProgress', () => {
  it('draws a bar with bytes and percent when the total is known', () => {
    const line = renderProgress({ label: 'capturing files', done: 5_000_000, total: 20_000_000 }, 80);
    expect(line).toMatch(/^\[#+\.+\] capturing files {2}5 MB \/ 20 MB {2}25%$/);
    expect(line.length).toBeLessThan(80);
  });

  it('counts bytes when the total is unknown', () => {
    expect(renderProgress({ label: 'Downloading', done: 1_500_000, total: 0 })).toBe('Downloading  1.5 MB');
    expect(renderProgress({ label: 'queued', done: 0, total: 0 })).toBe('queued');
  });
});
