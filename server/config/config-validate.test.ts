import { describe, expect, it } from 'vitest';
import { loadConfigFile } from './config-file.ts';
import {
  configWith,
  env,
  errorOf,
  expectProblem,
  type Json,
  site,
  sqlite,
  writeConfig,
} from './config-test-utils.ts';

const uploads: Json = { name: 'uploads', type: 'files', path: 'uploads' };
const services = '"sqlite", "files", "postgres", "mysql", "redis"';

describe('config validation: structure', () => {
  it('requires an object at the top', () => {
    const file = writeConfig('[]');
    expect(errorOf(file).message).toBe(
      `Config file ${file} must be an object with a "sites" list (a JSON object), not a list.`,
    );
  });

  it.each([
    [{}, 'sites', 'is missing; expected a list of sites'],
    [{ sites: {} }, 'sites', 'must be a list, not an object'],
    [{ sites: [] }, 'sites', 'is an empty list; expected a list of sites'],
    [{ sites: ['acme'] }, 'sites[0]', 'must be a site (a JSON object), not a string'],
    [
      { sites: [{ name: 'Acme', environments: [env('production', [sqlite()])] }] },
      'sites[0].slug',
      'is missing',
    ],
    [
      { sites: [site('acme-store', [])] },
      'sites[0].environments',
      'is an empty list; expected a list of environments',
    ],
    [
      { sites: [site('acme-store', [env('production', [])])] },
      'sites[0].environments[0].services',
      'is an empty list',
    ],
    [
      { sites: [site('acme-store', [{ services: [sqlite()] }])] },
      'sites[0].environments[0].name',
      'is missing',
    ],
    [
      { sites: [site('acme-store', [{ name: 'production', services: [null] }])] },
      'sites[0].environments[0].services[0]',
      'not null',
    ],
    [
      configWith({ name: 'db', path: 'x' }),
      'sites[0].environments[0].services[0].type',
      `is missing; expected one of ${services}`,
    ],
    [
      configWith({ ...sqlite(), name: 7 }),
      'sites[0].environments[0].services[0].name',
      'must be a string, not a number',
    ],
    [
      { sites: [site('acme-store', [env('production', [sqlite()])], { name: '  ' })] },
      'sites[0].name',
      'is empty',
    ],
  ])('%j: %s', (config, key, what) => {
    expectProblem(config, key, what);
  });

  it('names unknown keys and suggests the likely one', () => {
    expectProblem(
      { sites: [site('acme-store', [env('production', [sqlite()], { servces: [] })])] },
      'sites[0].environments[0].servces',
      'unknown key "servces"; did you mean "services"? expected only "name", "type", "services"',
    );
    expectProblem(
      { sites: [site('acme-store', [env('production', [sqlite()])])], site: [] },
      'site',
      'did you mean "sites"?',
    );
    expectProblem(
      configWith({ ...sqlite(), Path: 'x' }),
      'sites[0].environments[0].services[0].Path',
      'did you mean "path"?',
    );
    expectProblem(
      configWith({ ...sqlite(), 'weird key': 1 }),
      'sites[0].environments[0].services[0]["weird key"]',
      'unknown key',
    );
  });

  it('reports every problem of a file at once', () => {
    const file = writeConfig({ sites: [site('Acme', [env('Prod', [{ name: 'db', type: 'sqlite' }])])] });
    const error = errorOf(file);
    expect(error.problems.map((problem) => problem.key)).toEqual([
      'sites[0].slug',
      'sites[0].environments[0].name',
      'sites[0].environments[0].services[0].path',
    ]);
    expect(error.message).toContain(
      `Config file ${file} has 3 problems:\n  - sites[0].slug: "Acme" is not a valid slug`,
    );
  });
});

