import { useCallback, useRef } from 'react';

/**
 * One Idempotency-Key per intent. An intent is what the user asked for (the request body) since the
 * dialog opened: a retry or a double click of the same request reuses the key, so the server answers
 * with the same job instead of starting a second; a changed request, or the next opening, gets a new one.
 */
export function useIntentKey() {
  const intent = useRef<{ key: string; body: string } | null>(null);

  const keyFor = useCallback((body: unknown): string => {
    const serialized = JSON.stringify(body);
    if (!intent.current || intent.current.body !== serialized) {
      intent.current = { key: crypto.randomUUID(), body: serialized };
    }
    return intent.current.key;
  }, []);

  const reset = useCallback(() => {
    intent.current = null;
  }, []);

  return { keyFor, reset };
}
