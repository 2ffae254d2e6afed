import { describe, expect, it } from 'vitest';
import type { RewindClient } from '../contract/client.ts';
import type { Job } from '../contract/schemas.ts';
import { watchJob } from './job-watch.ts';

const job = (status: Job['status'], done: number): Job =>
  ({
    id: 'job_1',
    status,
    progress: { phase: 'capturing_files', done_bytes: done, total_bytes: 100 },
  }) as Job;

describe('watchJob', () => {
  it('polls with a backoff from 0.5 s to 2 s while nothing changes, and starts over on progress', async () => {
    const answers = [
      job('running', 0),
      job('running', 0),
      job('running', 0),
      job('running', 0),
      job('running', 0),
      job('running', 50),
      job('succeeded', 100),
    ];
    const client = { getJob: async () => answers.shift()! } as unknown as RewindClient;
    const delays: number[] = [];
    const seen: number[] = [];
    const final = await watchJob(client, job('queued', 0), (j) => seen.push(j.progress.done_bytes), {
      wait: async (ms) => void delays.push(ms),
    });
    expect(final.status).toBe('succeeded');
    expect(delays).toEqual([500, 500, 750, 1125, 1687.5, 2000, 500]);
    expect(seen).toEqual([0, 0, 0, 0, 0, 0, 50, 100]);
  });
});
