import type { DamagedContent, Verification } from '@contract/schemas';

/** One damaged content in words: "uploads/products/cup.png", "the db database dump", "its manifest". */
export function damagedPlace(damage: DamagedContent): string {
  if (damage.service === null) return 'its manifest';
  return damage.path === null ? `the ${damage.service} database dump` : `${damage.service}/${damage.path}`;
}

/** "uploads/a.png, the db database dump and 3 more": the first few, and how many others. */
export function damageSummary(verification: Verification, shown = 2): string {
  const named = verification.damaged.slice(0, shown).map(damagedPlace);
  const more = verification.damaged_count - named.length;
  if (more > 0) return `${named.join(', ')} and ${more} more`;
  if (named.length < 2) return named.join('');
  return `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

/** Every damaged content the snapshot names, one a line, for a title or a dialog. */
export function damageList(verification: Verification): string[] {
  return verification.damaged.map((damage) => {
    const what = { missing_blob: 'missing', corrupt_blob: 'corrupt', size_mismatch: 'of the wrong size' }[
      damage.code as string
    ];
    return `${damagedPlace(damage)}: ${what ?? (damage.code === 'missing_manifest' ? 'missing' : 'unreadable')}`;
  });
}
