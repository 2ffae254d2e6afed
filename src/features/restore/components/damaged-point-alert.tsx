import type { Verification } from '@contract/schemas';
import { AlertIcon } from '@/components/ui/icons';
import { damageList } from '@/lib/damage-words';
import { formatExactTime } from '@/lib/format';

/** In the restore dialog: this restore point's latest verify found damage, so it cannot be restored. */
export function DamagedPointAlert({ verification }: { verification: Verification }) {
  const lines = damageList(verification);
  const more = verification.damaged_count - lines.length;
  return (
    <div
      role="alert"
      data-slot="alert"
      className="flex gap-2.5 rounded-lg border border-danger/30 bg-danger/10 p-3 text-sm"
    >
      <AlertIcon className="mt-0.5 size-4 shrink-0 text-danger" />
      <div className="min-w-0 space-y-1">
        <p className="font-medium text-ink">This restore point is damaged</p>
        <p className="text-ink-muted">
          Its verify of {formatExactTime(verification.checked_at)} found{' '}
          {verification.damaged_count === 1 ? 'this content' : 'these contents'} missing or corrupt in the
          store, so it cannot be restored. Nothing will be changed: restore another point instead.
        </p>
        <ul className="list-disc pl-5 text-ink">
          {lines.map((line) => (
            <li key={line} className="break-all">
              {line}
            </li>
          ))}
          {more > 0 && <li>and {more} more</li>}
        </ul>
      </div>
    </div>
  );
}