describe('config validation: values', () => {
  it.each(['Acme', 'acme_store', '-acme', 'acme store', 'a'.repeat(64), 'acmé'])(
    'rejects the slug %j',
    (slug) => {
      expectProblem(
        { sites: [site(slug, [env('production', [sqlite()])])] },
        'sites[0].slug',
        /is not a valid slug; expected lowercase letters, digits and "-".*\(like "acme-store"\)/,
      );
    },
  );

  it.each(['Production', 'pr/12', '.hidden', 'feature branch', 'a'.repeat(64)])(
    'rejects the environment name %j',
    (name) => {
      expectProblem(
        { sites: [site('acme-store', [env(name, [sqlite()])])] },
        'sites[0].environments[0].name',
        'is not a valid environment name; expected lowercase letters, digits, ".", "_" and "-"',
      );
    },
  );

  it('accepts URL-safe environment names', () => {
    const names = ['pr-12', 'feature.login', 'qa_2', 'a'.repeat(63)];
    const file = writeConfig({
      sites: [
        site(
          'a',
          names.map((name) => env(name, [sqlite('db', `${name}.db`)])),
        ),
      ],
    });
    expect(loadConfigFile(file)[0]!.environments.map((e) => e.name)).toEqual(names);
  });

  it('rejects an unknown environment type and lists the valid ones', () => {
    expectProblem(
      { sites: [site('acme-store', [env('production', [sqlite()], { type: 'prod' })])] },
      'sites[0].environments[0].type',
      '"prod" is not an environment type; expected one of "production", "staging", "preview", "development", or no "type"',
    );
  });

  it('rejects an unknown service type, lists the valid ones and suggests one', () => {
    expectProblem(
      configWith({ name: 'db', type: 'postgresql', url: 'postgresql://h/db' }),
      'sites[0].environments[0].services[0].type',
      `"postgresql" is not a service type; did you mean "postgres"? expected one of ${services}`,
    );
    expectProblem(
      configWith({ name: 'db', type: 'mongodb', url: 'mongodb://h/db' }),
      'sites[0].environments[0].services[0].type',
      `"mongodb" is not a service type; expected one of ${services}`,
    );
  });

  it.each(['sqlite', 'files'])('requires a path for %s', (type) => {
    expectProblem(
      configWith({ name: 'data', type }),
      'sites[0].environments[0].services[0].path',
      /is missing; expected the (database file|folder to capture), absolute or relative to the config file's folder/,
    );
    expectProblem(
      configWith({ name: 'data', type, path: '' }),
      'sites[0].environments[0].services[0].path',
      'is empty',
    );
    expectProblem(
      configWith({ name: 'data', type, path: 3 }),
      'sites[0].environments[0].services[0].path',
      'must be a string, not a number',
    );
    expectProblem(
      configWith({ name: 'data', type, path: '~/data' }),
      'sites[0].environments[0].services[0].path',
      'starts with "~", which is not expanded here',
    );
  });

  it.each([
    ['postgres', 'postgres:// or postgresql://'],
    ['mysql', 'mysql:// or mariadb://'],
    ['redis', 'redis:// or rediss://'],
  ])('requires a %s URL with the right scheme', (type, schemes) => {
    const key = 'sites[0].environments[0].services[0].url';
    expectProblem(
      configWith({ name: 'data', type }),
      key,
      `is missing; expected a URL starting with ${schemes}`,
    );
    expectProblem(
      configWith({ name: 'data', type, url: 'http://h/db' }),
      key,
      `has the scheme "http://", which is not valid for a ${type} service; expected a URL starting with ${schemes}`,
    );
    expectProblem(
      configWith({ name: 'data', type, url: 'not a url' }),
      key,
      `is not a valid URL; expected a URL starting with ${schemes}`,
    );
  });

  it.each([
    ['postgres', 'postgres://app:pw@h:5432', 'must name one database'],
    ['postgres', 'postgresql://app:pw@h/shop/extra', 'must name one database'],
    ['mysql', 'mariadb://root@h/', 'must name one database'],
    ['redis', 'redis://:pw@h:6379/cache', 'must end with the database index, or nothing for 0'],
  ])('requires a %s URL to name its database (%s)', (type, url, problem) => {
    const error = expectProblem(
      configWith({ name: 'data', type, url }),
      'sites[0].environments[0].services[0].url',
      problem,
    );
    expect(error.message).not.toContain(':pw@');
  });

  it.each([
    ['postgres', 'postgres://h/shop'],
    ['mysql', 'mysql://root@h:3306/shop'],
    ['redis', 'redis://h:6379'],
    ['redis', 'rediss://:pw@h/15'],
  ])('accepts a %s URL that names its database (%s)', (type, url) => {
    expect(loadConfigFile(writeConfig(configWith({ name: 'data', type, url })))).toHaveLength(1);
  });

  it('says which of path and url a service type takes', () => {
    expectProblem(
      configWith({ ...sqlite(), url: 'postgres://h/db' }),
      'sites[0].environments[0].services[0].url',
      'does not apply to a sqlite service, which takes "path" instead',
    );
    expectProblem(
      configWith({ name: 'pg', type: 'postgres', url: 'postgres://h/db', path: 'x' }),
      'sites[0].environments[0].services[0].path',
      'does not apply to a postgres service, which takes "url" instead',
    );
  });
});

describe('config validation: uniqueness', () => {
  it('rejects duplicate site slugs', () => {
    const config = {
      sites: [
        site('acme-store', [env('production', [sqlite()])]),
        site('acme-store', [env('production', [sqlite('db', 'b.db')])]),
      ],
    };
    expectProblem(
      config,
      'sites[1].slug',
      '"acme-store" is already used at sites[0].slug; site slugs must be unique',
    );
  });

  it('rejects duplicate environment names within a site, not across sites', () => {
    const config = {
      sites: [site('acme-store', [env('staging', [sqlite()]), env('staging', [sqlite('db', 'b.db')])])],
    };
    expectProblem(
      config,
      'sites[0].environments[1].name',
      '"staging" is already used at sites[0].environments[0].name; environment names within a site must be unique',
    );
    const two = writeConfig({
      sites: [
        site('a', [env('production', [sqlite('db', 'a.db')])]),
        site('b', [env('production', [sqlite('db', 'b.db')])]),
      ],
    });
    expect(loadConfigFile(two)).toHaveLength(2);
  });

  it('rejects duplicate service names within an environment', () => {
    expectProblem(
      { sites: [site('acme-store', [env('production', [sqlite(), { ...uploads, name: 'db' }])])] },
      'sites[0].environments[0].services[1].name',
      '"db" is already used at sites[0].environments[0].services[0].name; service names within an environment must be unique',
    );
  });

  it('rejects two services sharing one path', () => {
    const config = {
      sites: [
        site('acme-store', [
          env('production', [sqlite()]),
          env('staging', [sqlite('db', './envs/production/../production/shop.db')]),
        ]),
      ],
    };
    expectProblem(
      config,
      'sites[0].environments[1].services[0].path',
      'is already used at sites[0].environments[0].services[0].path; service paths must be unique',
    );
  });
});
