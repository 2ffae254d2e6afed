import { useSyncExternalStore } from 'react';

// One shared clock for every relative time on the page: a single timer, started by the first reader and
// stopped by the last (no requests; it only re-renders what shows "3 minutes ago").
const tickMs = 30_000;
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((notify) => notify());
    }, tickMs);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

// Without a running clock (before the first subscriber), refresh a stale reading, but keep it stable within a
// second so React sees the same snapshot between render and subscription.
function read(): number {
  if (!timer && Math.abs(Date.now() - now) > 1000) now = Date.now();
  return now;
}

/** The current time, refreshed every 30 seconds so relative times stay true. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, read, read);
}
