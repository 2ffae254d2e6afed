import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '@contract/schemas';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { db, requestsTo, seedDemo } from '@/testing/mocks/db';
import { buildJob } from '@/testing/mocks/fixtures';
import { createTestQueryClient } from '@/testing/render';
import { pollInterval } from './get-job';
import { useJob } from './use-job';

const historyPath = '/v1/sites/acme-store/environments/production/snapshots';

/** The job hook, polling, beside the environment's history as the page shows it. */
function renderJobAndHistory(jobId: string, onFinished?: (job: Job) => void) {
  const client = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  return renderHook(
    () => {
      const job = useJob('acme-store', jobId, { poll: true, onFinished });
      const history = useQuery({
        queryKey: queryKeys.snapshots.list('acme-store', 'production'),
        queryFn: () => api.listSnapshots('acme-store', 'production'),
      });
      return { job, history };
    },
    { wrapper },
  );
}

/** Lets time pass in steps, so each answer is handled before the next timer is due. */
async function elapse(ms: number) {
  for (let passed = 0; passed < ms; passed += 100) await act(() => vi.advanceTimersByTimeAsync(100));
}

describe('useJob', () => {
  beforeEach(() =>
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] }),
  );
  afterEach(() => vi.useRealTimers());

  it('backs off from 500 ms to at most 5 s', () => {
    expect([1, 2, 3, 4].map(pollInterval)).toEqual([500, 625, 781, 977]);
    expect(pollInterval(50)).toBe(5000);
  });

  it('polls while the job runs, stops by itself when it ends, then refreshes the history once', async () => {
    const { production } = seedDemo();
    const job = buildJob(production, {
      status: 'queued',
      progress: { phase: 'queued', done_bytes: 0, total_bytes: 0 },
    });
    db.jobs.push(job);
    db.jobSteps.set(job.id, [
      { status: 'queued' },
      { status: 'running', progress: { phase: 'capturing_db', done_bytes: 10, total_bytes: 100 } },
      { status: 'running', progress: { phase: 'capturing_files', done_bytes: 60, total_bytes: 100 } },
      { status: 'succeeded', progress: { phase: 'done', done_bytes: 100 } },
    ]);
    const onFinished = vi.fn();
    const { result } = renderJobAndHistory(job.id, onFinished);

    await elapse(100);
    expect(requestsTo('GET', `/v1/jobs/${job.id}`)).toHaveLength(1);
    expect(requestsTo('GET', historyPath)).toHaveLength(1);

    // 500 ms, 625 ms, 781 ms later: three more answers, the last one final.
    await elapse(500 + 625 + 781 + 100);
    expect(result.current.job.data?.status).toBe('succeeded');
    const polls = requestsTo('GET', `/v1/jobs/${job.id}`);
    expect(polls).toHaveLength(4);
    const gaps = polls.slice(1).map((poll, index) => poll.at - polls[index]!.at);
    gaps.forEach((gap, index) => expect(gap).toBeGreaterThanOrEqual(pollInterval(index + 1)));
    gaps.forEach((gap, index) => expect(gap).toBeLessThan(pollInterval(index + 1) + 100));

    // Nothing more is asked, however long we wait; the history was asked again exactly once.
    await elapse(30_000);
    expect(requestsTo('GET', `/v1/jobs/${job.id}`)).toHaveLength(4);
    expect(requestsTo('GET', historyPath)).toHaveLength(2);
    expect(onFinished).toHaveBeenCalledTimes(1);
    expect(onFinished).toHaveBeenCalledWith(expect.objectContaining({ id: job.id, status: 'succeeded' }));
  });

  it('asks once and never again for a job that has already ended', async () => {
    const { production } = seedDemo();
    const job = buildJob(production, { status: 'failed', error: { code: 'io', detail: 'disk full' } });
    db.jobs.push(job);
    const onFinished = vi.fn();
    const { result } = renderJobAndHistory(job.id, onFinished);

    await elapse(30_000);
    expect(result.current.job.data?.status).toBe('failed');
    expect(requestsTo('GET', `/v1/jobs/${job.id}`)).toHaveLength(1);
    expect(requestsTo('GET', historyPath)).toHaveLength(1);
    expect(onFinished).not.toHaveBeenCalled();
  });
});
