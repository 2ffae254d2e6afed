import type { Snapshot } from '@contract/schemas';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ShieldCheckIcon, SpinnerIcon } from '@/components/ui/icons';
import { useIntentKey } from '@/hooks/use-intent-key';
import { describeError } from '@/lib/errors';
import { useVerifySnapshot } from '../api/verify-snapshot';

/**
 * Verifies the snapshot: reads back every content it names from the store and checks it. While its verify
 * is being accepted or runs, it stays in place, aria-disabled (so it keeps the focus), and says so.
 */
export function VerifyButton({
  site,
  snapshot,
  name,
  verifying,
}: {
  site: string;
  snapshot: Snapshot;
  name: string;
  verifying: boolean;
}) {
  const verify = useVerifySnapshot(site);
  const intent = useIntentKey();
  const busy = verify.isPending || verifying;
  if (snapshot.status !== 'ready') return null;
  return (
    <Button
      size="icon"
      variant="ghost"
      aria-label={busy ? `Verifying ${name}…` : `Verify ${name}`}
      aria-disabled={busy || undefined}
      title={busy ? 'Verifying…' : 'Verify: read back every content and check it'}
      onClick={() => {
        if (busy) return;
        // A new intent after each verify that ended; a retry of a lost answer reuses the key.
        const body = { verify: snapshot.id, after: snapshot.verification?.job_id ?? null };
        verify.mutate(
          { snapshotId: snapshot.id, idempotencyKey: intent.keyFor(body) },
          {
            onError: (error) => {
              const { title, detail } = describeError(error);
              toast.error(title, { description: detail });
            },
          },
        );
      }}
    >
      {busy ? <SpinnerIcon /> : <ShieldCheckIcon />}
    </Button>
  );
}
