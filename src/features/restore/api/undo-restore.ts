import { useMutationState } from '@tanstack/react-query';
import type { Job } from '@contract/schemas';
import type { RestoreVariables } from './restore-snapshot';

/**
 * Whether an undo of this restore was started from this tab since the environment was last read: a restore
 * of its pre-restore snapshot into the same environment, being sent or accepted. Every Undo control of that
 * restore hides at once, before the environment is read again, so a second click never starts a second
 * undo. Once the environment is read again it tells by itself (its latest restore is the undo; or, if the
 * undo failed and changed nothing, still this restore, which can then be undone again).
 */
export function useUndoStarted(restore: Job | undefined, environmentReadAt: number): boolean {
  // Selected wholesale and matched here: the mutation cache re-selects only when a mutation changes.
  const mutations = useMutationState({
    select: (mutation) => ({
      variables: mutation.state.variables as Partial<RestoreVariables> | undefined,
      status: mutation.state.status,
      submittedAt: mutation.state.submittedAt,
    }),
  });
  if (!restore) return false;
  return mutations.some(
    ({ variables, status, submittedAt }) =>
      variables?.snapshotId === restore.pre_restore_snapshot_id &&
      variables?.environment === restore.environment &&
      (status === 'pending' || (status === 'success' && submittedAt >= environmentReadAt)),
  );
}
