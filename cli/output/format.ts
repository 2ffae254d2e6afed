// Sizes, ages and durations for people, in the dashboard's words: "12.4 MB", "3 min ago", "13 days".
const locale = 'en';
const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

/** 12_400_000 → "12.4 MB" (decimal units, as disks and download managers count). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '?';
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < byteUnits.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: byteUnits[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 || value >= 100 ? 0 : 1,
  }).format(value);
}

export function formatPercent(done: number, total: number): string {
  if (total <= 0) return '0%';
  return `${Math.min(100, Math.floor((done / total) * 100))}%`;
}

/** A span in the largest unit that fits: "42 s", "3 min", "5 h", "13 days"; rounded down unless told. */
export function formatSpan(ms: number, round: (value: number) => number = Math.floor): string {
  const seconds = Math.max(0, ms / 1000);
  if (seconds < 60) return `${round(seconds)} s`;
  if (seconds < 3600) return `${round(seconds / 60)} min`;
  if (seconds < 86_400) return `${round(seconds / 3600)} h`;
  const days = round(seconds / 86_400);
  return `${days} day${days === 1 ? '' : 's'}`;
}

/** "just now", "3 min ago", "2 days ago". */
export function formatAge(iso: string, now: number): string {
  const ms = now - Date.parse(iso);
  if (ms < 10_000) return 'just now';
  return `${formatSpan(ms)} ago`;
}

/** How long a restore point stays restorable: "14 days" for a new one, "5 h"; null once expired. */
export function formatRemaining(untilIso: string, now: number): string | null {
  const ms = Date.parse(untilIso) - now;
  return ms > 0 ? formatSpan(Math.max(ms, 60_000), Math.round) : null;
}
