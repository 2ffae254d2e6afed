import type { Snapshot } from '@contract/schemas';
import { Link, useLocation } from 'react-router';
import { Button, buttonClasses } from '@/components/ui/button';
import { PencilIcon, PinIcon, RestoreIcon, TrashIcon } from '@/components/ui/icons';
import { RelativeTime } from '@/components/ui/relative-time';
import { paths } from '@/config/paths';
import { damageList, damageSummary } from '@/lib/damage-words';
import { formatBytes, formatCount, formatExactTime } from '@/lib/format';
import { isRestorable, restorableText } from '@/lib/restorable';
import { DownloadMenu } from './download-menu';
import { PinToggle } from './pin-toggle';
import { PreRestoreLabel } from './pre-restore-label';
import { SnapshotBeingTaken } from './snapshot-being-taken';
import { KindBadge, StatusBadge } from './snapshot-badges';
import { VerificationBadge } from './verification-badge';
import { VerifyButton } from './verify-button';

export type RowLayout = 'wide' | 'narrow';

interface SnapshotRowProps {
  site: string;
  env: string;
  snapshot: Snapshot;
  now: number;
  layout: RowLayout;
  onDelete: (snapshot: Snapshot) => void;
  onEditLabel: (snapshot: Snapshot) => void;
  /** A verify of this snapshot (or of its whole environment) is queued or running. */
  verifying?: boolean;
}

/** One restore point: when, kind, label, who, size (database and files), status, how long it stays restorable. */
export function SnapshotRow({
  site,
  env,
  snapshot,
  now,
  layout,
  onDelete,
  onEditLabel,
  verifying = false,
}: SnapshotRowProps) {
  // The restore dialog opens over the history as it is shown (its kind filter kept).
  const { search } = useLocation();
  const name = `snapshot from ${formatExactTime(snapshot.created_at)}`;
  const restorable = isRestorable(snapshot, now);
  const { db, files } = snapshot.parts;

  // A failed snapshot holds no data, and a damaged one cannot be restored: its row says why instead, in
  // words that stay on screen.
  const damaged = snapshot.verification?.status === 'damaged' ? snapshot.verification : null;
  const measured = damaged ? (
    <span className="truncate text-danger" title={damageList(damaged).join('\n')}>
      Damaged: {damageSummary(damaged)} {damaged.damaged_count === 1 ? 'is' : 'are'} missing or corrupt in the
      store. Restore another point.
    </span>
  ) : snapshot.error ? (
    <span className="truncate text-danger" title={snapshot.error.detail}>
      {snapshot.error.detail}
    </span>
  ) : (
    <span className="truncate tabular-nums">
      {formatBytes(snapshot.size_bytes)}{' '}
      <span className="text-ink-muted">
        (database {formatBytes(db.size_bytes)} · files {formatBytes(files.size_bytes)},{' '}
        {formatCount(files.file_count)} {files.file_count === 1 ? 'file' : 'files'})
      </span>
    </span>
  );
  // A pending one has no size yet (not "0 bytes"): it is being taken.
  const size = snapshot.status === 'pending' ? <SnapshotBeingTaken name={name} /> : measured;
  const actions = (
    <div className="flex shrink-0 items-center gap-1">
      {restorable ? (
        <Link
          to={{ pathname: paths.restore(site, env, snapshot.id), search }}
          aria-label={`Restore ${name}`}
          className={buttonClasses({ size: 'sm' })}
        >
          <RestoreIcon />
          Restore
        </Link>
      ) : (
        <Button size="sm" disabled aria-label={`Restore ${name}`}>
          <RestoreIcon />
          Restore
        </Button>
      )}
      <DownloadMenu site={site} snapshot={snapshot} name={name} />
      <VerifyButton site={site} snapshot={snapshot} name={name} verifying={verifying} />
      <PinToggle site={site} env={env} snapshot={snapshot} name={name} />
      <Button
        size="icon"
        variant="ghost"
        aria-label={`Edit the label of ${name}`}
        title="Edit the label"
        onClick={() => onEditLabel(snapshot)}
      >
        <PencilIcon />
      </Button>
      <Button
        size="icon"
        variant="ghost"
        aria-label={`Delete ${name}`}
        title={snapshot.pinned ? 'Pinned snapshots cannot be deleted' : undefined}
        disabled={snapshot.status === 'pending' || snapshot.pinned}
        onClick={() => onDelete(snapshot)}
        className="hover:text-danger"
      >
        <TrashIcon />
      </Button>
    </div>
  );

  const when = <RelativeTime value={snapshot.created_at} className="font-medium" />;
  // A pre-restore snapshot says what it protects on a line of its own (rowHeightOf counts it), so the link
  // to its restore point is never cut off; a label of its own, if it has one, stays where labels go.
  const protects = snapshot.before_restore && (
    <PreRestoreLabel site={site} snapshot={snapshot} before={snapshot.before_restore} />
  );
  const label = snapshot.label ? (
    <span className="truncate text-sm text-ink">{snapshot.label}</span>
  ) : protects ? null : (
    <span className="sr-only">No label</span>
  );
  const by = <span className="shrink-0">by {snapshot.created_by}</span>;
  const keeps = (
    <span
      className="inline-flex items-center gap-1"
      title={
        snapshot.status === 'ready' && !snapshot.pinned && Date.parse(snapshot.expires_at) > now
          ? `Restorable until ${formatExactTime(snapshot.expires_at)}`
          : undefined
      }
    >
      {snapshot.pinned && <PinIcon className="size-3" />}
      {restorableText(snapshot, now)}
    </span>
  );

  if (layout === 'wide') {
    return (
      <div className="flex h-full flex-col justify-center gap-1 px-4">
        <div className="flex min-w-0 items-center gap-3">
          <div className="min-w-0 flex-1 space-y-1">
            <div className="flex min-w-0 items-center gap-2">
              {when}
              <KindBadge kind={snapshot.kind} />
              {label}
            </div>
            <div className="flex min-w-0 items-center gap-x-3 text-xs text-ink-muted">
              <StatusBadge snapshot={snapshot} />
              <VerificationBadge snapshot={snapshot} />
              {by}
              {size}
            </div>
          </div>
          <p className="w-44 shrink-0 text-right text-xs text-ink-muted">{keeps}</p>
          {actions}
        </div>
        {protects && <p className="truncate text-sm text-ink">{protects}</p>}
      </div>
    );
  }
  // Narrow: stacked lines, then the actions.
  return (
    <div className="flex h-full flex-col justify-center gap-1 px-4 py-3">
      <div className="flex min-w-0 items-center gap-2">
        {when}
        <KindBadge kind={snapshot.kind} />
        <StatusBadge snapshot={snapshot} />
        <VerificationBadge snapshot={snapshot} />
      </div>
      {protects ? (
        <p className="line-clamp-2 text-xs text-ink-muted">
          {protects}
          {snapshot.label && <span className="text-ink"> · {snapshot.label}</span>} · {by}
        </p>
      ) : (
        <div className="flex min-w-0 items-center gap-2 text-xs text-ink-muted">
          {label}
          {by}
        </div>
      )}
      <div className="flex min-w-0 text-xs">{size}</div>
      <p className="truncate text-xs text-ink-muted">{keeps}</p>
      <div className="mt-1">{actions}</div>
    </div>
  );
}
