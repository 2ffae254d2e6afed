import type { BackupPolicy } from '@contract/schemas';
import { lazy, Suspense, useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogBody,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { LoadingBlock } from '@/components/ui/skeleton';

// The editor (presets, zones, retention) loads when the dialog first opens, not with the page.
const PolicyEditor = lazy(() => import('./policy-editor').then((m) => ({ default: m.PolicyEditor })));

/** Escape in a combobox whose list is open closes the list, not the dialog. */
function keepOpenForAList(event: KeyboardEvent) {
  const target = event.target;
  if (target instanceof HTMLElement && target.matches('[role="combobox"][aria-expanded="true"]')) {
    event.preventDefault();
  }
}

/** Edits the environment's backup policy: a schedule (preset or cron) in a zone, and retention. */
export function BackupPolicyDialog({
  site,
  env,
  policy,
}: {
  site: string;
  env: string;
  policy: BackupPolicy;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm">Edit policy</Button>
      </DialogTrigger>
      <DialogContent className="max-w-xl" onEscapeKeyDown={keepOpenForAList}>
        <DialogHeader>
          <DialogTitle>Backup policy of {env}</DialogTitle>
          <DialogDescription>
            When Rewind takes snapshots of {env} by itself, and how long it keeps them. Snapshots the policy
            no longer keeps are deleted, except pinned ones and the newest.
          </DialogDescription>
        </DialogHeader>
        <Suspense
          fallback={
            <DialogBody>
              <LoadingBlock label="Loading the policy editor…" lines={3} />
            </DialogBody>
          }
        >
          <PolicyEditor site={site} env={env} policy={policy} onSaved={() => setOpen(false)} />
        </Suspense>
      </DialogContent>
    </Dialog>
  );
}
