import type { Snapshot } from '@contract/schemas';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { formatBytes, formatExactTime } from '@/lib/format';
import { useDeleteSnapshot } from '../api/delete-snapshot';

/** Deleting a restore point is for good, so it is confirmed; `snapshot` null means closed. */
export function DeleteSnapshotDialog({
  site,
  env,
  snapshot,
  onClose,
}: {
  site: string;
  env: string;
  snapshot: Snapshot | null;
  onClose: () => void;
}) {
  const remove = useDeleteSnapshot(site, env);
  const when = snapshot ? formatExactTime(snapshot.created_at) : '';
  return (
    <ConfirmDialog
      open={snapshot !== null}
      onOpenChange={(open) => {
        if (open) return;
        remove.reset();
        onClose();
      }}
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
      error={remove.error}
      onConfirm={() => {
        if (!snapshot) return;
        remove.mutate(snapshot, {
          onSuccess: () => {
            toast.success('Snapshot deleted', {
              description: `${when} · ${formatBytes(snapshot.size_bytes)} freed where no other snapshot shares it.`,
            });
            remove.reset();
            onClose();
          },
        });
      }}
    />
  );
}
