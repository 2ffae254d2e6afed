import type { Selector } from '@contract/schemas';

/**
 * What a restore brings back, as a noun: "database" ("databases" for several database services), "files",
 * or both ("database and files").
 */
export function restoredParts(selectors: readonly Selector[], databases = 1): string {
  const words = (['db', 'files'] as const)
    .filter((selector) => selectors.includes(selector))
    .map((selector) => (selector === 'files' ? 'files' : databases > 1 ? 'databases' : 'database'));
  return words.join(' and ');
}

/** Whether those parts take a singular verb: "the database is back", but "the files are back". */
export function restoredPartsAreOne(selectors: readonly Selector[], databases = 1): boolean {
  return selectors.length === 1 && selectors[0] === 'db' && databases <= 1;
}

/** "staging's", for "staging's database". */
export const possessive = (name: string) => `${name}'s`;
