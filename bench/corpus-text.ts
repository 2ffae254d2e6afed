// Compressible content like an uploads folder's documents and a shop database's rows: JSON records, CSV, HTML
// and notes made of a small vocabulary and numbers, so zstd finds about what it finds in real text (3–5×).
import type { Random } from '../server/config/prng.ts';

const WORDS = (
  'mug tea pot cup blue green ceramic glass linen cotton gift kitchen garden lamp chair table oak walnut ' +
  'order invoice shipped pending paid refund customer address street city north south east west large ' +
  'small medium price total discount coupon review rating stars delivery express standard return warranty ' +
  'handmade organic recycled limited edition new sale bundle pack set colour size weight stock warehouse'
).split(' ');
const STATUSES = ['pending', 'paid', 'shipped', 'delivered', 'refunded'];

export function words(random: Random, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(random.pick(WORDS));
  return out.join(' ');
}

export function isoDate(random: Random): string {
  const day = random.int(0, 5 * 365);
  return new Date(Date.UTC(2020, 0, 1) + day * 86_400_000 + random.int(0, 86_399) * 1000).toISOString();
}

function record(random: Random, id: number): string {
  return JSON.stringify({
    id,
    sku: `${random.pick(WORDS).toUpperCase()}-${random.int(1000, 9999)}`,
    name: words(random, random.int(2, 5)),
    price_cents: random.int(100, 99_999),
    status: random.pick(STATUSES),
    tags: [random.pick(WORDS), random.pick(WORDS)],
    updated_at: isoDate(random),
  });
}

export type DocumentKind = 'json' | 'csv' | 'html' | 'txt';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['json', 'csv', 'html', 'txt'];

/** A document of about `size` bytes (exactly `size` after trimming). */
export function documentText(random: Random, kind: DocumentKind, size: number): string {
  const parts: string[] = [];
  let length = 0;
  let id = random.int(1, 1_000_000);
  const push = (text: string) => {
    parts.push(text);
    length += text.length + 1;
  };
  if (kind === 'csv') push('id,sku,name,price_cents,status,updated_at');
  if (kind === 'html') push('<!doctype html><html><body><main>');
  while (length < size) {
    id++;
    if (kind === 'json') push(record(random, id) + ',');
    else if (kind === 'csv') {
      push(
        `${id},SKU-${random.int(1000, 9999)},${words(random, 3)},${random.int(100, 99_999)},${isoDate(random)}`,
      );
    } else if (kind === 'html') push(`<p class="line">${words(random, random.int(6, 14))}</p>`);
    else push(words(random, random.int(8, 16)) + '.');
  }
  return parts.join('\n').slice(0, size);
}
