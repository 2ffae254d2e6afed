// What a schedule means, for the server that runs it and the dashboard that previews it: five-field cron
// expressions (croner) read in an IANA time zone, and the checks that refuse a schedule with a reason.
import { Cron } from 'croner';
import type { BackupSchedule } from './schemas.ts';
import { canonicalTimeZone } from './time-zones.ts';

export type ScheduleText = Pick<BackupSchedule, 'cron' | 'timezone'>;

/** Backups closer together than this would crowd the queue and the history. */
export const shortestIntervalMinutes = 5;

function pattern(schedule: ScheduleText): Cron {
  // Five fields (no seconds, no years); day-of-month and day-of-week combine with OR, as in Vixie cron.
  return new Cron(schedule.cron.trim(), { timezone: schedule.timezone, mode: '5-part', paused: true });
}

/**
 * The scheduled instants strictly after `from`, in real time. Across daylight-saving changes croner follows
 * Vixie cron: a fixed time that does not exist that day (02:30 when clocks jump from 02:00 to 03:00) runs
 * once when the clock jumps; a fixed time that happens twice (02:30 when clocks fall back from 03:00 to
 * 02:00) runs once, at its first occurrence. Hourly and other interval patterns keep their real-time rhythm.
 */
export function nextRuns(schedule: ScheduleText, from: Date, count: number): Date[] {
  return pattern(schedule).nextRuns(count, from);
}

export interface ScheduleProblem {
  code: 'invalid_timezone' | 'invalid_cron' | 'schedule_too_frequent';
  field: 'schedule.timezone' | 'schedule.cron';
  title: string;
  detail: string;
}

export const cronHelp =
  'Use five fields — minute hour day-of-month month day-of-week — e.g. "0 2 * * *" for every day at 02:00, "0 * * * *" for every hour, "30 3 * * 1" for Mondays at 03:30.';

/** A schedule tidied (one space between fields, the zone's current name), or what is wrong with it. */
export function readSchedule(
  schedule: ScheduleText,
  now: Date = new Date(),
): { ok: true; cron: string; timezone: string } | { ok: false; problem: ScheduleProblem } {
  const timezone = canonicalTimeZone(schedule.timezone);
  if (!timezone) {
    return refused(
      'invalid_timezone',
      'schedule.timezone',
      'Unknown time zone',
      `"${schedule.timezone}" is not a time zone Rewind knows. Use an IANA name such as "Europe/Paris", "America/New_York" or "UTC".`,
    );
  }
  const cron = schedule.cron.trim().replace(/\s+/g, ' ');
  let runs: Date[];
  try {
    runs = nextRuns({ cron, timezone }, now, 12);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern: /, '') : String(error);
    return refused(
      'invalid_cron',
      'schedule.cron',
      'Invalid schedule',
      `"${schedule.cron}" is not a valid cron expression (${reason}). ${cronHelp}`,
    );
  }
  if (runs.length === 0) {
    return refused(
      'invalid_cron',
      'schedule.cron',
      'Invalid schedule',
      `"${schedule.cron}" never runs (no date matches it). ${cronHelp}`,
    );
  }
  for (let i = 1; i < runs.length; i++) {
    if (runs[i]!.getTime() - runs[i - 1]!.getTime() < shortestIntervalMinutes * 60_000) {
      return refused(
        'schedule_too_frequent',
        'schedule.cron',
        'Schedule too frequent',
        `"${schedule.cron}" runs more often than every ${shortestIntervalMinutes} minutes. Scheduled backups must be at least ${shortestIntervalMinutes} minutes apart, e.g. "*/15 * * * *" or "0 * * * *".`,
      );
    }
  }
  return { ok: true, cron, timezone };
}

function refused(
  code: ScheduleProblem['code'],
  field: ScheduleProblem['field'],
  title: string,
  detail: string,
) {
  return { ok: false as const, problem: { code, field, title, detail } };
}
