import type { Snapshot } from '@contract/schemas';
import { useState } from 'react';
import { toast } from 'sonner';
import { Note } from '@/components/ui/alert';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ConfirmNameField } from '@/components/ui/confirm-name-field';
import { formatExactTime } from '@/lib/format';
import { useDeleteSnapshot } from '../api/delete-snapshot';
import { useSnapshotStorage } from '../api/get-snapshot-storage';
import { describeFreed, describeFrees } from '../storage-words';

/**
 * Deleting a restore point is for good, so it is confirmed, saying first how much storage it frees; in a
 * production environment by typing its name. `snapshot` null means closed.
 */
export function DeleteSnapshotDialog({
  site,
  env,
  production,
  snapshot,
  onClose,
}: {
  site: string;
  env: string;
  production: boolean;
  snapshot: Snapshot | null;
  onClose: () => void;
}) {
  const remove = useDeleteSnapshot(site, env);
  const storage = useSnapshotStorage(site, snapshot?.id ?? null);
  const [typed, setTyped] = useState('');
  const when = snapshot ? formatExactTime(snapshot.created_at) : '';
  const close = () => {
    remove.reset();
    setTyped('');
    onClose();
  };
  return (
    <ConfirmDialog
      open={snapshot !== null}
      onOpenChange={(open) => !open && close()}
      title="Delete this snapshot?"
      description={
        <>
          The snapshot of <strong className="text-ink">{env}</strong> from{' '}
          <strong className="text-ink">{when}</strong>
          {snapshot?.label ? <> (“{snapshot.label}”)</> : null} will be deleted. You will no longer be able to
          restore or download it. This cannot be undone.
        </>
      }
      confirmLabel="Delete snapshot"
      busyLabel="Deleting…"
      destructive
      busy={remove.isPending}
      disabled={production && typed !== env}
      error={remove.error}
      onConfirm={() => {
        if (!snapshot) return;
        remove.mutate(
          { snapshot, ...(production ? { confirm: typed } : {}) },
          {
            onSuccess: (freed) => {
              toast.success('Snapshot deleted', {
                description: freed ? `${when} · ${describeFreed(freed)}` : when,
              });
              close();
            },
          },
        );
      }}
    >
      <Note>
        <p aria-live="polite">
          {storage.isPending
            ? 'Working out how much storage it frees…'
            : storage.isError
              ? 'How much storage it frees could not be worked out.'
              : describeFrees(storage.data)}
        </p>
      </Note>
      {production && <ConfirmNameField id="delete-confirm" name={env} value={typed} onChange={setTyped} />}
    </ConfirmDialog>
  );
}
