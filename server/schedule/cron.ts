// Cron schedules in a time zone (croner), checked so that a mistake is refused with a reason.
import { Cron } from 'croner';
import type { BackupSchedule } from '../../contract/schemas.ts';
import { RewindError } from '../core/errors.ts';

/** Backups closer together than this would crowd the queue and the history. */
export const shortestIntervalMinutes = 5;

function pattern(schedule: Pick<BackupSchedule, 'cron' | 'timezone'>): Cron {
  // Five fields (no seconds, no years); day-of-month and day-of-week combine with OR, as in Vixie cron.
  return new Cron(schedule.cron.trim(), { timezone: schedule.timezone, mode: '5-part', paused: true });
}

/**
 * The first scheduled instant strictly after `from`, in real time. Across daylight-saving changes croner
 * follows Vixie cron: a fixed time that does not exist that day (02:30 when clocks jump from 02:00 to 03:00)
 * runs once when the clock jumps; a fixed time that happens twice (02:30 when clocks fall back from 03:00 to
 * 02:00) runs once, at its first occurrence. Hourly and other interval patterns keep their real-time rhythm.
 */
export function nextRunAfter(schedule: Pick<BackupSchedule, 'cron' | 'timezone'>, from: Date): Date | null {
  return pattern(schedule).nextRun(from);
}

/** An IANA time zone in its canonical spelling, or null when there is no such zone. */
export function canonicalTimeZone(timezone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: timezone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const cronHelp =
  'Use five fields — minute hour day-of-month month day-of-week — e.g. "0 2 * * *" for every day at 02:00, "0 * * * *" for every hour, "30 3 * * 1" for Mondays at 03:30.';

/** Checks a schedule; throws a 400 that names the field and says what is wrong. */
export function checkSchedule(schedule: Pick<BackupSchedule, 'cron' | 'timezone'>): {
  cron: string;
  timezone: string;
} {
  const timezone = canonicalTimeZone(schedule.timezone);
  if (!timezone) {
    throw new RewindError(
      'invalid',
      'invalid_timezone',
      'Unknown time zone',
      `"${schedule.timezone}" is not a time zone Rewind knows. Use an IANA name such as "Europe/Paris", "America/New_York" or "UTC".`,
      'schedule.timezone',
    );
  }
  const cron = schedule.cron.trim().replace(/\s+/g, ' ');
  let runs: Date[];
  try {
    runs = pattern({ cron, timezone }).nextRuns(12, new Date());
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern: /, '') : String(error);
    throw new RewindError(
      'invalid',
      'invalid_cron',
      'Invalid schedule',
      `"${schedule.cron}" is not a valid cron expression (${reason}). ${cronHelp}`,
      'schedule.cron',
    );
  }
  if (runs.length === 0) {
    throw new RewindError(
      'invalid',
      'invalid_cron',
      'Invalid schedule',
      `"${schedule.cron}" never runs (no date matches it). ${cronHelp}`,
      'schedule.cron',
    );
  }
  for (let i = 1; i < runs.length; i++) {
    if (runs[i]!.getTime() - runs[i - 1]!.getTime() < shortestIntervalMinutes * 60_000) {
      throw new RewindError(
        'invalid',
        'schedule_too_frequent',
        'Schedule too frequent',
        `"${schedule.cron}" runs more often than every ${shortestIntervalMinutes} minutes. Scheduled backups must be at least ${shortestIntervalMinutes} minutes apart, e.g. "*/15 * * * *" or "0 * * * *".`,
        'schedule.cron',
      );
    }
  }
  return { cron, timezone };
}
