import type { Environment, Job } from '@contract/schemas';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { DialogTrigger } from '@/components/ui/dialog';
import { CheckIcon, RestoreIcon } from '@/components/ui/icons';
import { RelativeTime } from '@/components/ui/relative-time';
import { useNow } from '@/hooks/use-now';
import { useUndoStarted } from '../api/undo-restore';
import { describeLastRestore, lastRestoreOf } from '../last-restore';
import { UndoRestoreDialog } from './undo-restore-dialog';

/**
 * The environment's latest restore, for as long as it stands: what it brought back and when, and Undo (a
 * confirmation, then the undo's own progress on the page). After an undo it says the restore was undone,
 * with nothing more to click.
 */
export function LastRestoreBar({
  site,
  environment,
  environmentReadAt,
  onUndoStarted,
}: {
  site: string;
  environment: Environment;
  environmentReadAt: number;
  onUndoStarted: (undo: Job) => void;
}) {
  const now = useNow();
  const [open, setOpen] = useState(false);
  const textId = useId();
  const last = lastRestoreOf(environment, now);
  const started = useUndoStarted(last?.job, environmentReadAt);
  // Once an undo is on its way, its job's progress replaces this (and a second click has nothing to hit).
  if (!last || (last.state === 'undoable' && started && !open)) return null;

  const undoable = last.state === 'undoable';
  return (
    <section
      aria-label="Last restore"
      className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-xl border border-border bg-surface px-4 py-3 text-sm"
    >
      {undoable ? (
        <RestoreIcon className="size-4 shrink-0 text-accent" />
      ) : (
        <CheckIcon className="size-4 shrink-0 text-success" />
      )}
      <p id={textId} className="min-w-0 flex-1">
        {describeLastRestore(environment, last)}
        <span className="text-ink-muted">
          {' — '}
          <RelativeTime value={last.job.finished_at ?? last.job.created_at} />
        </span>
      </p>
      {undoable && (
        <UndoRestoreDialog
          site={site}
          environment={environment}
          environmentReadAt={environmentReadAt}
          restore={last.job}
          open={open}
          onOpenChange={setOpen}
          onStarted={onUndoStarted}
          trigger={
            <DialogTrigger asChild>
              <Button size="sm" aria-label="Undo last restore" aria-describedby={textId}>
                <RestoreIcon />
                Undo
              </Button>
            </DialogTrigger>
          }
        />
      )}
    </section>
  );
}
