// Time zone names as IANA spells them today. Browsers and Node (V8 with ICU/CLDR) still answer, and list, some
// zones under their old names — Europe/Kiev for Europe/Kyiv, Asia/Calcutta for Asia/Kolkata — so the API and
// the dashboard turn those into the current ones. Both spellings are the same zone; either is accepted.

/** The old names that Intl answers, each with its current IANA name (from tzdata's `backward` renames). */
export const renamedZones: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** The current name of a zone Intl canonicalised (or listed); other names are already current. */
export function currentZoneName(zone: string): string {
  return renamedZones[zone] ?? zone;
}

/**
 * A zone in its current IANA spelling, or null when Intl knows no such zone. Any alias or case Intl accepts
 * is accepted: "europe/kiev", "Europe/Kyiv" and "Europe/Kiev" all answer "Europe/Kyiv".
 */
export function canonicalTimeZone(zone: string): string | null {
  try {
    return currentZoneName(new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone);
  } catch {
    return null;
  }
}
