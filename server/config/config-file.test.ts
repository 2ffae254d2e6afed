import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from './config-file.ts';
import { configWith, dir, env, site, sqlite, writeConfig } from './config-test-utils.ts';
import { inferEnvironmentType } from './site-config.ts';

describe('loadConfigFile', () => {
  it('loads a good config with absolute paths, selectors and inferred types', () => {
    const file = writeConfig({
      sites: [
        site('acme-store', [
          env('production', [sqlite(), { name: 'uploads', type: 'files', path: '/srv/acme/uploads' }], {
            type: 'production',
          }),
          env('pr-42', [{ name: 'pg', type: 'postgres', url: 'postgresql://app:pw@db.internal:5432/shop' }]),
          env('stage', [{ name: 'cache', type: 'redis', url: 'rediss://cache:6380/0' }]),
          env('qa.eu', [{ name: 'maria', type: 'mysql', url: 'mariadb://root@localhost/shop' }]),
        ]),
        site('blog', [env('prod', [sqlite('db', '../blog/data.sqlite')])]),
      ],
    });
    const sites = loadConfigFile(file);
    expect(sites.map((s) => s.slug)).toEqual(['acme-store', 'blog']);
    const [production, preview, staging, qa] = sites[0]!.environments;
    expect(production!.services).toEqual([
      { name: 'db', type: 'sqlite', selector: 'db', path: path.join(dir, 'envs/production/shop.db') },
      { name: 'uploads', type: 'files', selector: 'files', path: '/srv/acme/uploads' },
    ]);
    expect(preview).toEqual({
      name: 'pr-42',
      type: 'preview',
      services: [
        { name: 'pg', type: 'postgres', selector: 'db', url: 'postgresql://app:pw@db.internal:5432/shop' },
      ],
    });
    expect(staging!.type).toBe('staging');
    expect(qa!.type).toBe('development');
    expect(sites[1]!.environments[0]!.type).toBe('production');
    expect(sites[1]!.environments[0]!.services[0]!.path).toBe(path.resolve(dir, '../blog/data.sqlite'));
  });

  it('resolves relative paths against the config file, not the working directory', () => {
    mkdirSync(path.join(dir, 'nested'), { recursive: true });
    const file = path.join(dir, 'nested', 'rewind.json');
    writeFileSync(file, JSON.stringify(configWith(sqlite('db', 'data/shop.db'))));
    const sites = loadConfigFile(path.relative(process.cwd(), file));
    expect(sites[0]!.environments[0]!.services[0]!.path).toBe(path.join(dir, 'nested', 'data', 'shop.db'));
  });

  it('accepts a byte order mark and a $schema key', () => {
    const file = writeConfig(
      '\uFEFF' + JSON.stringify({ $schema: './schema.json', ...configWith(sqlite()) }),
    );
    expect(loadConfigFile(file)).toHaveLength(1);
  });

  it('infers environment types from the usual names', () => {
    expect(inferEnvironmentType('production')).toBe('production');
    expect(inferEnvironmentType('prod')).toBe('production');
    expect(inferEnvironmentType('staging')).toBe('staging');
    expect(inferEnvironmentType('stage')).toBe('staging');
    expect(inferEnvironmentType('preview-checkout')).toBe('preview');
    expect(inferEnvironmentType('pr-17')).toBe('preview');
    expect(inferEnvironmentType('production-eu')).toBe('development');
    expect(inferEnvironmentType('dev')).toBe('development');
  });
});

describe('loadConfigFile: the file itself', () => {
  it('names a missing file', () => {
    const file = path.join(dir, 'missing.json');
    expect(() => loadConfigFile(file)).toThrow(`Config file ${file} does not exist`);
  });

  it('names a folder given as the file', () => {
    expect(() => loadConfigFile(dir)).toThrow(`Config file ${dir} is a folder; expected a JSON file`);
  });

  it.skipIf(process.getuid?.() === 0)('names an unreadable file', () => {
    const file = writeConfig(configWith(sqlite()));
    chmodSync(file, 0o000);
    expect(() => loadConfigFile(file)).toThrow(`Config file ${file} cannot be read (permission denied)`);
  });

  it('names an empty file', () => {
    const file = writeConfig('  \n');
    expect(() => loadConfigFile(file)).toThrow(`Config file ${file} is empty`);
  });

  it.each([
    ['{"sites": [1, 2,]}', 'line 1, column 17: a trailing comma before "]" is not allowed'],
    [
      '{\n  "sites": [\n    {"slug": "a"}\n    {"slug": "b"}\n  ]\n}',
      'line 4, column 5: unexpected character \'{\'; expected "," or "]"',
    ],
    [
      '{\n  // the sites\n  "sites": []\n}',
      "line 2, column 3: unexpected character '/'; expected a key in double quotes; comments are not allowed",
    ],
    [
      "{'sites': []}",
      'line 1, column 2: unexpected character "\'"; expected a key in double quotes; strings need double quotes',
    ],
    ['{"sites": [', 'line 1, column 12: unexpected end of file'],
    ['{"sites": "abc\ndef"}', 'line 1, column 15: a line break or control character inside a string'],
    ['{"sites": []} x', 'line 1, column 15: unexpected text after the end'],
  ])('gives the line and column of invalid JSON: %j', (text, expected) => {
    const file = writeConfig(text);
    expect(() => loadConfigFile(file)).toThrow(`Config file ${file} is not valid JSON: ${expected}`);
  });
});
