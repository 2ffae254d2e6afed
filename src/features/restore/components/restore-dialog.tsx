import type { Environment, Job, Selector, Snapshot } from '@contract/schemas';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ConfirmNameField } from '@/components/ui/confirm-name-field';
import { FieldLabel, Select } from '@/components/ui/input';
import type { FocusTarget } from '@/components/ui/return-focus';
import { useIntentKey } from '@/hooks/use-intent-key';
import { useNow } from '@/hooks/use-now';
import { formatBytes, formatExactTime } from '@/lib/format';
import { isRestorable } from '@/lib/restorable';
import { DamagedPointAlert } from './damaged-point-alert';
import { useRestoreSnapshot } from '../api/restore-snapshot';
import { RestoreSummary } from './restore-summary';
import { SelectorChoice } from './selector-choice';

interface RestoreDialogProps {
  site: string;
  snapshot: Snapshot;
  /** The site's environments, the possible targets. */
  environments: Environment[];
  onClose: () => void;
  onStarted: (job: Job) => void;
  /** Where the focus goes when the dialog closes: it is opened by a route, not by a trigger of its own. */
  returnFocusTo: FocusTarget;
}

/**
 * Restore a restore point: choose what (database, files or both) and where (same site; its own environment
 * by default), read exactly what will be overwritten, and — for production — type its name to confirm.
 */
export function RestoreDialog({
  site,
  snapshot,
  environments,
  onClose,
  onStarted,
  returnFocusTo,
}: RestoreDialogProps) {
  const now = useNow();
  const { db, files } = snapshot.parts;
  const details: Record<Selector, string | null> = {
    db: db.services.length ? `${db.services.join(', ')} · ${formatBytes(db.size_bytes)}` : null,
    files: files.services.length ? `${files.services.join(', ')} · ${formatBytes(files.size_bytes)}` : null,
  };
  const [selectors, setSelectors] = useState<Selector[]>(() =>
    (['db', 'files'] as const).filter((selector) => details[selector] !== null),
  );
  const [target, setTarget] = useState(snapshot.environment);
  const [typed, setTyped] = useState('');
  const intent = useIntentKey();
  const restore = useRestoreSnapshot();

  const targetEnvironment = environments.find((env) => env.name === target);
  const production = targetEnvironment?.type === 'production';
  const restorable = isRestorable(snapshot, now);
  // The server refuses a damaged restore point; the dialog says why before anyone types a name.
  const damaged = snapshot.verification?.status === 'damaged' ? snapshot.verification : null;
  const ready = restorable && !damaged && selectors.length > 0 && (!production || typed === target);

  const submit = () => {
    const request = {
      site,
      snapshotId: snapshot.id,
      selectors,
      environment: target,
      ...(production ? { confirm: typed } : {}),
    };
    restore.mutate({ ...request, idempotencyKey: intent.keyFor(request) }, { onSuccess: onStarted });
  };

  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Restore ${target}`}
      description={`From the snapshot of ${snapshot.environment} taken ${formatExactTime(snapshot.created_at)}${
        snapshot.label ? ` (“${snapshot.label}”)` : ''
      }.`}
      confirmLabel={`Restore ${target}`}
      busyLabel="Starting restore…"
      destructive
      busy={restore.isPending}
      disabled={!ready}
      error={restore.error}
      onConfirm={submit}
      returnFocusTo={returnFocusTo}
    >
      {damaged && <DamagedPointAlert verification={damaged} />}
      <SelectorChoice value={selectors} onChange={setSelectors} details={details} />
      <div className="space-y-1.5">
        <FieldLabel htmlFor="restore-target">Restore into</FieldLabel>
        <Select id="restore-target" value={target} onChange={(event) => setTarget(event.target.value)}>
          {environments.map((env) => (
            <option key={env.id} value={env.name}>
              {env.name} ({env.type}){env.name === snapshot.environment ? ' — its own environment' : ''}
            </option>
          ))}
        </Select>
      </div>
      <RestoreSummary
        snapshot={snapshot}
        target={targetEnvironment}
        targetName={target}
        selectors={selectors}
        restorable={restorable}
        now={now}
      />
      {production && restorable && !damaged && (
        <ConfirmNameField id="restore-confirm" name={target} value={typed} onChange={setTyped} />
      )}
    </ConfirmDialog>
  );
}
