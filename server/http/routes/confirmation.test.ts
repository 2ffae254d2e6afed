// Production's data is overwritten or deleted only when the request names it ("confirm"), whoever the client
// is: the dashboard, the CLI or a script. Refused requests change nothing: no job, no snapshot, same bytes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, List, Snapshot } from '../../../contract/schemas.ts';
import { changeRows, readRows, treeDigest } from '../../testing/environments.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

describe('confirming production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const restore = (snap: string, payload: object, headers: Record<string, string> = {}) =>
    t.api({ method: 'POST', url: `/v1/sites/acme-store/snapshots/${snap}/restore`, payload, headers });
  const remove = (snap: string, options: { payload?: object; query?: string } = {}) =>
    t.api({
      method: 'DELETE',
      url: `/v1/sites/acme-store/snapshots/${snap}${options.query ?? ''}`,
      ...(options.payload ? { payload: options.payload } : {}),
    });
  const jobCount = async () =>
    (await t.api({ method: 'GET', url: '/v1/sites/acme-store/jobs?status=all&limit=200' })).json<List<Job>>()
      .data.length;
  const historyOf = async (env: string) =>
    (
      await t.api({ method: 'GET', url: `/v1/sites/acme-store/environments/${env}/snapshots?limit=200` })
    ).json<List<Snapshot>>().data;
  const stateOf = async (env: 'production' | 'staging') => ({
    jobs: await jobCount(),
    history: (await historyOf(env)).map((snapshot) => snapshot.id),
    rows: readRows(t.envs[env].db),
    files: await treeDigest(t.envs[env].uploads),
  });

  it('refuses a restore into production without its name or with another, and then restores with it', async () => {
    const production = await t.snapshotOf('production');
    const staging = await t.snapshotOf('staging');
    const captured = readRows(t.envs.production.db);
    changeRows(t.envs.production.db);
    const before = await stateOf('production');

    const missing = await restore(production.id, { selectors: ['db'] });
    expect(missing.statusCode).toBe(422);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({
      code: 'confirmation_required',
      field: 'confirm',
      detail:
        'production is a production environment. Send "confirm": "production" to restore into production.',
    });
    const wrong = await restore(production.id, { selectors: ['db'], confirm: 'Production' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'confirmation_mismatch', field: 'confirm' });
    expect(wrong.json().detail).toBe(
      '"confirm" is "Production", which does not match the environment\'s name. Send "confirm": "production" to restore into production.',
    );
    // The target's type counts, not the snapshot's: staging's data into production is guarded too.
    const crossing = await restore(staging.id, { environment: 'production' });
    expect(crossing.statusCode).toBe(422);
    expect(crossing.json().code).toBe('confirmation_required');
    expect(await stateOf('production')).toEqual(before);

    const confirmed = await restore(production.id, { selectors: ['db'], confirm: 'production' });
    expect(confirmed.statusCode).toBe(202);
    expect((await t.waitForJob(confirmed.json<Job>().id)).status).toBe('succeeded');
    expect(readRows(t.envs.production.db)).toEqual(captured);
  });

  it('restores into staging without a name, but refuses a name that is not staging’s', async () => {
    const production = await t.snapshotOf('production');
    const before = await stateOf('staging');
    const mistaken = await restore(production.id, { environment: 'staging', confirm: 'production' });
    expect(mistaken.statusCode).toBe(422);
    expect(mistaken.json().code).toBe('confirmation_mismatch');
    expect(await stateOf('staging')).toEqual(before);

    const job = await t.waitForJob((await restore(production.id, { environment: 'staging' })).json<Job>().id);
    expect(job).toMatchObject({ status: 'succeeded', environment: 'staging' });
    expect(readRows(t.envs.staging.db)).toEqual(readRows(t.envs.production.db));
  });

  it('answers a confirmed restore sent again with the same Idempotency-Key with the same job', async () => {
    const snapshot = await t.snapshotOf('production');
    const key = { 'idempotency-key': `confirm-${snapshot.id}` };
    // A refusal does not use the key up: the confirmed retry is judged afresh.
    expect((await restore(snapshot.id, { selectors: ['files'] }, key)).statusCode).toBe(422);
    const jobs = await jobCount();

    const body = { selectors: ['files'], confirm: 'production' };
    const first = await restore(snapshot.id, body, key);
    expect(first.statusCode).toBe(202);
    const again = await restore(snapshot.id, body, key);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json<Job>().id).toBe(first.json<Job>().id);
    expect(await jobCount()).toBe(jobs + 1);
    expect((await t.waitForJob(first.json<Job>().id)).status).toBe('succeeded');
  });

  it('deletes a snapshot of production only when the request names it, in the body or the query', async () => {
    const first = await t.snapshotOf('production');
    const second = await t.snapshotOf('production');
    const before = await historyOf('production');

    const missing = await remove(first.id);
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({
      code: 'confirmation_required',
      detail:
        'production is a production environment. Send "confirm": "production" in the body (or ?confirm=production) to delete a snapshot of production.',
    });
    const wrong = await remove(first.id, { payload: { confirm: 'staging' } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe('confirmation_mismatch');
    expect((await remove(first.id, { query: '?confirm=prod' })).json().code).toBe('confirmation_mismatch');
    expect(await historyOf('production')).toEqual(before);
    expect(await t.services.store.getManifest(first.id)).not.toBeNull();

    expect((await remove(first.id, { payload: { confirm: 'production' } })).statusCode).toBe(204);
    expect((await remove(second.id, { query: '?confirm=production' })).statusCode).toBe(204);
    const left = (await historyOf('production')).map((snapshot) => snapshot.id);
    expect(left).not.toContain(first.id);
    expect(left).not.toContain(second.id);
    expect(await t.services.store.getManifest(first.id)).toBeNull();
  });

  it('deletes a snapshot of staging without a name', async () => {
    const snapshot = await t.snapshotOf('staging');
    expect((await remove(snapshot.id)).statusCode).toBe(204);
    expect(
      (await t.api({ method: 'GET', url: `/v1/sites/acme-store/snapshots/${snapshot.id}` })).statusCode,
    ).toBe(404);
  });
});
