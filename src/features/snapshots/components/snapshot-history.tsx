import type { Snapshot } from '@contract/schemas';
import { useState } from 'react';
import { LoadingBlock } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { useNow } from '@/hooks/use-now';
import { useSnapshots } from '../api/get-snapshots';
import { DeleteSnapshotDialog } from './delete-snapshot-dialog';
import { EditLabelDialog } from './edit-label-dialog';
import { SnapshotList } from './snapshot-list';
import { SnapshotRow } from './snapshot-row';
import { TakeSnapshotDialog } from './take-snapshot-dialog';

/**
 * The environment's restore points, newest first: loading, empty, failed, or a virtualized list. In a
 * `production` environment, deleting one asks for its name.
 */
export function SnapshotHistory({
  site,
  env,
  production,
}: {
  site: string;
  env: string;
  production: boolean;
}) {
  const history = useSnapshots(site, env);
  const now = useNow();
  const [deleting, setDeleting] = useState<Snapshot | null>(null);
  const [labelling, setLabelling] = useState<Snapshot | null>(null);
  const snapshots = history.data?.pages.flatMap((page) => page.data) ?? [];

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
        renderRow={(snapshot, layout) => (
          <SnapshotRow
            site={site}
            env={env}
            snapshot={snapshot}
            now={now}
            layout={layout}
            onDelete={setDeleting}
            onEditLabel={setLabelling}
          />
        )}
      />
    );
  }

  return (
    <section aria-labelledby="history-title" className="space-y-3">
      <div className="flex items-baseline justify-between gap-3">
        <h2 id="history-title" className="text-sm font-semibold tracking-wide text-ink-muted uppercase">
          Snapshot history
        </h2>
        {snapshots.length > 0 && <p className="text-xs text-ink-muted">Newest first</p>}
      </div>
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
