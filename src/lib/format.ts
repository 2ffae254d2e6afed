// Human formatting of sizes, times and durations. The interface speaks English, so numbers and dates do too.
const locale = 'en';

const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;
const byteFormats = new Map<string, Intl.NumberFormat>();

/** 12_400_000 → "12.4 MB" (decimal units, as disks and download managers count). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return 'Unknown';
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < byteUnits.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const key = `${unit}:${digits}`;
  let format = byteFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: byteUnits[unit],
      unitDisplay: unit === 0 ? 'long' : 'short',
      maximumFractionDigits: digits,
    });
    byteFormats.set(key, format);
  }
  return format.format(value);
}

const countFormat = new Intl.NumberFormat(locale);
export function formatCount(value: number): string {
  return countFormat.format(value);
}

export function formatPercent(done: number, total: number): string {
  if (total <= 0) return '0%';
  return `${Math.min(100, Math.floor((done / total) * 100))}%`;
}

const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
const relativeSteps: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "3 hours ago", "yesterday", "in 2 days". */
export function formatRelativeTime(iso: string, now: number): string {
  let value = (Date.parse(iso) - now) / 1000;
  if (Math.abs(value) < 10) return 'just now';
  for (const [unit, size] of relativeSteps) {
    if (Math.abs(value) < size) return relativeFormat.format(Math.round(value), unit);
    value /= size;
  }
  return relativeFormat.format(Math.round(value), 'year');
}

const exactFormat = new Intl.DateTimeFormat(locale, {
  dateStyle: 'medium',
  timeStyle: 'long',
});

/** "Nov 20, 2025, 2:03:00 PM UTC": the exact moment, for titles and confirmations. */
export function formatExactTime(iso: string): string {
  return exactFormat.format(new Date(iso));
}

// The viewer's clock, as their own locale writes it (12- or 24-hour); the words stay English.
const viewerHourCycle = new Intl.DateTimeFormat(undefined, { hour: 'numeric' }).resolvedOptions().hourCycle;
const shortOptions: Intl.DateTimeFormatOptions = {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  ...(viewerHourCycle ? { hourCycle: viewerHourCycle } : {}),
};
const shortFormat = new Intl.DateTimeFormat(locale, shortOptions);
const shortFormatWithYear = new Intl.DateTimeFormat(locale, { ...shortOptions, year: 'numeric' });

/** "Dec 6, 14:02" or "Dec 6, 2:02 PM" (the year too when it is not this one): a moment named in a sentence. */
export function formatShortTime(iso: string, now = Date.now()): string {
  const date = new Date(iso);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return (sameYear ? shortFormat : shortFormatWithYear).format(date);
}

/** 200_000 → "3 min 20 s"; 4_000_000 → "1 h 7 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

const plural = (count: number, word: string) => `${count} more ${word}${count === 1 ? '' : 's'}`;

/** How long a restore point stays restorable: "13 more days", "5 more hours", "20 more minutes". */
export function formatRemaining(untilIso: string, now: number): string | null {
  const ms = Date.parse(untilIso) - now;
  if (ms <= 0) return null;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return plural(Math.max(1, minutes), 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return plural(hours, 'hour');
  // A snapshot taken a minute ago is "restorable for 14 more days", not 13: whole days, to the nearest.
  return plural(Math.round(hours / 24), 'day');
}
