import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testToken, type TestApp } from '../testing/test-app.ts';

describe('authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const backup = { environment: 'production', label: 'auth check' };

  it('refuses a request without a token with a problem+json 401', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/sites' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      status: 401,
      code: 'unauthenticated',
      title: 'Sign in required',
    });
  });

  it('refuses a wrong token, and accepts the admin token', async () => {
    const wrong = await t.app.inject({
      method: 'GET',
      url: '/v1/sites',
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('invalid_token');
    const right = await t.api({ method: 'GET', url: '/v1/sites' });
    expect(right.statusCode).toBe(200);
    expect(right.json().data.map((s: { slug: string }) => s.slug)).toEqual(['acme-store', 'other-site']);
  });

  it('lets anyone check health, and nobody write without proof', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/v1/health' });
    expect(health.json()).toMatchObject({ status: 'ok' });
    const write = await t.app.inject({
      method: 'POST',
      url: '/v1/sites/acme-store/backups',
      payload: backup,
    });
    expect(write.statusCode).toBe(401);
  });

  it('exchanges a token for an HttpOnly SameSite session cookie, and a wrong token for nothing', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/v1/session', payload: { token: 'wrong' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const login = await t.app.inject({ method: 'POST', url: '/v1/session', payload: { token: testToken } });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/rewind_session=[^;]+/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(login.json().csrf_token).toMatch(/^[\w-]{20,}$/);
  });

  it('lets the session read, refuses its writes without the CSRF token, and accepts them with it', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/v1/session', payload: { token: testToken } });
    const session = login.cookies.find((c) => c.name === 'rewind_session')!;
    const cookies = { rewind_session: session.value };
    const { csrf_token } = login.json<{ csrf_token: string }>();

    const read = await t.app.inject({ method: 'GET', url: '/v1/sites', cookies });
    expect(read.statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/v1/session', cookies });
    expect(me.json().csrf_token).toBe(csrf_token);

    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/v1/sites/acme-store/backups',
      cookies,
      payload: backup,
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('csrf_required');
    const badCsrf = await t.app.inject({
      method: 'POST',
      url: '/v1/sites/acme-store/backups',
      cookies,
      headers: { 'x-csrf-token': 'forged' },
      payload: backup,
    });
    expect(badCsrf.statusCode).toBe(403);
    const before = await t.api({
      method: 'GET',
      url: '/v1/sites/acme-store/environments/production/snapshots',
    });
    expect(before.json().data).toHaveLength(0);

    const ok = await t.app.inject({
      method: 'POST',
      url: '/v1/sites/acme-store/backups',
      cookies,
      headers: { 'x-csrf-token': csrf_token },
      payload: backup,
    });
    expect(ok.statusCode).toBe(202);
    expect(ok.json().created_by).toBe('admin');
    await t.waitForJob(ok.json().id);

    const logout = await t.app.inject({
      method: 'DELETE',
      url: '/v1/session',
      cookies,
      headers: { 'x-csrf-token': csrf_token },
    });
    expect(logout.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/v1/sites', cookies });
    expect(after.statusCode).toBe(401);
  });
});
