// Whether Rewind answers. Every API request reports here: no answer at all (a network error) or a gateway's
// answer in its place (502, 503, 504) is a failure; any answer of Rewind's own, a 4xx or a 500 too, means it
// is there. One failure is a blip; failures that go on for a few seconds mean Rewind is out of reach.

export interface ConnectionWatch {
  /** Whether Rewind has been out of reach for a while (the failures are not a blip). */
  isUnreachable(): boolean;
  /** For useSyncExternalStore: called whenever isUnreachable() changes. */
  subscribe(listener: () => void): () => void;
  /** Called once each time Rewind answers again after being out of reach. */
  onBack(listener: () => void): () => void;
  failed(): void;
  answered(): void;
  reset(): void;
}

export interface WatchOptions {
  /** Failures in a row, and for how long, before Rewind counts as out of reach. */
  failures?: number;
  graceMs?: number;
}

export function createConnectionWatch({ failures = 2, graceMs = 3000 }: WatchOptions = {}): ConnectionWatch {
  let failed = 0;
  let since: number | null = null;
  let unreachable = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const listeners = new Set<() => void>();
  const backListeners = new Set<() => void>();

  const set = (next: boolean) => {
    if (next === unreachable) return;
    unreachable = next;
    for (const listener of listeners) listener();
  };
  const clearTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const judge = () => {
    set(since !== null && failed >= failures && Date.now() - since >= graceMs);
  };

  return {
    isUnreachable: () => unreachable,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onBack(listener) {
      backListeners.add(listener);
      return () => backListeners.delete(listener);
    },
    failed() {
      failed++;
      since ??= Date.now();
      judge();
      if (!unreachable && timer === null) {
        timer = setTimeout(
          () => {
            timer = null;
            judge();
          },
          Math.max(0, since + graceMs - Date.now()),
        );
      }
    },
    answered() {
      const wasUnreachable = unreachable;
      failed = 0;
      since = null;
      clearTimer();
      set(false);
      if (wasUnreachable) for (const listener of backListeners) listener();
    },
    reset() {
      failed = 0;
      since = null;
      clearTimer();
      set(false);
    },
  };
}

/** The dashboard's one watch, fed by its API client. */
export const connection = createConnectionWatch();

const gatewayStatuses = new Set([502, 503, 504]);

/** Whether a status is a gateway answering for a Rewind that is not there. */
export function isGatewayStatus(status: number): boolean {
  return gatewayStatuses.has(status);
}

/** fetch, reporting each request's outcome to `watch`. A request the page itself aborted says nothing. */
export function watchedFetch(watch: Pick<ConnectionWatch, 'failed' | 'answered'> = connection): typeof fetch {
  return async (input, init) => {
    let response: Response;
    try {
      response = await fetch(input, init);
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) watch.failed();
      throw error;
    }
    if (isGatewayStatus(response.status)) watch.failed();
    else watch.answered();
    return response;
  };
}
