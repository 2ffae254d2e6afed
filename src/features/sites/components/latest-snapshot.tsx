import type { Snapshot } from '@contract/schemas';
import { RelativeTime } from '@/components/ui/relative-time';
import { AlertIcon, CheckIcon, ClockIcon } from '@/components/ui/icons';

/** An environment's latest snapshot in one line: its age and its status (in words, with an icon). */
export function LatestSnapshot({ snapshot }: { snapshot: Snapshot | null }) {
  if (!snapshot) return <p className="text-sm text-ink-muted">No snapshots yet</p>;
  const status = {
    ready: { icon: <CheckIcon className="size-3.5 text-success" />, text: 'ready' },
    pending: { icon: <ClockIcon className="size-3.5 text-warning" />, text: 'in progress' },
    failed: { icon: <AlertIcon className="size-3.5 text-danger" />, text: 'failed' },
  }[snapshot.status];
  return (
    <p className="flex flex-wrap items-center gap-x-1.5 text-sm text-ink-muted">
      <span>Latest snapshot</span>
      <RelativeTime value={snapshot.created_at} className="text-ink" />
      <span aria-hidden="true">·</span>
      <span className="inline-flex items-center gap-1">
        {status.icon}
        {status.text}
      </span>
    </p>
  );
}
