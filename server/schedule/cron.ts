// Cron schedules in a time zone, as the contract defines them, checked so that a mistake is refused with a reason.
import { nextRuns, readSchedule, type ScheduleText } from '../../contract/cron.ts';
import { RewindError } from '../core/errors.ts';

/** The first scheduled instant strictly after `from` (see `nextRuns` for daylight-saving changes). */
export function nextRunAfter(schedule: ScheduleText, from: Date): Date | null {
  return nextRuns(schedule, from, 1)[0] ?? null;
}

/**
 * Checks a schedule; throws a 400 that names the field and says what is wrong. The zone comes back in its
 * current IANA name, whichever spelling was sent ("Europe/Kiev" is saved as "Europe/Kyiv").
 */
export function checkSchedule(schedule: ScheduleText): { cron: string; timezone: string } {
  const read = readSchedule(schedule);
  if (!read.ok) {
    const { code, title, detail, field } = read.problem;
    throw new RewindError('invalid', code, title, detail, field);
  }
  return { cron: read.cron, timezone: read.timezone };
}
