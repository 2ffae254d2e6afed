// The confirmation a person gives at a terminal, driven through plain streams (a process cannot be given a
// terminal in CI; the process tests cover the non-terminal path).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Environment, Snapshot } from '../contract/schemas.ts';
import { askToConfirm, describeRestore } from './confirm-restore.ts';

const environment = (name: string, type: Environment['type']) =>
  ({
    name,
    type,
    services: [
      { name: 'db', type: 'sqlite', selector: 'db', size_bytes: 1 },
      { name: 'uploads', type: 'files', selector: 'files', size_bytes: 1 },
    ],
  }) as Environment;

async function answer(target: Environment, typed: string | null) {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
  const confirmed = askToConfirm(target, input, output);
  if (typed === null) input.end();
  else input.write(`${typed}\n`);
  return { confirmed: await confirmed, shown };
}

describe('askToConfirm', () => {
  const production = environment('production', 'production');

  it('asks production for its name and accepts only that name', async () => {
    const right = await answer(production, 'production');
    expect(right.shown).toBe('Type the environment name (production) to confirm: ');
    expect(right.confirmed).toBe(true);
    expect((await answer(production, '  production ')).confirmed).toBe(true);
    expect((await answer(production, 'y')).confirmed).toBe(false);
    expect((await answer(production, 'Production')).confirmed).toBe(false);
    expect((await answer(production, '')).confirmed).toBe(false);
  });

  it('takes the end of input as a no', async () => {
    expect((await answer(production, null)).confirmed).toBe(false);
  });

  it('asks other environments a y/N that defaults to no', async () => {
    const staging = environment('staging', 'staging');
    const yes = await answer(staging, 'y');
    expect(yes.shown).toBe('Restore staging? [y/N] ');
    expect(yes.confirmed).toBe(true);
    expect((await answer(staging, 'YES')).confirmed).toBe(true);
    expect((await answer(staging, '')).confirmed).toBe(false);
    expect((await answer(staging, 'no')).confirmed).toBe(false);
  });
});

describe('describeRestore', () => {
  it('names what will be overwritten and the restore point', () => {
    const snapshot = {
      id: 'snap_1',
      label: 'before deploy',
      environment: 'production',
      created_at: '2025-01-01T10:00:00Z',
    } as Snapshot;
    const text = describeRestore(
      { site: 'acme-store', snapshot, target: environment('staging', 'staging'), selectors: ['files'] },
      Date.parse('2025-01-01T10:03:00Z'),
    );
    expect(text).toContain('overwrites uploads (files) of acme-store/staging (staging)');
    expect(text).toContain('snap_1 "before deploy", taken 3 min ago from production');
    expect(text).not.toContain('db (database)');
  });
});
