// The confirmation a person gives at a terminal, driven through plain streams (a process cannot be given a
// terminal in CI; the process tests cover the non-terminal path).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Environment } from '../contract/schemas.ts';
import type { Context } from './command.ts';
import { askToConfirm, confirmTarget } from './confirm.ts';
import { ExitCode } from './exit-codes.ts';

const environment = (name: string, type: Environment['type']) => ({ name, type });

async function answer(target: Pick<Environment, 'name' | 'type'>, typed: string | null) {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
  const confirmed = askToConfirm(target, input, output, `Restore ${target.name}?`);
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

describe('confirmTarget', () => {
  const plan = { description: 'This restore overwrites…', question: 'Restore it?', nothingDone: 'Nothing.' };

  /** A context whose stdin is a terminal (or not) that types `typed`, and what it was told. */
  function contextWith(terminal: boolean, typed: string | null) {
    const stdin = Object.assign(new PassThrough(), { isTTY: terminal });
    const stderr = new PassThrough();
    let told = '';
    stderr.on('data', (chunk: Buffer) => (told += chunk.toString()));
    if (typed !== null) stdin.write(`${typed}\n`);
    const context = {
      io: { stdin, stderr },
      note: (line: string) => (told += `${line}\n`),
    } as unknown as Context;
    return { context, told: () => told };
  }
  const production = environment('production', 'production');
  const staging = environment('staging', 'staging');

  it('at a terminal asks production for its name even with --yes, and sends the name', async () => {
    const { context, told } = contextWith(true, 'production');
    await expect(confirmTarget(context, { yes: true }, production, plan)).resolves.toBe('production');
    expect(told()).toContain('This restore overwrites…');
    expect(told()).toContain('Type the environment name (production) to confirm: ');
  });

  it('at a terminal refuses a wrong name, as a usage error', async () => {
    const { context } = contextWith(true, 'prod');
    const refused = confirmTarget(context, {}, production, plan);
    await expect(refused).rejects.toThrow('Not confirmed. Nothing.');
    await expect(refused).rejects.toMatchObject({ code: ExitCode.usage });
  });

  it('without a terminal wants --confirm for production, and never reads stdin', async () => {
    const { context } = contextWith(false, 'production');
    const refused = confirmTarget(context, { yes: true }, production, plan);
    await expect(refused).rejects.toMatchObject({ code: ExitCode.usage });
    await expect(refused).rejects.toThrow(
      'production is a production environment, which --yes does not confirm: pass --confirm production. Nothing.',
    );
    await expect(confirmTarget(context, { confirm: 'production' }, production, plan)).resolves.toBe(
      'production',
    );
  });

  it('takes --yes, or its name, for another environment; without either it refuses off a terminal', async () => {
    const { context } = contextWith(false, null);
    await expect(confirmTarget(context, { yes: true }, staging, plan)).resolves.toBeUndefined();
    await expect(confirmTarget(context, { confirm: 'staging' }, staging, plan)).resolves.toBe('staging');
    await expect(confirmTarget(context, {}, staging, plan)).rejects.toThrow(
      'Not at a terminal: pass --yes to confirm. Nothing.',
    );
  });
});
