import type { DatabaseSync } from 'node:sqlite';
import type { AuthCatalog, IdempotencyCatalog, IdempotencyRecord, SessionRow, TokenRow } from '../catalog.ts';

export function authCatalog(db: DatabaseSync): AuthCatalog {
  return {
    async insertToken(token) {
      db.prepare('INSERT INTO tokens (id, name, hash, created_at) VALUES (?, ?, ?, ?)').run(
        token.id,
        token.name,
        token.hash,
        token.created_at,
      );
    },
    async findTokenByHash(hash) {
      const row = db.prepare('SELECT id, name, created_at FROM tokens WHERE hash = ?').get(hash);
      return (row as unknown as TokenRow | undefined) ?? null;
    },
    async countTokens() {
      return (db.prepare('SELECT COUNT(*) AS n FROM tokens').get() as { n: number }).n;
    },
    async insertSession(session) {
      db.prepare(
        'INSERT INTO sessions (hash, token_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      ).run(session.hash, session.token_id, session.csrf_token, session.created_at, session.expires_at);
    },
    async findSession(hash, now) {
      const row = db
        .prepare(
          `SELECT s.token_id, t.name AS token_name, s.csrf_token, s.expires_at
           FROM sessions s JOIN tokens t ON t.id = s.token_id WHERE s.hash = ? AND s.expires_at > ?`,
        )
        .get(hash, now);
      return (row as unknown as SessionRow | undefined) ?? null;
    },
    async deleteSession(hash) {
      db.prepare('DELETE FROM sessions WHERE hash = ?').run(hash);
    },
  };
}

export function idempotencyCatalog(db: DatabaseSync): IdempotencyCatalog {
  return {
    async claimIdempotencyKey(scope, key, requestHash, now) {
      const inserted = db
        .prepare(
          `INSERT INTO idempotency_keys (scope, key, request_hash, state, created_at) VALUES (?, ?, ?, 'pending', ?)
           ON CONFLICT (scope, key) DO NOTHING`,
        )
        .run(scope, key, requestHash, now);
      if (inserted.changes === 1) return null;
      const row = db
        .prepare(
          'SELECT request_hash, state, status_code, response, location, created_at FROM idempotency_keys WHERE scope = ? AND key = ?',
        )
        .get(scope, key);
      return row as unknown as IdempotencyRecord;
    },
    async completeIdempotencyKey(scope, key, result) {
      db.prepare(
        "UPDATE idempotency_keys SET state = 'done', status_code = ?, response = ?, location = ? WHERE scope = ? AND key = ?",
      ).run(result.status_code, result.response, result.location, scope, key);
    },
    async releaseIdempotencyKey(scope, key) {
      db.prepare('DELETE FROM idempotency_keys WHERE scope = ? AND key = ?').run(scope, key);
    },
    async deleteIdempotencyKeysBefore(cutoff) {
      return Number(db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?').run(cutoff).changes);
    },
  };
}
