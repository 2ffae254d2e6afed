import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/alert';
import { ShieldCheckIcon, SpinnerIcon } from '@/components/ui/icons';
import { useIntentKey } from '@/hooks/use-intent-key';
import { useVerifyEnvironment } from '../api/verify-snapshot';

/**
 * "Verify all": one job reads back every content of every ready snapshot of the environment. Its progress
 * shows with the environment's other jobs; the history shows each snapshot's result when it ends.
 */
export function VerifyAllButton({ site, env, running }: { site: string; env: string; running: boolean }) {
  const verify = useVerifyEnvironment(site, env);
  const intent = useIntentKey();
  const busy = verify.isPending || running;
  return (
    <div className="flex flex-col items-end gap-2">
      <Button
        variant="secondary"
        aria-disabled={busy || undefined}
        aria-describedby="verify-all-hint"
        onClick={() => {
          if (busy) return;
          verify.mutate(intent.keyFor({ verifyAll: env, after: verify.data?.id ?? null }));
        }}
      >
        {busy ? <SpinnerIcon /> : <ShieldCheckIcon />}
        {busy ? 'Verifying…' : 'Verify all'}
      </Button>
      <span id="verify-all-hint" className="sr-only">
        Reads back every snapshot of {env} from the store and checks each content against its checksum.
      </span>
      <span role="status" className="sr-only">
        {running ? `Every snapshot of ${env} is being verified.` : ''}
      </span>
      {verify.isError && <ErrorAlert error={verify.error} className="max-w-sm" />}
    </div>
  );
}
