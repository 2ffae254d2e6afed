// Overwriting or deleting an environment's data is confirmed first. A production environment wants its name:
// typed at a terminal, or passed as --confirm NAME by a script (--yes never stands in for it). Other
// environments ask y/N at a terminal, and scripts say --yes. The name goes to the API, which checks it too.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Environment } from '../contract/schemas.ts';
import type { Context, Option, Values } from './command.ts';
import { usageError } from './exit-codes.ts';
import { text } from './options.ts';

type Target = Pick<Environment, 'name' | 'type'>;

export const confirmOption: Option = {
  type: 'string',
  value: 'NAME',
  help: "the environment's name, to confirm without asking: required for production when not at a terminal",
};
export const yesOption: Option = {
  type: 'boolean',
  short: 'y',
  help: 'confirm without asking, except for production (required when not at a terminal)',
};

export function confirmationPrompt(target: Target, question: string): string {
  return target.type === 'production'
    ? `Type the environment name (${target.name}) to confirm: `
    : `${question} [y/N] `;
}

export function isConfirmed(target: Target, answer: string | null): boolean {
  if (answer === null) return false;
  if (target.type === 'production') return answer.trim() === target.name;
  return /^y(es)?$/i.test(answer.trim());
}

/** Asks once on `output` and reads one line from `input`; an end of input is a no. */
export async function askToConfirm(
  target: Target,
  input: Readable,
  output: Writable,
  question: string,
): Promise<boolean> {
  const lines = createInterface({ input, output, terminal: false });
  try {
    const answer = await new Promise<string | null>((resolve) => {
      lines.once('close', () => resolve(null));
      lines.question(confirmationPrompt(target, question), resolve);
    });
    return isConfirmed(target, answer);
  } finally {
    lines.close();
  }
}

export interface Confirmation {
  /** What will be overwritten or deleted, in words, shown before anyone is asked. */
  description: string;
  /** The y/N question for other environments: "Restore staging?". */
  question: string;
  /** Said when it is not confirmed: "Nothing was restored.". */
  nothingDone: string;
}

/** Confirms as the flags and the terminal allow; answers the name to send as `confirm`, if any. */
export async function confirmTarget(
  context: Context,
  values: Values,
  target: Target,
  { description, question, nothingDone }: Confirmation,
): Promise<string | undefined> {
  const named = text(values, 'confirm');
  if (named !== undefined) return named;
  const { stdin, stderr } = context.io;
  const production = target.type === 'production';
  if (!production && values.yes) return undefined;
  if (!stdin.isTTY) {
    const how = production
      ? `${target.name} is a production environment, which --yes does not confirm: pass --confirm ${target.name}.`
      : 'Not at a terminal: pass --yes to confirm.';
    throw usageError(`${description}\n${how} ${nothingDone}`);
  }
  context.note(description);
  if (!(await askToConfirm(target, stdin, stderr, question))) {
    throw usageError(`Not confirmed. ${nothingDone}`);
  }
  return production ? target.name : undefined;
}
