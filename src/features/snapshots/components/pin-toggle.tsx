import type { Snapshot } from '@contract/schemas';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { PinIcon } from '@/components/ui/icons';
import { cn } from '@/lib/cn';
import { describeError } from '@/lib/errors';
import { useUpdateSnapshot } from '../api/update-snapshot';

/** Pins a snapshot (kept until unpinned: never expires, never pruned) or unpins it; a toggle button. */
export function PinToggle({
  site,
  env,
  snapshot,
  name,
}: {
  site: string;
  env: string;
  snapshot: Snapshot;
  name: string;
}) {
  const update = useUpdateSnapshot(site, env);
  const pinned = snapshot.pinned;
  return (
    <Button
      size="icon"
      variant="ghost"
      aria-label={`Pin ${name}`}
      aria-pressed={pinned}
      title={pinned ? 'Pinned: kept until you unpin it' : 'Pin: keep it until you unpin it'}
      disabled={snapshot.status === 'failed' || update.isPending}
      className={cn(pinned && 'text-accent hover:text-accent')}
      onClick={() =>
        update.mutate(
          { snapshot, changes: { pinned: !pinned } },
          {
            onSuccess: (updated) =>
              toast.success(updated.pinned ? 'Snapshot pinned' : 'Snapshot unpinned', {
                description: updated.pinned
                  ? 'It stays restorable and is never pruned until you unpin it.'
                  : 'It follows the backup policy again.',
              }),
            onError: (error) => {
              const { title, detail } = describeError(error);
              toast.error(title, { description: detail });
            },
          },
        )
      }
    >
      <PinIcon className={cn(pinned && 'fill-current')} />
    </Button>
  );
}
