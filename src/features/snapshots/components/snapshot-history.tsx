import type { Snapshot, SnapshotKind } from '@contract/schemas';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Note } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { LoadingBlock } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { useNow } from '@/hooks/use-now';
import { formatShortTime } from '@/lib/format';
import { useSnapshots } from '../api/get-snapshots';
import { DeleteSnapshotDialog } from './delete-snapshot-dialog';
import { EditLabelDialog } from './edit-label-dialog';
import { KindFilter, kindsInWords, parseKinds } from './kind-filter';
import { SnapshotList } from './snapshot-list';
import { SnapshotRow } from './snapshot-row';
import { TakeSnapshotDialog } from './take-snapshot-dialog';
import { useSnapshotFocus } from './use-snapshot-focus';

/**
 * The environment's restore points, newest first: loading, empty, failed, or a virtualized list. The kinds
 * shown (`?kind=`) and the snapshot a link points at (`?snapshot=`) live in the URL, so reload and
 * back/forward keep them. In a `production` environment, deleting one asks for its name.
 */
export function SnapshotHistory({
  site,
  env,
  production,
  isVerifying = () => false,
}: {
  site: string;
  env: string;
  production: boolean;
  /** Whether a verify of this snapshot is queued or running (the environment's jobs say). */
  isVerifying?: (snapshot: Snapshot) => boolean;
}) {
  const [params, setParams] = useSearchParams();
  const kinds = parseKinds(params.get('kind'));
  const focusId = params.get('snapshot');
  const history = useSnapshots(site, env, kinds);
  const now = useNow();
  const [deleting, setDeleting] = useState<Snapshot | null>(null);
  const [labelling, setLabelling] = useState<Snapshot | null>(null);
  const snapshots = history.data?.pages.flatMap((page) => page.data) ?? [];
  const focus = useSnapshotFocus(site, env, focusId, snapshots, history);

  const update = (change: (next: URLSearchParams) => void) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        change(next);
        return next;
      },
      { preventScrollReset: true },
    );
  const showKinds = (next: SnapshotKind[]) =>
    update((search) => {
      if (next.length) search.set('kind', next.join(','));
      else search.delete('kind');
      search.delete('snapshot');
    });
  const clearFocus = () => update((search) => search.delete('snapshot'));
  const showAllKinds = () => update((search) => search.delete('kind'));

  let body;
  if (history.isPending) {
    body = <LoadingBlock label="Loading snapshots…" lines={4} />;
  } else if (history.isError && snapshots.length === 0) {
    body = (
      <ErrorState
        error={history.error}
        onRetry={() => void history.refetch()}
        retrying={history.isFetching}
      />
    );
  } else if (snapshots.length === 0 && kinds.length > 0) {
    body = (
      <EmptyState
        title={`No ${kindsInWords(kinds)} snapshots`}
        action={<Button onClick={() => showKinds([])}>Show all snapshots</Button>}
      >
        None of this environment's snapshots is of the {kinds.length === 1 ? 'kind' : 'kinds'} shown.
      </EmptyState>
    );
  } else if (snapshots.length === 0) {
    body = (
      <EmptyState
        title="No snapshots yet — take the first one"
        action={<TakeSnapshotDialog site={site} env={env} />}
      >
        A snapshot captures the environment's databases and files as they are, so you can bring them back
        later.
      </EmptyState>
    );
  } else {
    body = (
      <SnapshotList
        snapshots={snapshots}
        hasNextPage={history.hasNextPage}
        isFetchingNextPage={history.isFetchingNextPage}
        nextPageError={history.isFetchNextPageError}
        fetchNextPage={() => void history.fetchNextPage()}
        focusedId={focus.focused?.id ?? null}
        renderRow={(snapshot, layout) => (
          <SnapshotRow
            site={site}
            env={env}
            snapshot={snapshot}
            now={now}
            layout={layout}
            onDelete={setDeleting}
            onEditLabel={setLabelling}
            verifying={isVerifying(snapshot)}
          />
        )}
      />
    );
  }

  return (
    <section aria-labelledby="history-title" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2">
        <h2 id="history-title" className="text-sm font-semibold tracking-wide text-ink-muted uppercase">
          Snapshot history
        </h2>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <KindFilter value={kinds} onChange={showKinds} />
          {snapshots.length > 0 && <p className="text-xs text-ink-muted">Newest first</p>}
        </div>
      </div>
      {(focus.focused || focus.gone || focus.hidden) && (
        <Note className="flex flex-wrap items-center justify-between gap-2">
          <span role="status">
            {focus.focused
              ? `Showing the snapshot of ${formatShortTime(focus.focused.created_at)}, highlighted below.`
              : focus.hidden
                ? 'The snapshot the link points at is not of the kinds shown.'
                : 'That snapshot is no longer in this history: it was deleted, or pruned by the backup policy.'}
          </span>
          {focus.hidden ? (
            <Button size="sm" variant="ghost" onClick={showAllKinds}>
              Show all kinds
            </Button>
          ) : (
            <Button size="sm" variant="ghost" onClick={clearFocus}>
              {focus.gone ? 'Dismiss' : 'Clear highlight'}
            </Button>
          )}
        </Note>
      )}
      {body}
      <DeleteSnapshotDialog
        site={site}
        env={env}
        production={production}
        snapshot={deleting}
        onClose={() => setDeleting(null)}
      />
      <EditLabelDialog site={site} env={env} snapshot={labelling} onClose={() => setLabelling(null)} />
    </section>
  );
}
