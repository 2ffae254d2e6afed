import type { EnvironmentRow } from '../catalog/catalog.ts';
import { RewindError } from './errors.ts';

/**
 * Production's data is overwritten or deleted only when the request names the environment: a name someone
 * typed, which a `--yes` or a replayed script cannot stand in for. Other environments need no name, but a
 * name that is sent must be theirs: it says the client meant another environment.
 */
export function requireConfirmation(
  env: Pick<EnvironmentRow, 'name' | 'type'>,
  confirm: string | undefined,
  action: string,
  how = `Send "confirm": "${env.name}"`,
): void {
  if (confirm === undefined) {
    if (env.type !== 'production') return;
    throw new RewindError(
      'unprocessable',
      'confirmation_required',
      'Confirmation required',
      `${env.name} is a production environment. ${how} to ${action}.`,
      'confirm',
    );
  }
  if (confirm !== env.name) {
    throw new RewindError(
      'unprocessable',
      'confirmation_mismatch',
      'Confirmation does not match',
      `"confirm" is "${confirm}", which does not match the environment's name. ${how} to ${action}.`,
      'confirm',
    );
  }
}
