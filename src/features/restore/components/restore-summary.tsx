import type { Environment, Selector, Snapshot } from '@contract/schemas';
import { Note } from '@/components/ui/alert';
import { formatExactTime, formatRelativeTime } from '@/lib/format';

/** "database", "databases", "files", "database and files", … and whether a verb after it takes the plural. */
function parts(selectors: Selector[], databases: number) {
  const words = selectors.map((selector) =>
    selector === 'files' ? 'files' : databases > 1 ? 'databases' : 'database',
  );
  return { words: words.join(' and '), plural: words.length > 1 || words[0] !== 'database' };
}

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
  const replaced = parts(selectors, overwritten.filter((service) => service.selector === 'db').length);
  const crossing = targetName !== snapshot.environment;
  const brought = parts(selectors, snapshot.parts.db.services.length);
  return (
    <Note tone="warning" className="space-y-2">
      <p>
        This overwrites <strong>{targetName}</strong>’s <strong>{replaced.words}</strong>
        {overwritten.length > 0 && <> ({overwritten.map((service) => service.name).join(', ')})</>} with{' '}
        {crossing ? (
          <>
            <strong>{snapshot.environment}</strong>’s {brought.words} as{' '}
            {brought.plural ? 'they were' : 'it was'}
          </>
        ) : (
          `${replaced.plural ? 'their' : 'its'} state`
        )}{' '}
        at <strong>{formatExactTime(snapshot.created_at)}</strong> (
        {formatRelativeTime(snapshot.created_at, now)}
        ). Changes made since then are replaced.
      </p>
      <p>First, Rewind takes a pre-restore snapshot of {targetName}, so you can undo this restore.</p>
    </Note>
  );
}
