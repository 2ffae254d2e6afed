import type { Environment, Job } from '@contract/schemas';
import { useState, type ReactNode } from 'react';
import { Note } from '@/components/ui/alert';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ConfirmNameField } from '@/components/ui/confirm-name-field';

import { useIntentKey } from '@/hooks/use-intent-key';
import { useNow } from '@/hooks/use-now';
import { formatRelativeTime, formatShortTime } from '@/lib/format';
import { undoRestoreVariables, useRestoreSnapshot } from '../api/restore-snapshot';
import { useUndoStarted } from '../api/undo-restore';
import { lastRestoreOf, partsOf } from '../last-restore';

interface UndoRestoreDialogProps {
  site: string;
  environment: Environment;
  /** When the environment was read (its query's dataUpdatedAt). */
  environmentReadAt: number;
  /** The restore to undo; the dialog refuses if it is no longer the environment's latest that stands. */
  restore: Job;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onStarted: (undo: Job) => void;
  trigger?: ReactNode;
}

/**
 * Undo a restore: restore its pre-restore snapshot into the same environment with the same selectors, after
 * saying what comes back and what is replaced. Production asks for its name, which is sent as `confirm`.
 */
export function UndoRestoreDialog({
  site,
  environment,
  environmentReadAt,
  restore,
  open,
  onOpenChange,
  onStarted,
  trigger,
}: UndoRestoreDialogProps) {
  const now = useNow();
  const [typed, setTyped] = useState('');
  const intent = useIntentKey();
  const mutation = useRestoreSnapshot();
  // Started from another Undo control (this dialog's own request is pending or accepted, not "elsewhere").
  const startedElsewhere =
    useUndoStarted(restore, environmentReadAt) && !mutation.isPending && !mutation.isSuccess;
  const last = lastRestoreOf(environment, now);
  const live = last?.state === 'undoable' && last.job.id === restore.id && !startedElsewhere ? last : null;
  // Once sent, the environment soon names the undo as its latest restore: keep saying what was asked.
  const [sent, setSent] = useState<typeof live>(null);
  const current = mutation.isPending || mutation.isSuccess ? sent : live;
  const production = environment.type === 'production';
  const { words, one } = partsOf(environment, restore);
  const name = environment.name;
  const restoredAt = restore.finished_at ?? restore.created_at;

  const changeOpen = (next: boolean) => {
    if (next) {
      intent.reset();
      mutation.reset();
      setTyped('');
      setSent(null);
    }
    onOpenChange(next);
  };

  const submit = () => {
    const undo = undoRestoreVariables(site, restore, '');
    if (!live || !undo) return;
    const { idempotencyKey: _none, ...request } = { ...undo, ...(production ? { confirm: typed } : {}) };
    setSent(live);
    // Not mutate's own callbacks: the page may unmount this dialog as soon as the undo shows as running, and
    // its start must still be announced. A refusal stays in the dialog (mutation.error).
    mutation.mutateAsync({ ...request, idempotencyKey: intent.keyFor(request) }).then(
      (job) => {
        onOpenChange(false);
        onStarted(job);
      },
      () => {},
    );
  };

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={changeOpen}
      trigger={trigger}
      title={`Undo the last restore of ${name}`}
      description={
        current
          ? `Brings the ${words} of ${name} back to how ${one ? 'it was' : 'they were'} just before the restore of ${formatShortTime(current.preRestore.created_at)}, from the pre-restore snapshot taken then.`
          : `This restore of ${name} can no longer be undone from here.`
      }
      confirmLabel="Undo restore"
      busyLabel="Starting the undo…"
      destructive
      busy={mutation.isPending}
      disabled={!current || (production && typed !== name)}
      error={mutation.error}
      onConfirm={submit}
    >
      {current ? (
        <Note tone="warning">
          Changes made to the {words} since the restore ({formatRelativeTime(restoredAt, now)}) are replaced.
          First, Rewind takes a pre-restore snapshot of {name}, so they stay in the history.
        </Note>
      ) : (
        <Note tone="warning">
          It was undone already, a newer restore of {name} happened since, or its pre-restore snapshot is no
          longer restorable. Pick a restore point in the history instead.
        </Note>
      )}
      {current && production && (
        <ConfirmNameField id="undo-confirm" name={name} value={typed} onChange={setTyped} />
      )}
    </ConfirmDialog>
  );
}
