// The zones a policy can use: every zone the browser knows, under its current IANA name, with its offset from
// UTC now and its name in words, and a search by city, region, name or offset ("kyiv", "europe", "india",
// "+05:30").
import { currentZoneName, renamedZones } from '@contract/time-zones';

export interface ZoneOption {
  /** The current IANA name, e.g. "Asia/Kolkata". */
  name: string;
  /** Its offset from UTC at the moment asked, e.g. "UTC+05:30"; minutes east of UTC in `minutes`. */
  offset: string;
  minutes: number;
  /** In words, e.g. "India Standard Time". */
  words: string;
  /** What a search looks in: the name, its old names and the words, lower case. */
  haystack: string;
}

const oldNames = new Map<string, string[]>();
for (const [old, current] of Object.entries(renamedZones)) {
  oldNames.set(current, [...(oldNames.get(current) ?? []), old]);
}

/** Every zone name the browser knows, current spellings, UTC first and the rest in order. */
export function zoneNames(): string[] {
  const names = Intl.supportedValuesOf('timeZone').map(currentZoneName);
  return ['UTC', ...names.filter((name) => name !== 'UTC').sort()];
}

function isZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function part(zone: string, at: Date, timeZoneName: 'longOffset' | 'longGeneric' | 'long'): string {
  const parts = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** "GMT+05:30" → 330; "GMT" → 0. */
function minutesOf(longOffset: string): number {
  const match = /([+-])(\d{2}):(\d{2})/.exec(longOffset);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function zoneOption(name: string, at: Date): ZoneOption {
  // A zone this browser does not know (a policy saved elsewhere): named, but with nothing more to say.
  if (!isZone(name))
    return { name, offset: 'unknown offset', minutes: 0, words: '', haystack: name.toLowerCase() };
  const minutes = minutesOf(part(name, at, 'longOffset'));
  const generic = part(name, at, 'longGeneric');
  // Zones with no name in words answer with their offset ("GMT+05:00"); UTC is better said in full.
  const words = /^GMT([+-]|$)/.test(generic) ? (name === 'UTC' ? part(name, at, 'long') : '') : generic;
  const haystack = [name, ...(oldNames.get(name) ?? []), words].join(' ').replace(/[_/]/g, ' ').toLowerCase();
  return { name, offset: formatOffset(minutes), minutes, words, haystack };
}

let cached: { hour: number; options: ZoneOption[] } | null = null;

/**
 * Every zone, with its offset at `at`. Asking Intl about 400-odd zones takes a moment, so the answer is kept
 * for the hour it was asked in.
 */
export function zoneOptions(at: Date = new Date()): ZoneOption[] {
  const hour = Math.floor(at.getTime() / 3_600_000);
  if (cached?.hour !== hour) cached = { hour, options: zoneNames().map((name) => zoneOption(name, at)) };
  return cached.options;
}

/** "+05:30", "UTC+5:30", "gmt-3", "+0545", "−08:00" → minutes east of UTC, and whether minutes were given. */
function readOffset(query: string): { minutes: number; exact: boolean } | null {
  const match = /^(?:utc|gmt)?\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(query.trim());
  if (!match) return null;
  const sign = match[1] === '+' ? 1 : -1;
  return { minutes: sign * (Number(match[2]) * 60 + Number(match[3] ?? 0)), exact: match[3] !== undefined };
}

/**
 * The zones a search matches, best first: an offset matches zones at that offset now (all of that hour when
 * no minutes are given); words match zones whose name, old names or words contain each of them. The zone
 * whose city is the search comes first, then zones that have each searched word whole ("india" finds India
 * Standard Time before Indianapolis), then zones whose city starts with it.
 */
export function findZones(options: ZoneOption[], query: string): ZoneOption[] {
  const text = query.trim().toLowerCase();
  if (!text) return options;
  const offset = readOffset(text);
  if (offset) {
    return options.filter((zone) =>
      offset.exact ? zone.minutes === offset.minutes : Math.trunc(zone.minutes / 60) * 60 === offset.minutes,
    );
  }
  const words = text.split(/[\s/_]+/).filter(Boolean);
  const joined = words.join(' ');
  const rank = (zone: ZoneOption) => {
    const city = zone.name.split('/').at(-1)!.replace(/_/g, ' ').toLowerCase();
    if (city === joined) return 0;
    const own = new Set(zone.haystack.split(' '));
    if (words.every((word) => own.has(word))) return 1;
    return city.startsWith(joined) ? 2 : 3;
  };
  return options
    .filter((zone) => words.every((word) => zone.haystack.includes(word)))
    .map((zone) => ({ zone, rank: rank(zone) }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ zone }) => zone);
}
