// A restore overwrites an environment's data, so a person confirms it first: production asks for its name
// (as the dashboard does), other environments a y/N. Scripts confirm with --yes.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Environment, Selector, Snapshot } from '../contract/schemas.ts';
import { formatAge } from './output/format.ts';

export interface RestorePlan {
  site: string;
  snapshot: Snapshot;
  target: Environment;
  selectors: Selector[];
}

/** What will be overwritten, in words, before anyone is asked. */
export function describeRestore({ site, snapshot, target, selectors }: RestorePlan, now: number): string {
  const services = target.services
    .filter((service) => selectors.includes(service.selector))
    .map((service) => `${service.name} (${service.selector === 'db' ? 'database' : 'files'})`);
  const label = snapshot.label ? ` "${snapshot.label}"` : '';
  const from = `${snapshot.id}${label}, taken ${formatAge(snapshot.created_at, now)} from ${snapshot.environment}`;
  return [
    `This restore overwrites ${services.join(' and ') || 'nothing'} of ${site}/${target.name} (${target.type}) with snapshot ${from}.`,
    'A pre-restore snapshot is taken first, so the restore can be undone.',
  ].join('\n');
}

export function confirmationPrompt(target: Environment): string {
  return target.type === 'production'
    ? `Type the environment name (${target.name}) to confirm: `
    : `Restore ${target.name}? [y/N] `;
}

export function isConfirmed(target: Environment, answer: string | null): boolean {
  if (answer === null) return false;
  if (target.type === 'production') return answer.trim() === target.name;
  return /^y(es)?$/i.test(answer.trim());
}

/** Asks once on `output` and reads one line from `input`; an end of input is a no. */
export async function askToConfirm(target: Environment, input: Readable, output: Writable): Promise<boolean> {
  const lines = createInterface({ input, output, terminal: false });
  try {
    const answer = await new Promise<string | null>((resolve) => {
      lines.once('close', () => resolve(null));
      lines.question(confirmationPrompt(target), resolve);
    });
    return isConfirmed(target, answer);
  } finally {
    lines.close();
  }
}
