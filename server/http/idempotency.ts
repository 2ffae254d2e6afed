import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Catalog } from '../catalog/catalog.ts';
import { RewindError } from '../core/errors.ts';

export interface Accepted {
  status: number;
  body: unknown;
  location: string | null;
}

function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
}

/**
 * Runs `accept` once per Idempotency-Key: the same key and request answer the first response again (never a
 * second job), the same key with another request is 422, and a key whose first request is still being
 * accepted is 409. Failed attempts release the key so that a retry is judged afresh.
 */
export async function idempotent(
  request: FastifyRequest,
  reply: FastifyReply,
  catalog: Catalog,
  now: () => Date,
  accept: () => Promise<Accepted>,
): Promise<void> {
  const key = request.headers['idempotency-key'];
  const send = (result: Accepted) => {
    if (result.location) void reply.header('Location', result.location);
    void reply.status(result.status).send(result.body);
  };
  if (typeof key !== 'string') return send(await accept());
  if (key.length === 0 || key.length > 255) {
    throw new RewindError(
      'invalid',
      'invalid_idempotency_key',
      'Invalid Idempotency-Key',
      'The Idempotency-Key header must be 1 to 255 characters.',
      'Idempotency-Key',
    );
  }

  const scope = request.actor?.tokenId ?? 'anonymous';
  const hash = requestHash(request);
  const existing = await catalog.claimIdempotencyKey(scope, key, hash, now().toISOString());
  if (existing) {
    if (existing.request_hash !== hash) {
      throw new RewindError(
        'unprocessable',
        'idempotency_key_reused',
        'Idempotency-Key reused',
        'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
        'Idempotency-Key',
      );
    }
    if (existing.state === 'pending') {
      throw new RewindError(
        'conflict',
        'idempotency_key_in_use',
        'Request in progress',
        'The first request with this Idempotency-Key is still being accepted. Retry in a moment.',
      );
    }
    void reply.header('Idempotent-Replayed', 'true');
    return send({
      status: existing.status_code ?? 200,
      body: JSON.parse(existing.response ?? 'null'),
      location: existing.location,
    });
  }

  let result: Accepted;
  try {
    result = await accept();
  } catch (error) {
    await catalog.releaseIdempotencyKey(scope, key);
    throw error;
  }
  await catalog.completeIdempotencyKey(scope, key, {
    status_code: result.status,
    response: JSON.stringify(result.body),
    location: result.location,
  });
  return send(result);
}
