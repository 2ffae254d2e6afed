import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Catalog } from '../catalog/catalog.ts';
import { newId } from '../ids.ts';

/** Tokens and session ids are stored as SHA-256 hashes only: a copy of the catalog grants nothing. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function generateSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface AdminToken {
  /** The token in clear, only when it was generated now (to print it once). */
  generated: string | null;
}

/**
 * Makes sure an admin token exists: REWIND_TOKEN when set (recorded by its hash), otherwise one generated on the
 * first start and returned so it can be printed once.
 */
export async function ensureAdminToken(
  catalog: Catalog,
  configured: string | null,
  now: Date,
): Promise<AdminToken> {
  if (configured) {
    const hash = hashSecret(configured);
    if (!(await catalog.findTokenByHash(hash))) {
      await catalog.insertToken({ id: newId('tok'), name: 'admin', hash, created_at: now.toISOString() });
    }
    return { generated: null };
  }
  if ((await catalog.countTokens()) > 0) return { generated: null };
  return { generated: await createToken(catalog, 'admin', now) };
}

export async function createToken(catalog: Catalog, name: string, now: Date): Promise<string> {
  const token = generateSecret('rwd_');
  await catalog.insertToken({
    id: newId('tok'),
    name,
    hash: hashSecret(token),
    created_at: now.toISOString(),
  });
  return token;
}
