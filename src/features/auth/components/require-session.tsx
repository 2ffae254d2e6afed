import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ConnectionBanner } from '@/components/layout/connection-banner';
import { ErrorState } from '@/components/ui/states';
import { SpinnerIcon } from '@/components/ui/icons';
import { paths } from '@/config/paths';
import { sessionQueryOptions } from '../api/session';

/** Renders its children for a signed-in user; otherwise goes to the login page, which comes back here. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useQuery(sessionQueryOptions());
  const location = useLocation();

  if (session.isPending) {
    return (
      <div className="grid min-h-dvh place-items-center p-4 text-ink-muted">
        <div className="space-y-4">
          <p role="status" className="flex items-center justify-center gap-2">
            <SpinnerIcon className="size-5" /> Loading Rewind…
          </p>
          <ConnectionBanner className="max-w-md text-ink" />
        </div>
      </div>
    );
  }
  if (session.isError) {
    return (
      <div className="grid min-h-dvh place-items-center p-4">
        <ErrorState
          error={session.error}
          onRetry={() => void session.refetch()}
          retrying={session.isFetching}
          className="max-w-md"
        />
      </div>
    );
  }
  if (!session.data) {
    return <Navigate to={paths.login(`${location.pathname}${location.search}`)} replace />;
  }
  return children;
}
