import type { Job } from '@contract/schemas';
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { focusedOpener } from '@/components/ui/return-focus';
import { LoadingBlock } from '@/components/ui/skeleton';
import { ErrorState } from '@/components/ui/states';
import { paths } from '@/config/paths';
import { RestoreDialog } from '@/features/restore/components/restore-dialog';
import { RestoreDialogFrame } from '@/features/restore/components/restore-dialog-frame';
import { useEnvironments } from '@/features/sites/api/get-environments';
import { useSnapshot } from '@/features/snapshots/api/get-snapshot';

/** /sites/:site/environments/:env/restore/:snap — a restore point, linkable, opened over its environment. */
export function RestoreRoute() {
  const { site = '', env = '', snap = '' } = useParams();
  const navigate = useNavigate();
  const snapshot = useSnapshot(site, env, snap);
  const environments = useEnvironments(site);
  const { search } = useLocation();
  // Back to the history as it was shown behind the dialog (its kind filter kept).
  const close = () =>
    void navigate({ pathname: paths.environment(site, env), search }, { preventScrollReset: true });
  // The dialog has no trigger of its own: it was opened by following a link (a history row's Restore,
  // usually), which has the focus as this route first renders. When that link is gone (opened from a typed
  // address, or the row was drawn anew), the history's link to the same restore point takes the focus back.
  const [opener] = useState(focusedOpener);
  const restoreLink = paths.restore(site, env, snap);
  const returnFocusTo = () =>
    opener?.isConnected
      ? opener
      : [...document.querySelectorAll('a')].find((link) => link.getAttribute('href') === restoreLink);

  const onStarted = (job: Job) => {
    toast.success(`Restore of ${job.environment} started`, {
      description: 'A pre-restore snapshot is taken first. Follow the progress on the environment page.',
    });
    void navigate(paths.environment(site, job.environment), { replace: true, preventScrollReset: true });
  };

  if (snapshot.isError || environments.isError) {
    const failed = snapshot.isError ? snapshot : environments;
    return (
      <RestoreDialogFrame onClose={close} returnFocusTo={returnFocusTo}>
        <ErrorState error={failed.error} onRetry={() => void failed.refetch()} retrying={failed.isFetching} />
      </RestoreDialogFrame>
    );
  }
  if (snapshot.isPending || environments.isPending) {
    return (
      <RestoreDialogFrame onClose={close} returnFocusTo={returnFocusTo}>
        <LoadingBlock label="Loading the restore point…" lines={3} />
      </RestoreDialogFrame>
    );
  }
  return (
    <RestoreDialog
      site={site}
      snapshot={snapshot.data}
      environments={environments.data}
      onClose={close}
      onStarted={onStarted}
      returnFocusTo={returnFocusTo}
    />
  );
}
