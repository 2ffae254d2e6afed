// Retrying a request that may not have arrived. Writes keep their Idempotency-Key across attempts, so the
// server answers a retry of an accepted request with the first job instead of starting a second one.
import { ApiError } from '../contract/client.ts';
import { NetworkError } from './exit-codes.ts';

export interface RetryOptions {
  /** Further attempts after the first. */
  retries?: number;
  /** Delay before the first retry; doubled each time. */
  delayMs?: number;
  onRetry?: (error: unknown, attempt: number) => void;
}

/** Worth another attempt: the request never got an answer, or the first one is still being accepted. */
export function isTransient(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  return error instanceof ApiError && error.problem.code === 'idempotency_key_in_use';
}

export async function withRetry<T>(attempt: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.retries ?? 3;
  let delay = options.delayMs ?? 500;
  for (let tried = 0; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (tried >= retries || !isTransient(error)) throw error;
      options.onRetry?.(error, tried + 1);
      await sleep(delay);
      delay *= 2;
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
