import type { Snapshot } from '@contract/schemas';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FieldLabel, Input } from '@/components/ui/input';
import { formatExactTime } from '@/lib/format';
import { useUpdateSnapshot } from '../api/update-snapshot';

/** Names a restore point ("before the 2.4 upgrade"); empty removes the label. `snapshot` null means closed. */
export function EditLabelDialog({
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
  const update = useUpdateSnapshot(site, env);
  const [label, setLabel] = useState(snapshot?.label ?? '');
  const [editing, setEditing] = useState(snapshot?.id ?? null);
  // A different snapshot opens with its own label.
  if ((snapshot?.id ?? null) !== editing) {
    setEditing(snapshot?.id ?? null);
    setLabel(snapshot?.label ?? '');
  }
  return (
    <ConfirmDialog
      open={snapshot !== null}
      onOpenChange={(open) => {
        if (open) return;
        update.reset();
        onClose();
      }}
      title="Label this snapshot"
      description={
        snapshot ? `The snapshot of ${env} from ${formatExactTime(snapshot.created_at)}.` : undefined
      }
      confirmLabel="Save label"
      busyLabel="Saving…"
      busy={update.isPending}
      error={update.error}
      onConfirm={() => {
        if (!snapshot) return;
        update.mutate(
          { snapshot, changes: { label: label.trim() || null } },
          {
            onSuccess: () => {
              toast.success(label.trim() ? 'Label saved' : 'Label removed');
              update.reset();
              onClose();
            },
          },
        );
      }}
    >
      <div className="space-y-1.5">
        <FieldLabel htmlFor="snapshot-new-label">Label</FieldLabel>
        <Input
          id="snapshot-new-label"
          value={label}
          maxLength={200}
          autoComplete="off"
          placeholder="e.g. before the 2.4 upgrade"
          onChange={(event) => setLabel(event.target.value)}
        />
      </div>
    </ConfirmDialog>
  );
}
