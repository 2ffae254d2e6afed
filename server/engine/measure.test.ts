import { statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { measureService } from './measure.ts';
import {
  createEnvironment,
  dbPath,
  environmentSpec,
  fingerprintTree,
  makeTempDir,
} from './testing/fixtures.ts';
import type { DatabaseSync } from 'node:sqlite';
import type { EnvironmentSpec } from './types.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
let env: EnvironmentSpec;
let writer: DatabaseSync;

beforeEach(async () => {
  tmp = await makeTempDir('measure');
  env = environmentSpec(tmp.dir);
  writer = createEnvironment(env);
});
afterEach(async () => {
  writer.close();
  await tmp.cleanup();
});

describe('measuring a service', () => {
  it('counts a database with its write-ahead log', async () => {
    const expected = statSync(dbPath(env)).size + statSync(`${dbPath(env)}-wal`).size;
    expect(await measureService(env.services[0]!)).toBe(expected);
  });

  it('counts the regular files of a mount', async () => {
    const tree = fingerprintTree(env.services[1]!.path!)!;
    const expected = Object.values(tree.entries)
      .filter((entry) => entry.startsWith('file '))
      .reduce((sum, entry) => sum + Number(entry.split(' ')[2]), 0);
    expect(await measureService(env.services[1]!)).toBe(expected);
  });

  it('says null when the data cannot be read or has no adapter', async () => {
    expect(await measureService({ ...env.services[0]!, path: path.join(tmp.dir, 'nope.db') })).toBeNull();
    expect(await measureService({ ...env.services[1]!, path: path.join(tmp.dir, 'nope') })).toBeNull();
    expect(
      await measureService({ name: 'pg', type: 'postgres', selector: 'db', url: 'postgres://x' }),
    ).toBeNull();
  });
});
