// A clock for tests that moves only when told: timers fire in order as it is advanced, with `settle` run
// after each so the work they start (jobs, prunes) finishes at that simulated instant.
import type { Clock } from '../schedule/clock.ts';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

export interface FakeClock extends Clock {
  /** Moves time forward to `to`, firing every timer due on the way, each at its own instant. */
  advanceTo(to: Date | string, settle?: () => Promise<void>): Promise<void>;
  advanceBy(ms: number, settle?: () => Promise<void>): Promise<void>;
  /** When the earliest timer is set for, if any. */
  nextTimer(): Date | null;
}

export function fakeClock(start: Date | string): FakeClock {
  let now = new Date(start).getTime();
  let seq = 0;
  const timers = new Set<Timer>();
  const earliest = () => [...timers].sort((a, b) => a.at - b.at || a.seq - b.seq)[0] ?? null;

  const clock: FakeClock = {
    now: () => new Date(now),
    setTimer(at, fire) {
      const timer = { at: at.getTime(), seq: seq++, fire };
      timers.add(timer);
      return () => timers.delete(timer);
    },
    async advanceTo(to, settle) {
      const target = new Date(to).getTime();
      await settle?.();
      for (let timer = earliest(); timer && timer.at <= target; timer = earliest()) {
        timers.delete(timer);
        now = Math.max(now, timer.at);
        timer.fire();
        await settle?.();
      }
      now = Math.max(now, target);
      await settle?.();
    },
    advanceBy(ms, settle) {
      return clock.advanceTo(new Date(now + ms), settle);
    },
    nextTimer() {
      const timer = earliest();
      return timer ? new Date(timer.at) : null;
    },
  };
  return clock;
}
