/**
 * Keeps store sweeps apart from snapshots being written: a capture may rely on a blob it found in the store,
 * so no sweep may delete blobs while any capture runs. Captures share the lock; a sweep runs only once no
 * capture holds it, and captures that start meanwhile wait for the (short) sweep to end.
 * (In-process; a deployment of several processes needs the same guarantee from the catalog.)
 */
export class StoreLock {
  private readers = 0;
  private sweeping: Promise<void> | null = null;
  private waitingForIdle: Array<() => void> = [];

  async shared<T>(fn: () => Promise<T>): Promise<T> {
    while (this.sweeping) await this.sweeping;
    this.readers++;
    try {
      return await fn();
    } finally {
      this.readers--;
      if (this.readers === 0) this.waitingForIdle.shift()?.();
    }
  }

  /** Runs fn alone, as soon as no capture holds the lock; it does not hold new captures back until then. */
  async whenIdle<T>(fn: () => Promise<T>): Promise<T> {
    for (;;) {
      while (this.sweeping) await this.sweeping;
      if (this.readers === 0) break;
      await new Promise<void>((resolve) => this.waitingForIdle.push(resolve));
    }
    let release!: () => void;
    this.sweeping = new Promise((resolve) => (release = resolve));
    try {
      return await fn();
    } finally {
      this.sweeping = null;
      release();
      if (this.readers === 0) this.waitingForIdle.shift()?.();
    }
  }
}
