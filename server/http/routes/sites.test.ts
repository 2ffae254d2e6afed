import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, Page, Snapshot } from '../../../contract/schemas.ts';
import { requestBackup } from '../../core/jobs.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

describe("an environment's history through the API", () => {
  let t: TestApp;
  // Newest first: what staging holds once the setup has run.
  let all: Snapshot[];
  beforeAll(async () => {
    t = await startTestApp();
    const site = (await t.services.catalog.findSite('acme-store'))!;
    const backup = async (kind: 'manual' | 'scheduled') => {
      const job = await requestBackup(t.services, site, { environment: 'staging' }, 'admin', kind);
      return t.waitForJob(job.id);
    };
    const first = await backup('manual');
    await backup('scheduled');
    const restored = (
      await t.api({
        method: 'POST',
        url: `/v1/sites/acme-store/snapshots/${first.snapshot_id}/restore`,
        payload: { selectors: ['files'] },
      })
    ).json<Job>();
    expect((await t.waitForJob(restored.id)).status).toBe('succeeded');
    await backup('manual');
    await backup('scheduled');
    all = (await list('limit=200')).data;
  });
  afterAll(() => t.close());

  async function list(query: string): Promise<Page<Snapshot>> {
    const response = await t.api({
      method: 'GET',
      url: `/v1/sites/acme-store/environments/staging/snapshots?${query}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  async function pages(query: string): Promise<Snapshot[]> {
    const seen: Snapshot[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Snapshot> = await list(`${query}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.data.length).toBeLessThanOrEqual(1);
      seen.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor);
    return seen;
  }

  it('keeps only the kinds asked for, one or several, paging through them without repeats or gaps', async () => {
    expect(all.map((s) => s.kind)).toEqual(['scheduled', 'manual', 'pre_restore', 'scheduled', 'manual']);
    const ids = (kinds: string[]) => all.filter((s) => kinds.includes(s.kind)).map((s) => s.id);

    expect((await list('kind=pre_restore')).data.map((s) => s.id)).toEqual(ids(['pre_restore']));
    expect((await pages('kind=manual,scheduled')).map((s) => s.id)).toEqual(ids(['manual', 'scheduled']));
    expect((await pages('kind=pre_restore,manual')).map((s) => s.id)).toEqual(ids(['pre_restore', 'manual']));
    expect((await pages('kind=scheduled,scheduled')).map((s) => s.id)).toEqual(ids(['scheduled']));
    expect((await list('kind=manual,scheduled,pre_restore')).data).toEqual(all);
    const last = await list('kind=pre_restore&limit=1');
    expect(last.next_cursor).toBeNull();
  });

  it('answers an unknown kind with a 400 that names the allowed values', async () => {
    for (const query of ['kind=backup', 'kind=manual,pre-restore', 'kind=']) {
      const response = await t.api({
        method: 'GET',
        url: `/v1/sites/acme-store/environments/staging/snapshots?${query}`,
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ code: 'invalid_kind', field: 'kind' });
      expect(response.json().detail).toContain('manual, scheduled, pre_restore');
    }
    const twoBad = await t.api({
      method: 'GET',
      url: '/v1/sites/acme-store/environments/staging/snapshots?kind=daily,weekly',
    });
    expect(twoBad.json().detail).toMatch(/^"daily", "weekly" are not snapshot kinds\. Use one or several of/);
  });
});
