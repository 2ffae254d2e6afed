import type { Snapshot } from '@contract/schemas';
import { Badge } from '@/components/ui/badge';
import { AlertIcon, ShieldCheckIcon } from '@/components/ui/icons';
import { RelativeTime } from '@/components/ui/relative-time';
import { damageList } from '@/lib/damage-words';
import { formatExactTime } from '@/lib/format';

/** "Verified 2 hours ago" or "Damaged", from the snapshot's latest verify; nothing until one has run. */
export function VerificationBadge({ snapshot }: { snapshot: Snapshot }) {
  const verification = snapshot.verification;
  if (snapshot.status !== 'ready' || !verification) return null;
  const checked = formatExactTime(verification.checked_at);
  if (verification.status === 'ok') {
    return (
      <Badge tone="success" title={`Verified ${checked}: every content read back intact`}>
        <ShieldCheckIcon />
        Verified <RelativeTime value={verification.checked_at} />
      </Badge>
    );
  }
  return (
    <Badge tone="danger" title={[`Damaged (verified ${checked}):`, ...damageList(verification)].join('\n')}>
      <AlertIcon />
      Damaged
    </Badge>
  );
}
