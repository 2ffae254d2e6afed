import type { BeforeRestore, Snapshot } from '@contract/schemas';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { formatShortTime } from '@/lib/format';
import { possessive, restoredParts } from '@/lib/restore-words';

/**
 * What a pre-restore snapshot protects, in words: "Before restoring staging's database from the snapshot of
 * Dec 6, 14:02", the restore point linked to its row in its own environment's history.
 */
export function PreRestoreLabel({
  site,
  snapshot,
  before,
  className,
}: {
  site: string;
  snapshot: Snapshot;
  /** The snapshot's `before_restore`. */
  before: BeforeRestore;
  className?: string;
}) {
  const { selectors, restore_point: point } = before;
  const parts = restoredParts(selectors, snapshot.parts.db.services.length);
  const source = point.kind === 'pre_restore' ? 'pre-restore snapshot' : 'snapshot';
  const whose = point.environment === snapshot.environment ? 'the' : possessive(point.environment);
  const text = `Before restoring ${possessive(snapshot.environment)} ${parts} from ${whose} ${source} of ${formatShortTime(point.created_at)}`;
  return (
    <span className={className} title={text}>
      Before restoring {possessive(snapshot.environment)} {parts} from{' '}
      <Link
        to={paths.snapshotInHistory(site, point.environment, point.snapshot_id)}
        className="text-accent underline underline-offset-2 hover:no-underline"
      >
        {whose} {source} of {formatShortTime(point.created_at)}
      </Link>
    </span>
  );
}
