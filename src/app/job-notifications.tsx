import { useCallback } from 'react';
import { toast } from 'sonner';
import type { Job } from '@contract/schemas';
import { selectorsLabel } from '@/features/jobs/components/job-labels';
import { undoRestoreVariables, useRestoreSnapshot } from '@/features/restore/api/restore-snapshot';
import { describeError } from '@/lib/errors';

/**
 * Toasts for jobs that end, wherever you are. A finished restore offers "Undo restore", which restores the
 * restore's own pre-restore snapshot into the same environment with the same selectors.
 */
export function useJobNotifications() {
  const restore = useRestoreSnapshot();
  const { mutate } = restore;

  return useCallback(
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
      if (job.status === 'canceled') {
        toast(`${job.type === 'backup' ? 'Snapshot' : 'Restore'} canceled`, { description: where });
        return;
      }
      if (job.status === 'failed') {
        toast.error(job.type === 'backup' ? 'Snapshot failed' : 'Restore failed', {
          description: `${where}: ${job.error?.detail ?? 'the job did not finish.'}`,
        });
        return;
      }
      if (job.type === 'backup') {
        toast.success('Snapshot ready', { description: `${where} is captured and restorable.` });
        return;
      }
      // One intent per toast: clicking Undo twice still undoes once.
      const undo = undoRestoreVariables(site, job, crypto.randomUUID());
      toast.success(`Restored ${job.environment}`, {
        description: `The ${selectorsLabel(job.selectors)} of ${where} are back as they were at the restore point.`,
        duration: 20_000,
        action: undo
          ? {
              label: 'Undo restore',
              onClick: () =>
                mutate(undo, {
                  onSuccess: () =>
                    toast.success('Undoing the restore', {
                      description: `Bringing ${where} back to how it was before.`,
                    }),
                  onError: (error) => {
                    const { title, detail } = describeError(error);
                    toast.error(title, { description: detail });
                  },
                }),
            }
          : undefined,
      });
    },
    [mutate],
  );
}
