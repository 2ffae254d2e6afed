import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DialogTrigger } from '@/components/ui/dialog';
import { CameraIcon } from '@/components/ui/icons';
import { FieldLabel, Input } from '@/components/ui/input';
import { useIntentKey } from '@/hooks/use-intent-key';
import { useTakeSnapshot } from '../api/take-snapshot';

/**
 * Take a snapshot: an optional label, then confirm. Each opening is one intent with one Idempotency-Key,
 * so a retry after an error, or a double click, never makes a second snapshot.
 */
export function TakeSnapshotDialog({
  site,
  env,
  triggerVariant = 'primary',
}: {
  site: string;
  env: string;
  triggerVariant?: 'primary' | 'secondary';
}) {
  const [open, setOpen] = useState(false);
  const [label, setLabel] = useState('');
  const intent = useIntentKey();
  const take = useTakeSnapshot(site);

  const onOpenChange = (next: boolean) => {
    if (next) {
      intent.reset();
      take.reset();
      setLabel('');
    }
    setOpen(next);
  };

  const submit = () => {
    const trimmed = label.trim();
    const body = { environment: env, ...(trimmed ? { label: trimmed } : {}) };
    take.mutate(
      { body, idempotencyKey: intent.keyFor(body) },
      {
        onSuccess: () => {
          setOpen(false);
          toast.success('Snapshot started', {
            description: `Capturing ${env}. It appears in the history now and turns ready when done.`,
          });
        },
      },
    );
  };

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={
        <DialogTrigger asChild>
          <Button variant={triggerVariant}>
            <CameraIcon />
            Take snapshot
          </Button>
        </DialogTrigger>
      }
      title={`Take a snapshot of ${env}`}
      description="Captures every database and file mount of the environment as they are now. The environment keeps running; nothing in it is changed."
      confirmLabel="Take snapshot"
      busyLabel="Starting…"
      busy={take.isPending}
      error={take.error}
      onConfirm={submit}
    >
      <div className="space-y-1.5">
        <FieldLabel htmlFor="snapshot-label">
          Label <span className="font-normal text-ink-muted">(optional)</span>
        </FieldLabel>
        <Input
          id="snapshot-label"
          value={label}
          maxLength={200}
          placeholder="e.g. before the 2.4 upgrade"
          autoComplete="off"
          onChange={(event) => setLabel(event.target.value)}
        />
      </div>
    </ConfirmDialog>
  );
}
