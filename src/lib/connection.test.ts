import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { problem } from '@/testing/mocks/problem';
import { server } from '@/testing/mocks/server';
import { createConnectionWatch, watchedFetch } from './connection';

describe('the connection watch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('does not call one failed request, or failures that soon stop, out of reach', () => {
    const watch = createConnectionWatch();
    watch.failed();
    vi.advanceTimersByTime(10_000);
    expect(watch.isUnreachable()).toBe(false);

    watch.answered();
    watch.failed();
    vi.advanceTimersByTime(1000);
    watch.failed();
    vi.advanceTimersByTime(1000);
    watch.answered();
    vi.advanceTimersByTime(10_000);
    expect(watch.isUnreachable()).toBe(false);
  });

  it('calls failures that go on for a few seconds out of reach, and says once when it is back', () => {
    const watch = createConnectionWatch();
    const changes = vi.fn();
    const back = vi.fn();
    watch.subscribe(changes);
    watch.onBack(back);

    watch.failed();
    watch.failed();
    vi.advanceTimersByTime(2900);
    expect(watch.isUnreachable()).toBe(false);
    vi.advanceTimersByTime(100);
    expect(watch.isUnreachable()).toBe(true);
    watch.failed();
    expect(changes).toHaveBeenCalledTimes(1);

    watch.answered();
    watch.answered();
    expect(watch.isUnreachable()).toBe(false);
    expect(changes).toHaveBeenCalledTimes(2);
    expect(back).toHaveBeenCalledTimes(1);
  });
});

describe('watched requests', () => {
  const url = 'http://rewind.test/v1/health';
  const outcomes = async (respond: () => Response) => {
    server.use(http.get(url, respond));
    const watch = { failed: vi.fn(), answered: vi.fn() };
    const fetch = watchedFetch(watch);
    await fetch(url).catch(() => undefined);
    return { failed: watch.failed.mock.calls.length, answered: watch.answered.mock.calls.length };
  };

  it('count a network error and a gateway answer as failures, and any answer of Rewind as an answer', async () => {
    expect(await outcomes(() => HttpResponse.error())).toEqual({ failed: 1, answered: 0 });
    for (const status of [502, 503, 504]) {
      expect(await outcomes(() => new HttpResponse('Bad gateway', { status }))).toEqual({
        failed: 1,
        answered: 0,
      });
    }
    for (const status of [200, 401, 404, 409, 500]) {
      const answer = () => problem(status, 'x', 'x', 'x');
      expect(await outcomes(status === 200 ? () => HttpResponse.json({}) : answer)).toEqual({
        failed: 0,
        answered: 1,
      });
    }
  });
});
