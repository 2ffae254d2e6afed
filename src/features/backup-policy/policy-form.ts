// The policy editor's state: text as typed, checked before it is sent, and the PUT body it makes.
import type { BackupPolicyRequest } from '@contract/requests';
import type { BackupPolicy } from '@contract/schemas';
import { readSchedule } from '@contract/cron';
import { currentZoneName } from '@contract/time-zones';
import { readCron, writeCron, type Frequency } from './schedule-words';
import { zoneNames } from './time-zones';

export interface PolicyForm {
  enabled: boolean;
  frequency: Frequency;
  minute: string;
  time: string;
  weekday: string;
  cron: string;
  timezone: string;
  days: string;
  keep_last: string;
  keep_daily: string;
  keep_weekly: string;
  keep_monthly: string;
}

export type PolicyFormErrors = Partial<Record<keyof PolicyForm, string>>;

/** The same bounds as the API's. */
export const limits = { days: 3650, keep_last: 1000, keep_daily: 3650, keep_weekly: 520, keep_monthly: 120 };

let knownZones: Set<string> | null = null;
const isKnownZone = (zone: string) => (knownZones ??= new Set(zoneNames())).has(zone);

/** The browser's own zone, under its current name (browsers still say Europe/Kiev for Europe/Kyiv). */
export function browserTimeZone(): string {
  return currentZoneName(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
}

/** A saved policy as it is; a default one in the browser's zone, since nobody chose a zone yet. */
export function formFromPolicy(policy: BackupPolicy, zone = browserTimeZone()): PolicyForm {
  const choice = readCron(policy.schedule.cron);
  const { retention } = policy;
  return {
    enabled: policy.schedule.enabled,
    frequency: choice.frequency,
    minute: String(choice.minute),
    time: choice.time,
    weekday: String(choice.weekday),
    cron: policy.schedule.cron,
    timezone: policy.is_default ? zone : currentZoneName(policy.schedule.timezone),
    days: String(retention.days),
    keep_last: String(retention.keep_last),
    keep_daily: String(retention.keep_daily),
    keep_weekly: String(retention.keep_weekly),
    keep_monthly: String(retention.keep_monthly),
  };
}

const isWhole = (text: string, min: number, max: number) =>
  /^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max;

export function checkPolicyForm(form: PolicyForm): PolicyFormErrors {
  const errors: PolicyFormErrors = {};
  // Off, the schedule cannot be edited, so it is not held against the save; the server still checks it.
  const scheduled = form.enabled;
  if (scheduled && form.frequency === 'hourly' && !isWhole(form.minute, 0, 59)) {
    errors.minute = 'Enter a minute from 0 to 59.';
  }
  if (
    scheduled &&
    (form.frequency === 'daily' || form.frequency === 'weekly') &&
    !/^\d{2}:\d{2}$/.test(form.time)
  ) {
    errors.time = 'Enter a time, such as 02:00.';
  }
  if (scheduled && form.frequency === 'custom') {
    if (form.cron.trim().split(/\s+/).length !== 5) {
      errors.cron = 'A cron expression has five fields: minute hour day-of-month month day-of-week.';
    } else {
      // The server's own checks (contract/cron.ts): a bad value, a date that never comes, runs too close.
      const read = readSchedule({ cron: form.cron, timezone: 'UTC' });
      if (!read.ok) errors.cron = read.problem.detail;
    }
  }
  if (!isKnownZone(form.timezone)) errors.timezone = 'Choose a time zone from the list.';
  if (!isWhole(form.days, 1, limits.days)) {
    errors.days = `Enter a whole number of days from 1 to ${limits.days}.`;
  }
  for (const key of ['keep_last', 'keep_daily', 'keep_weekly', 'keep_monthly'] as const) {
    if (!isWhole(form[key], 0, limits[key])) errors[key] = `Enter a whole number from 0 to ${limits[key]}.`;
  }
  return errors;
}

const scheduleKeys = ['minute', 'time', 'cron'] as const;

/** The cron expression the form's schedule fields make (a preset's, or the custom one tidied). */
export function formCron(form: PolicyForm): string {
  return writeCron({
    frequency: form.frequency,
    minute: Number(form.minute),
    time: form.time,
    weekday: Number(form.weekday),
    cron: form.cron,
  });
}

/** Whether the schedule fields are filled in well enough to make a cron expression. */
export function scheduleComplete(form: PolicyForm): boolean {
  const errors = checkPolicyForm({ ...form, enabled: true });
  return !scheduleKeys.some((key) => errors[key]);
}

/**
 * The PUT body. A schedule that is off is sent as it is, unless what was typed in it is not valid: then
 * `savedCron` is kept, so turning a half-edited schedule off still saves.
 */
export function requestFromForm(form: PolicyForm, savedCron?: string): BackupPolicyRequest {
  const unfinished = !scheduleComplete(form);
  const typed = formCron(form);
  const cron = !form.enabled && unfinished && savedCron ? savedCron : typed;
  return {
    schedule: { cron, timezone: form.timezone, enabled: form.enabled },
    retention: {
      days: Number(form.days),
      keep_last: Number(form.keep_last),
      keep_daily: Number(form.keep_daily),
      keep_weekly: Number(form.keep_weekly),
      keep_monthly: Number(form.keep_monthly),
    },
  };
}
