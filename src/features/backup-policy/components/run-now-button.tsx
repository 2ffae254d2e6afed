import type { Job } from '@contract/schemas';
import type { UseMutationResult } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { CameraIcon, SpinnerIcon } from '@/components/ui/icons';
import { useIntentKey } from '@/hooks/use-intent-key';

/**
 * Starts a run of the policy now. It stays in place while the run is being accepted and while it runs
 * (aria-disabled, so that it keeps the keyboard focus), and says which; a screen reader hears the change.
 */
export function RunNowButton({
  env,
  run,
  running,
}: {
  env: string;
  run: UseMutationResult<Job, Error, string>;
  running: boolean;
}) {
  const intent = useIntentKey();
  const busy = run.isPending || running;
  const label = run.isPending ? 'Starting…' : running ? 'Running…' : 'Run now';
  return (
    <>
      <Button
        size="sm"
        aria-disabled={busy || undefined}
        aria-describedby="run-now-hint"
        onClick={() => {
          if (busy) return;
          // Each click is a new intent; a retry of a click whose answer was lost reuses its key.
          run.mutate(intent.keyFor({ run: env, after: run.data?.id ?? null }));
        }}
      >
        {busy ? <SpinnerIcon /> : <CameraIcon />}
        {label}
      </Button>
      <span id="run-now-hint" className="sr-only">
        Takes a snapshot of {env} now, as the schedule would, then prunes what the policy no longer keeps.
      </span>
      <span role="status" className="sr-only">
        {running ? `A backup of ${env} by its policy is running.` : ''}
      </span>
    </>
  );
}
