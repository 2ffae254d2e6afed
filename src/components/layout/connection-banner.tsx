import { useEffect, useState, useSyncExternalStore } from 'react';
import { AlertIcon, SpinnerIcon } from '@/components/ui/icons';
import { cn } from '@/lib/cn';
import { connection, type ConnectionWatch } from '@/lib/connection';

/** Whether Rewind is out of reach, and for a few seconds after it is back, that it is. */
function useConnectionState(watch: ConnectionWatch): 'ok' | 'unreachable' | 'back' {
  const unreachable = useSyncExternalStore(watch.subscribe, watch.isUnreachable, watch.isUnreachable);
  const [backAt, setBackAt] = useState<number | null>(null);
  useEffect(() => watch.onBack(() => setBackAt(Date.now())), [watch]);
  useEffect(() => {
    if (backAt === null) return;
    const timer = setTimeout(() => setBackAt(null), 5000);
    return () => clearTimeout(timer);
  }, [backAt]);
  if (unreachable) return 'unreachable';
  return backAt === null ? 'ok' : 'back';
}

/**
 * "Cannot reach Rewind — retrying" while requests get no answer, in the page's flow (it pushes the page down
 * rather than covering it). The live region is always there, so that screen readers hear it appear, and hear
 * when Rewind is back.
 */
export function ConnectionBanner({
  className,
  watch = connection,
}: {
  className?: string;
  watch?: ConnectionWatch;
}) {
  const state = useConnectionState(watch);
  return (
    <div role="status" aria-live="polite" className={cn(state !== 'unreachable' && 'sr-only', className)}>
      {state === 'unreachable' && (
        <div
          data-slot="connection-banner"
          className="flex items-start gap-2.5 rounded-lg border border-l-4 border-warning/60 border-l-warning bg-surface p-3 text-sm shadow-md"
        >
          <AlertIcon className="mt-0.5 size-4 shrink-0 text-warning" />
          <div className="min-w-0">
            <p className="flex items-center gap-2 font-medium">
              Cannot reach Rewind — retrying <SpinnerIcon className="size-3.5 text-ink-muted" />
            </p>
            <p className="text-ink-muted">
              The page shows what it last loaded, and refreshes by itself when Rewind answers again.
            </p>
          </div>
        </div>
      )}
      {state === 'back' && 'Rewind answers again; the page is refreshing.'}
    </div>
  );
}
