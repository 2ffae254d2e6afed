import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDuration,
  formatExactTime,
  formatRelativeTime,
  formatRemaining,
  formatShortTime,
} from './format';

const now = Date.parse('2025-11-20T12:00:00Z');
const at = (ms: number) => new Date(now + ms).toISOString();

describe('formatting', () => {
  it('writes sizes in human units', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(12_400_000)).toBe('12.4 MB');
    expect(formatBytes(1_500)).toBe('1.5 kB');
    expect(formatBytes(250_000_000_000)).toBe('250 GB');
    expect(formatBytes(null)).toBe('Unknown');
  });

  it('writes relative times', () => {
    expect(formatRelativeTime(at(-5_000), now)).toBe('just now');
    expect(formatRelativeTime(at(-3 * 3_600_000), now)).toBe('3 hours ago');
    expect(formatRelativeTime(at(-25 * 3_600_000), now)).toBe('yesterday');
    expect(formatRelativeTime(at(-3 * 86_400_000), now)).toBe('3 days ago');
    expect(formatRelativeTime(at(2 * 86_400_000), now)).toBe('in 2 days');
  });

  it('writes the exact time with its zone', () => {
    expect(formatExactTime('2025-11-20T14:03:00Z')).toBe('Nov 20, 2025, 2:03:00 PM UTC');
  });

  it('names a moment shortly, on the viewer’s clock, with the year only when it is another', () => {
    // The tests run in en-US, a 12-hour locale.
    expect(formatShortTime('2025-12-06T14:02:00Z', now)).toBe('Dec 6, 2:02 PM');
    expect(formatShortTime('2024-12-06T09:05:00Z', now)).toBe('Dec 6, 2024, 9:05 AM');
  });

  it('writes durations', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(200_000)).toBe('3 min 20 s');
    expect(formatDuration(4_020_000)).toBe('1 h 7 min');
  });

  it('says how long a restore point stays restorable', () => {
    expect(formatRemaining(at(13 * 86_400_000 + 3_600_000), now)).toBe('13 more days');
    expect(formatRemaining(at(14 * 86_400_000 - 60_000), now)).toBe('14 more days');
    expect(formatRemaining(at(86_400_000), now)).toBe('1 more day');
    expect(formatRemaining(at(5 * 3_600_000 + 60_000), now)).toBe('5 more hours');
    expect(formatRemaining(at(20 * 60_000), now)).toBe('20 more minutes');
    expect(formatRemaining(at(-1), now)).toBeNull();
  });
});
