const inFlight = new Map<string, Promise<unknown>>();

/**
 * Calls for the same intent (the same Idempotency-Key) while one is on its way share that one request: a
 * double click sends one request, and both clicks get its answer. (The key alone would also keep the server
 * from starting two jobs, but a second request while the first is being accepted is answered with a 409.)
 */
export function singleFlight<T>(key: string, run: () => Promise<T>): Promise<T> {
  const existing = inFlight.get(key);
  if (existing) return existing as Promise<T>;
  const request = run().finally(() => inFlight.delete(key));
  inFlight.set(key, request);
  return request;
}
