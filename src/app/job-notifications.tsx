import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { toast } from 'sonner';
import type { Job } from '@contract/schemas';
import { UndoRestoreDialog } from '@/features/restore/components/undo-restore-dialog';
import { environmentQueryOptions } from '@/features/sites/api/get-environments';
import { announceUndo, environmentNow, toastRestoreEnded } from './restore-toasts';

/**
 * Toasts for jobs that end, wherever you are. A finished restore offers "Undo restore", which opens the same
 * confirmation as the environment page's Undo (production asks for its name), rendered here so it stays
 * open whatever becomes of the toast.
 */
export function useJobNotifications() {
  const client = useQueryClient();
  const [undoing, setUndoing] = useState<{ site: string; job: Job } | null>(null);

  const onJobFinished = useCallback(
    (site: string, job: Job) => {
      const where = `${site} / ${job.environment}`;
      // Pruning is the policy's housekeeping: only its failure is worth a word.
      if (job.type === 'prune') {
        if (job.status === 'failed') {
          toast.error('Pruning failed', {
            description: `${where}: ${job.error?.detail ?? 'the job did not finish.'} Nothing else was changed.`,
          });
        }
        return;
      }
      if (job.type === 'verify') {
        if (job.status === 'failed') {
          toast.error('Verify failed', {
            description: `${where}: ${job.error?.detail ?? 'the job did not finish.'}`,
          });
        } else if (job.status === 'succeeded') {
          toast.success('Verify finished', {
            description: `${where}: each snapshot's result is in its history.`,
          });
        }
        return;
      }
      if (job.type === 'restore') {
        void environmentNow(client, site, job.environment).then((environment) =>
          toastRestoreEnded(site, job, environment, (s, restore) => setUndoing({ site: s, job: restore })),
        );
        return;
      }
      if (job.status === 'canceled') toast('Snapshot canceled', { description: where });
      else if (job.status === 'failed') {
        toast.error('Snapshot failed', {
          description: `${where}: ${job.error?.detail ?? 'the job did not finish.'}`,
        });
      } else toast.success('Snapshot ready', { description: `${where} is captured and restorable.` });
    },
    [client],
  );

  const undoDialog = undoing && (
    <UndoFromToast site={undoing.site} job={undoing.job} onClose={() => setUndoing(null)} />
  );
  return { onJobFinished, undoDialog };
}

function UndoFromToast({ site, job, onClose }: { site: string; job: Job; onClose: () => void }) {
  const client = useQueryClient();
  const environment = useQuery(environmentQueryOptions(site, job.environment));
  if (!environment.data) return null;
  const data = environment.data;
  return (
    <UndoRestoreDialog
      site={site}
      environment={data}
      environmentReadAt={environment.dataUpdatedAt}
      restore={job}
      open
      onOpenChange={(open) => !open && onClose()}
      onStarted={(undo) => announceUndo(client, site, data, undo)}
    />
  );
}
