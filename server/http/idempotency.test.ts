import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.ts';

describe('Idempotency-Key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const post = (key: string, payload: object) =>
    t.api({
      method: 'POST',
      url: '/v1/sites/acme-store/backups',
      headers: { 'idempotency-key': key },
      payload,
    });

  it('makes one job of 20 parallel requests with one key, answering each the same', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => post('key-parallel', { environment: 'production' })),
    );
    const accepted = responses.filter((r) => r.statusCode === 202);
    const ids = new Set(accepted.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    // Requests that arrive while the first is still being accepted are told to retry, never given a second job.
    for (const response of responses.filter((r) => r.statusCode !== 202)) {
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('idempotency_key_in_use');
    }
    const [id] = [...ids];
    expect(accepted[0]!.headers.location).toBe(`/v1/jobs/${id}`);
    await t.waitForJob(id!);
    const retry = await post('key-parallel', { environment: 'production' });
    expect(retry.json().id).toBe(id);
    const list = await t.api({
      method: 'GET',
      url: '/v1/sites/acme-store/environments/production/snapshots',
    });
    expect(list.json().data).toHaveLength(1);
  });

  it('answers a retry after the job ended with the first answer, still one snapshot', async () => {
    const first = await post('key-retry', { environment: 'staging', label: 'once' });
    await t.waitForJob(first.json().id);
    const retry = await post('key-retry', { environment: 'staging', label: 'once' });
    expect(retry.statusCode).toBe(202);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(first.json().id);
    const list = await t.api({ method: 'GET', url: '/v1/sites/acme-store/environments/staging/snapshots' });
    expect(list.json().data.filter((s: { label: string }) => s.label === 'once')).toHaveLength(1);
  });

  it('refuses the same key with another body with 422, making nothing', async () => {
    await post('key-body', { environment: 'staging', label: 'a' });
    const other = await post('key-body', { environment: 'staging', label: 'b' });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
    await t.services.runner.idle();
    const list = await t.api({ method: 'GET', url: '/v1/sites/acme-store/environments/staging/snapshots' });
    expect(list.json().data.some((s: { label: string }) => s.label === 'b')).toBe(false);
  });

  it('releases a key whose request was refused, so a corrected retry is judged afresh', async () => {
    const bad = await post('key-fix', { environment: 'nowhere' });
    expect(bad.statusCode).toBe(404);
    const again = await post('key-fix', { environment: 'nowhere' });
    expect(again.statusCode).toBe(404);
  });

  it('refuses a key longer than 255 characters', async () => {
    const response = await post('k'.repeat(256), { environment: 'staging' });
    expect(response.statusCode).toBe(400);
  });
});
