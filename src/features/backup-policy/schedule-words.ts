// Cron expressions as people choose and read them: presets (hourly, daily at a time, weekly on a day at a
// time) or a custom expression, and plain-words summaries of a policy.
import type { BackupPolicy, BackupRetention, BackupSchedule } from '@contract/schemas';

export type Frequency = 'hourly' | 'daily' | 'weekly' | 'custom';

export interface ScheduleChoice {
  frequency: Frequency;
  /** hourly: the minute past each hour */
  minute: number;
  /** daily and weekly: "HH:MM" */
  time: string;
  /** weekly: 0 = Sunday … 6 = Saturday, as cron counts */
  weekday: number;
  /** custom: the expression as typed */
  cron: string;
}

export const weekdayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number) => String(n).padStart(2, '0');
const whole = (text: string | undefined, max: number): number | null =>
  text !== undefined && /^\d{1,2}$/.test(text) && Number(text) <= max ? Number(text) : null;

/** Which preset a cron expression is, or `custom`. */
export function readCron(cron: string): ScheduleChoice {
  const custom: ScheduleChoice = { frequency: 'custom', minute: 0, time: '02:00', weekday: 1, cron };
  const [m, h, dom, month, dow, ...rest] = cron.trim().split(/\s+/);
  const minute = whole(m, 59);
  if (rest.length > 0 || minute === null || dom !== '*' || month !== '*') return custom;
  if (h === '*' && dow === '*') return { ...custom, frequency: 'hourly', minute };
  const hour = whole(h, 23);
  if (hour === null) return custom;
  const time = `${pad(hour)}:${pad(minute)}`;
  if (dow === '*') return { ...custom, frequency: 'daily', minute, time };
  const weekday = whole(dow, 7);
  if (weekday === null) return custom;
  return { ...custom, frequency: 'weekly', minute, time, weekday: weekday % 7 };
}

/** The cron expression of a choice. */
export function writeCron(choice: ScheduleChoice): string {
  const [hour = '0', minute = '0'] = choice.time.split(':');
  const at = `${Number(minute)} ${Number(hour)}`;
  switch (choice.frequency) {
    case 'hourly':
      return `${choice.minute} * * * *`;
    case 'daily':
      return `${at} * * *`;
    case 'weekly':
      return `${at} * * ${choice.weekday}`;
    case 'custom':
      return choice.cron.trim().replace(/\s+/g, ' ');
  }
}

/** "Every day at 02:00 Europe/Paris", "Every Monday at 03:30 UTC", "Every hour at 15 past". */
export function describeSchedule(schedule: BackupSchedule): string {
  const choice = readCron(schedule.cron);
  switch (choice.frequency) {
    case 'hourly':
      return choice.minute === 0 ? 'Every hour, on the hour' : `Every hour at ${choice.minute} past`;
    case 'daily':
      return `Every day at ${choice.time} ${schedule.timezone}`;
    case 'weekly':
      return `Every ${weekdayNames[choice.weekday]} at ${choice.time} ${schedule.timezone}`;
    case 'custom':
      return `On the schedule “${schedule.cron}” (${schedule.timezone})`;
  }
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function listWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** "kept 14 days", "kept 14 days, plus 4 weekly and 3 monthly snapshots". */
export function describeRetention(retention: BackupRetention): string {
  const longer = [
    retention.keep_daily > 0 ? `${retention.keep_daily} daily` : null,
    retention.keep_weekly > 0 ? `${retention.keep_weekly} weekly` : null,
    retention.keep_monthly > 0 ? `${retention.keep_monthly} monthly` : null,
  ].filter((word): word is string => word !== null);
  const kept = `kept ${count(retention.days, 'day')}`;
  return longer.length ? `${kept}, plus ${listWords(longer)} snapshots` : kept;
}

/** "in 5 h", "in 12 min", "in 3 days", "now". */
export function formatIn(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'now';
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours} h`;
  return `in ${Math.round(hours / 24)} days`;
}

/** The policy in one sentence: "Every day at 02:00 Europe/Paris, kept 14 days — next run in 5 h". */
export function summarizePolicy(policy: BackupPolicy, now: number): string {
  const retention = describeRetention(policy.retention);
  if (!policy.schedule.enabled) {
    return `No scheduled backups; snapshots are ${retention}`;
  }
  const next = policy.next_run_at ? ` — next run ${formatIn(Date.parse(policy.next_run_at) - now)}` : '';
  return `${describeSchedule(policy.schedule)}, ${retention}${next}`;
}
