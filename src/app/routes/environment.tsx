import { useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Link, Outlet, useParams } from 'react-router';
import { LoadingBlock, Skeleton } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { paths } from '@/config/paths';
import { BackupPolicyPanel } from '@/features/backup-policy/components/backup-policy-panel';
import { useActiveJobs } from '@/features/jobs/api/get-active-jobs';
import { EnvironmentJobs } from '@/features/jobs/components/environment-jobs';
import { JobInlineById } from '@/features/jobs/components/job-inline';
import { LastRestoreBar } from '@/features/restore/components/last-restore-bar';
import { useEnvironment } from '@/features/sites/api/get-environments';
import { EnvironmentHeader } from '@/features/sites/components/environment-header';
import { ServicesList } from '@/features/sites/components/services-list';
import { SnapshotHistory } from '@/features/snapshots/components/snapshot-history';
import { TakeSnapshotDialog } from '@/features/snapshots/components/take-snapshot-dialog';
import { VerifyAllButton } from '@/features/snapshots/components/verify-all-button';
import { hasStatus } from '@/lib/errors';
import { announceUndo } from '../restore-toasts';

function EnvironmentSkeleton() {
  return (
    <div className="space-y-8">
      <div role="status" className="space-y-2">
        <span className="sr-only">Loading the environment…</span>
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-8 w-56" />
      </div>
      <LoadingBlock label="Loading services…" lines={2} />
    </div>
  );
}

/** /sites/:site/environments/:env — the environment, its running job, its services and its history. */
export function EnvironmentRoute() {
  const { site = '', env = '' } = useParams();
  const environment = useEnvironment(site, env);
  const client = useQueryClient();
  const active = useActiveJobs(site);
  const verifies = (active.data?.data ?? []).filter(
    (job) => job.type === 'verify' && job.environment === (environment.data?.name ?? env),
  );
  const verifyingAll = verifies.some((job) => job.verify_scope === 'environment');

  let content;
  if (environment.isPending) {
    content = <EnvironmentSkeleton />;
  } else if (environment.isError) {
    content = hasStatus(environment.error, 404) ? (
      <EmptyState
        title="Environment not found"
        action={
          <Link to={paths.overview()} className="text-accent underline">
            Back to the overview
          </Link>
        }
      >
        {site} has no environment called {env}.
      </EmptyState>
    ) : (
      <ErrorState
        error={environment.error}
        onRetry={() => void environment.refetch()}
        retrying={environment.isFetching}
      />
    );
  } else {
    const { name, type } = environment.data;
    content = (
      <>
        <title>{`${name} · ${site} · Rewind`}</title>
        <EnvironmentHeader
          site={site}
          environment={environment.data}
          actions={
            <>
              <VerifyAllButton site={site} env={name} running={verifyingAll} />
              <TakeSnapshotDialog site={site} env={name} />
            </>
          }
        />
        <EnvironmentJobs site={site} env={name} known={environment.data.active_job} />
        <LastRestoreBar
          site={site}
          environment={environment.data}
          environmentReadAt={environment.dataUpdatedAt}
          onUndoStarted={(undo) => announceUndo(client, site, environment.data, undo)}
        />
        <ServicesList services={environment.data.services} />
        <BackupPolicyPanel
          site={site}
          env={name}
          policy={environment.data.backup_policy}
          runProgress={(jobId) => <JobInlineById jobId={jobId} />}
        />
        <SnapshotHistory
          key={`${site}/${name}`}
          site={site}
          env={name}
          production={type === 'production'}
          isVerifying={(snapshot) => verifyingAll || verifies.some((job) => job.snapshot_id === snapshot.id)}
        />
        <Suspense fallback={null}>
          <Outlet />
        </Suspense>
      </>
    );
  }
  return <div className="mx-auto max-w-6xl space-y-8">{content}</div>;
}
