/**
 * What the scheduler knows of time: the current instant and one-shot timers. The real clock is the system's;
 * tests use a fake one (server/testing/fake-clock.ts) that moves only when told, so days pass in milliseconds.
 */
export interface Clock {
  now(): Date;
  /** Calls `fire` once, at `at` or as soon after as possible; the returned function cancels it. */
  setTimer(at: Date, fire: () => void): () => void;
}

// setTimeout takes at most 2^31-1 ms (about 24.8 days); a farther timer wakes early and is set again.
const longestTimeoutMs = 2 ** 31 - 1;

export function systemClock(now: () => Date = () => new Date()): Clock {
  return {
    now,
    setTimer(at, fire) {
      const delay = Math.min(Math.max(0, at.getTime() - now().getTime()), longestTimeoutMs);
      const timer = setTimeout(fire, delay);
      timer.unref();
      return () => clearTimeout(timer);
    },
  };
}
