import { describe, expect, it } from 'vitest';
import { buildPolicy } from '@/testing/mocks/fixtures';
import { describeRetention, readCron, summarizePolicy, writeCron } from './schedule-words';

const env = { id: 'env_1', name: 'staging', type: 'staging' as const };

describe('schedule words', () => {
  it('reads the presets back from their cron expressions, and writes them again', () => {
    expect(readCron('15 * * * *')).toMatchObject({ frequency: 'hourly', minute: 15 });
    expect(readCron('0 2 * * *')).toMatchObject({ frequency: 'daily', time: '02:00' });
    expect(readCron('30 3 * * 7')).toMatchObject({ frequency: 'weekly', time: '03:30', weekday: 0 });
    expect(readCron('0 2 1 * *').frequency).toBe('custom');
    expect(readCron('*/15 * * * *').frequency).toBe('custom');
    for (const cron of ['15 * * * *', '0 2 * * *', '30 3 * * 1', '0 4 1,15 * *']) {
      expect(writeCron(readCron(cron))).toBe(cron);
    }
  });

  it('says a policy in one sentence', () => {
    const now = Date.UTC(2026, 0, 1, 21);
    const policy = buildPolicy(env, {
      schedule: { cron: '0 2 * * *', timezone: 'Europe/Paris', enabled: true },
      retention: { days: 14, keep_last: 3, keep_daily: 0, keep_weekly: 0, keep_monthly: 0 },
      next_run_at: new Date(now + 5 * 3_600_000).toISOString(),
    });
    expect(summarizePolicy(policy, now)).toBe(
      'Every day at 02:00 Europe/Paris, kept 14 days — next run in 5 h',
    );
    expect(summarizePolicy({ ...policy, schedule: { ...policy.schedule, cron: '30 3 * * 1' } }, now)).toBe(
      'Every Monday at 03:30 Europe/Paris, kept 14 days — next run in 5 h',
    );
    expect(summarizePolicy({ ...policy, schedule: { ...policy.schedule, enabled: false } }, now)).toBe(
      'No scheduled backups; snapshots are kept 14 days',
    );
    expect(describeRetention({ days: 1, keep_last: 0, keep_daily: 7, keep_weekly: 4, keep_monthly: 3 })).toBe(
      'kept 1 day, plus 7 daily, 4 weekly and 3 monthly snapshots',
    );
  });
});
