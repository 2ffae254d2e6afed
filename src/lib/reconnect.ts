import type { QueryClient } from '@tanstack/react-query';
import { api } from './api-client';
import { connection, type ConnectionWatch } from './connection';

/** How long to wait before the n-th look (from 0): 1 s, 2 s, 4 s, then every 10 s. */
export function probeDelay(n: number): number {
  return Math.min(1000 * 2 ** n, 10_000);
}

/**
 * While Rewind is out of reach, asks it how it is (GET /v1/health) with a back-off, so its return is seen
 * even when no query is asking just then; once it answers, every query the page uses is asked again at once.
 * Returns the way to stop.
 */
export function refreshWhenBack(
  client: QueryClient,
  watch: ConnectionWatch = connection,
  probe: () => Promise<unknown> = () => api.health(),
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let looks = 0;
  const stopProbing = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    looks = 0;
  };
  const lookLater = () => {
    timer = setTimeout(() => {
      timer = null;
      // The answer (or its absence) reaches the watch through the API client.
      void probe()
        .catch(() => undefined)
        .finally(() => {
          if (watch.isUnreachable() && timer === null) lookLater();
        });
    }, probeDelay(looks++));
  };
  const unsubscribe = watch.subscribe(() => {
    if (watch.isUnreachable()) {
      if (timer === null) lookLater();
    } else stopProbing();
  });
  const offBack = watch.onBack(() => void client.invalidateQueries());
  return () => {
    unsubscribe();
    offBack();
    stopProbing();
  };
}
