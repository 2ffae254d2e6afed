import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
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
      <div role="status" className="grid min-h-dvh place-items-center text-ink-muted">
        <span className="flex items-center gap-2">
          <SpinnerIcon className="size-5" /> Loading Rewind…
        </span>
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
