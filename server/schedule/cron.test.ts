import { describe, expect, it } from 'vitest';
import { RewindError } from '../core/errors.ts';
import { checkSchedule, nextRunAfter } from './cron.ts';

const paris = (cron: string) => ({ cron, timezone: 'Europe/Paris' });
function runs(schedule: { cron: string; timezone: string }, from: string, count: number): string[] {
  const out: string[] = [];
  let at = new Date(from);
  for (let i = 0; i < count; i++) {
    at = nextRunAfter(schedule, at)!;
    out.push(at.toISOString());
  }
  return out;
}

describe('schedules in a time zone', () => {
  it('runs a daily 02:30 in Paris once on the spring-forward day, when the clock jumps to 03:00', () => {
    // 29 March 2026: 02:00 CET becomes 03:00 CEST, so 02:30 does not exist that day.
    expect(runs(paris('30 2 * * *'), '2026-03-27T12:00:00Z', 3)).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:00:00.000Z', // 03:00 CEST, the first minute after the gap
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
    ]);
  });

  it('runs a daily 02:30 in Paris once on the fall-back day, at its first occurrence', () => {
    // 25 October 2026: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice.
    expect(runs(paris('30 2 * * *'), '2026-10-23T12:00:00Z', 3)).toEqual([
      '2026-10-24T00:30:00.000Z', // 02:30 CEST
      '2026-10-25T00:30:00.000Z', // the first 02:30 (CEST); the second (01:30Z, CET) is not a run
      '2026-10-26T01:30:00.000Z', // 02:30 CET
    ]);
  });

  it('keeps an hourly schedule hourly in real time across both changes', () => {
    expect(runs(paris('0 * * * *'), '2026-03-29T00:30:00Z', 3)).toEqual([
      '2026-03-29T01:00:00.000Z', // 03:00 CEST: 02:00 does not exist
      '2026-03-29T02:00:00.000Z',
      '2026-03-29T03:00:00.000Z',
    ]);
    expect(runs(paris('0 * * * *'), '2026-10-24T23:30:00Z', 4)).toEqual([
      '2026-10-25T00:00:00.000Z', // 02:00 CEST
      '2026-10-25T01:00:00.000Z', // 02:00 CET, the hour again
      '2026-10-25T02:00:00.000Z',
      '2026-10-25T03:00:00.000Z',
    ]);
  });

  it('runs weekly on the chosen day at the chosen time', () => {
    expect(runs({ cron: '15 3 * * 1', timezone: 'America/New_York' }, '2026-01-01T00:00:00Z', 2)).toEqual([
      '2026-01-05T08:15:00.000Z',
      '2026-01-12T08:15:00.000Z',
    ]);
  });
});

describe('checking a schedule', () => {
  const refusal = (schedule: { cron: string; timezone: string }) => {
    try {
      checkSchedule(schedule);
    } catch (error) {
      if (error instanceof RewindError) return error;
      throw error;
    }
    throw new Error('accepted');
  };

  it('accepts five fields and a known zone, tidied', () => {
    expect(checkSchedule({ cron: ' 0  2 * * * ', timezone: 'europe/paris' })).toEqual({
      cron: '0 2 * * *',
      timezone: 'Europe/Paris',
    });
    expect(checkSchedule({ cron: '@daily', timezone: 'UTC' }).cron).toBe('@daily');
  });

  it('accepts old and current names of a renamed zone, and keeps the current one', () => {
    for (const [old, current] of [
      ['Europe/Kiev', 'Europe/Kyiv'],
      ['Asia/Calcutta', 'Asia/Kolkata'],
      ['Asia/Saigon', 'Asia/Ho_Chi_Minh'],
      ['America/Godthab', 'America/Nuuk'],
    ] as const) {
      expect(checkSchedule({ cron: '0 2 * * *', timezone: old }).timezone).toBe(current);
      expect(checkSchedule({ cron: '0 2 * * *', timezone: current }).timezone).toBe(current);
      expect(checkSchedule({ cron: '0 2 * * *', timezone: current.toLowerCase() }).timezone).toBe(current);
    }
    // The same zone under either name: the same instants.
    const from = new Date('2026-03-01T00:00:00Z');
    expect(nextRunAfter({ cron: '0 2 * * *', timezone: 'Europe/Kyiv' }, from)).toEqual(
      nextRunAfter({ cron: '0 2 * * *', timezone: 'Europe/Kiev' }, from),
    );
  });

  it('refuses a bad cron saying why, and names the field', () => {
    const bad = refusal({ cron: '61 2 * * *', timezone: 'UTC' });
    expect(bad).toMatchObject({ kind: 'invalid', code: 'invalid_cron', field: 'schedule.cron' });
    expect(bad.detail).toContain('minute: 61');
    expect(bad.detail).toContain('five fields');
    expect(refusal({ cron: '0 0 2 * * *', timezone: 'UTC' }).detail).toMatch(/exactly 5 parts/);
    expect(refusal({ cron: 'daily', timezone: 'UTC' }).code).toBe('invalid_cron');
    expect(refusal({ cron: '0 0 30 2 *', timezone: 'UTC' }).detail).toMatch(/never runs/);
  });

  it('refuses an unknown zone, and a schedule more often than every 5 minutes', () => {
    expect(refusal({ cron: '0 2 * * *', timezone: 'Mars/Olympus' })).toMatchObject({
      code: 'invalid_timezone',
      field: 'schedule.timezone',
    });
    expect(refusal({ cron: '* * * * *', timezone: 'UTC' }).code).toBe('schedule_too_frequent');
    expect(checkSchedule({ cron: '*/5 * * * *', timezone: 'UTC' }).cron).toBe('*/5 * * * *');
  });
});
