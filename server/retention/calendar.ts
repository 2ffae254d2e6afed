// Calendar periods (days, Monday-to-Sunday weeks, months) in a time zone, as the retention rules count them.
export type Period = 'day' | 'week' | 'month';

interface LocalDate {
  year: number;
  month: number;
  day: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
    });
    formats.set(timeZone, f);
  }
  return f;
}

export function localDate(instant: number, timeZone: string): LocalDate {
  const parts: Record<string, string> = {};
  for (const part of format(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: weekdays[parts.weekday ?? ''] ?? 1,
  };
}

const dateNumber = (d: { year: number; month: number; day: number }) =>
  d.year * 10_000 + d.month * 100 + d.day;

/** The first instant of a local date (midnight, or when the day begins if a clock change skips midnight). */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day);
  const normal = new Date(wall);
  const target = dateNumber({
    year: normal.getUTCFullYear(),
    month: normal.getUTCMonth() + 1,
    day: normal.getUTCDate(),
  });
  // Local midnight is within a day of UTC midnight in every zone: search that range a minute at a time.
  let before = wall - 36 * 3_600_000;
  let from = wall + 36 * 3_600_000;
  while (from - before > 60_000) {
    const middle = before + Math.floor((from - before) / 120_000) * 60_000;
    if (dateNumber(localDate(middle, timeZone)) >= target) from = middle;
    else before = middle;
  }
  return from;
}

/** The period an instant falls in: a stable key, and the local date it starts on. */
export function periodOf(
  instant: number,
  period: Period,
  timeZone: string,
): { key: string; start: LocalDate } {
  const local = localDate(instant, timeZone);
  let start = local;
  if (period === 'week') {
    const monday = new Date(Date.UTC(local.year, local.month - 1, local.day - (local.weekday - 1)));
    start = {
      year: monday.getUTCFullYear(),
      month: monday.getUTCMonth() + 1,
      day: monday.getUTCDate(),
      weekday: 1,
    };
  } else if (period === 'month') start = { ...local, day: 1 };
  return { key: `${period}:${dateNumber(start)}`, start };
}

/** The first instant after `count` periods that begin on `start`: when that period is no longer among the last `count`. */
export function periodsLater(start: LocalDate, period: Period, count: number, timeZone: string): number {
  const { year, month, day } = start;
  if (period === 'day') return startOfLocalDay(year, month, day + count, timeZone);
  if (period === 'week') return startOfLocalDay(year, month, day + 7 * count, timeZone);
  return startOfLocalDay(year, month + count, 1, timeZone);
}
