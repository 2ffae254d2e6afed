import type { Environment, Selector, Snapshot } from '@contract/schemas';
import { Note } from '@/components/ui/alert';
import { formatExactTime, formatRelativeTime } from '@/lib/format';

const what = (selectors: Selector[]) =>
  selectors.length === 2 ? 'database and files' : selectors[0] === 'db' ? 'database' : 'files';

/** Says plainly what the restore overwrites, with data from which moment, and that it can be undone. */
export function RestoreSummary({
  snapshot,
  target,
  targetName,
  selectors,
  restorable,
  now,
}: {
  snapshot: Snapshot;
  target: Environment | undefined;
  targetName: string;
  selectors: Selector[];
  restorable: boolean;
  now: number;
}) {
  if (!restorable) {
    return (
      <Note tone="warning">
        {snapshot.status !== 'ready'
          ? 'This snapshot is not ready, so it cannot be restored.'
          : `This snapshot expired ${formatExactTime(snapshot.expires_at)} and can no longer be restored.`}
      </Note>
    );
  }
  if (selectors.length === 0) return <Note tone="warning">Choose the database, the files, or both.</Note>;

  const overwritten = (target?.services ?? []).filter((service) => selectors.includes(service.selector));
  const crossing = targetName !== snapshot.environment;
  return (
    <Note tone="warning" className="space-y-2">
      <p>
        This overwrites the <strong>{what(selectors)}</strong> of <strong>{targetName}</strong>
        {overwritten.length > 0 && <> ({overwritten.map((service) => service.name).join(', ')})</>} with{' '}
        {crossing ? (
          <>
            the data of <strong>{snapshot.environment}</strong>
          </>
        ) : (
          'their state'
        )}{' '}
        as it was at <strong>{formatExactTime(snapshot.created_at)}</strong> (
        {formatRelativeTime(snapshot.created_at, now)}
        ). Changes made since then are replaced.
      </p>
      <p>First, Rewind takes a pre-restore snapshot of {targetName}, so you can undo this restore.</p>
    </Note>
  );
}
