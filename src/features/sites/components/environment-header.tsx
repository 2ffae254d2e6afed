import type { Environment } from '@contract/schemas';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { formatBytes } from '@/lib/format';
import { EnvironmentTypeBadge } from './environment-type-badge';

/**
 * The environment page's title: site, name and type (production stands out), what its snapshots occupy in the
 * store (a content several share counted once), and the page's main action.
 */
export function EnvironmentHeader({
  site,
  environment,
  actions,
}: {
  site: string;
  environment: Environment;
  actions?: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
      <div className="min-w-0 space-y-1">
        <nav aria-label="Breadcrumb" className="text-sm text-ink-muted">
          <Link to={paths.overview()} className="hover:text-ink hover:underline">
            {site}
          </Link>
          <span aria-hidden="true"> / </span>
        </nav>
        <div className="flex flex-wrap items-center gap-2.5">
          <h1 className="truncate text-2xl font-semibold tracking-tight">{environment.name}</h1>
          <EnvironmentTypeBadge type={environment.type} />
        </div>
        <p className="text-sm text-ink-muted">
          {environment.store_usage_bytes > 0
            ? `Snapshots use ${formatBytes(environment.store_usage_bytes)} in the store`
            : 'Snapshots use no space in the store yet'}
        </p>
      </div>
      {actions && <div className="flex shrink-0 gap-2">{actions}</div>}
    </div>
  );
}
