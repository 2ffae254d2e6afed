import { describe, expect, it } from 'vitest';
import { configWith, env, errorOf, site, sqlite, writeConfig } from './config-test-utils.ts';

describe('config validation: secrets', () => {
  const password = 'Sup3r-S3cret';
  it.each([
    ['a wrong scheme', configWith({ name: 'pg', type: 'postgres', url: `http://app:${password}@db/shop` })],
    [
      'an unparsable URL',
      configWith({ name: 'pg', type: 'postgres', url: `postgres://app:${password}@db:port/shop` }),
    ],
    ['a URL with no scheme', configWith({ name: 'pg', type: 'mysql', url: `app:${password}@db:3306/shop` })],
    ['a URL on a sqlite service', configWith({ ...sqlite(), url: `postgres://app:${password}@db/shop` })],
    [
      'a URL as a slug',
      { sites: [site(`postgres://app:${password}@db/shop`, [env('production', [sqlite()])])] },
    ],
    ['a URL as a service type', configWith({ name: 'pg', type: `postgres://app:${password}@db/shop` })],
    ['invalid JSON around a URL', `{"sites": [{"url": postgres://app:${password}@db/shop}]}`],
    ['a password with an @', configWith({ name: 'pg', type: 'redis', url: `https://:${password}@x@db/0` })],
  ])('never prints a password: %s', (_, config) => {
    const error = errorOf(writeConfig(config));
    expect(error.message).not.toContain(password);
    expect(JSON.stringify(error.problems)).not.toContain(password);
  });

  it('masks a password it has to quote', () => {
    const error = errorOf(
      writeConfig({ sites: [site(`postgres://app:${password}@db/shop`, [env('production', [sqlite()])])] }),
    );
    expect(error.message).toContain('"postgres://app:***@db/shop" is not a valid slug');
  });
});
