import type { Environment, Job } from '@contract/schemas';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { RelativeTime } from '@/components/ui/relative-time';
import { paths } from '@/config/paths';
import { EnvironmentTypeBadge } from './environment-type-badge';
import { LatestSnapshot } from './latest-snapshot';

export type RenderJob = (site: string, job: Job) => ReactNode;

/** One environment on the overview: its name and type, its latest snapshot and any running job. */
export function EnvironmentCard({
  site,
  environment,
  renderJob,
}: {
  site: string;
  environment: Environment;
  renderJob?: RenderJob;
}) {
  const job = environment.active_job;
  return (
    <li className="relative flex flex-col gap-3 rounded-xl border border-border bg-surface p-4 shadow-xs transition-shadow focus-within:shadow-md hover:shadow-md">
      <div className="flex items-start justify-between gap-3">
        <h3 className="min-w-0 font-semibold">
          {/* The whole card is the link's hit area; the name is its accessible name. */}
          <Link
            to={paths.environment(site, environment.name)}
            className="truncate after:absolute after:inset-0 after:rounded-xl after:content-[''] focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-accent"
          >
            {environment.name}
          </Link>
        </h3>
        <EnvironmentTypeBadge type={environment.type} />
      </div>
      <LatestSnapshot snapshot={environment.latest_snapshot} />
      {environment.next_backup_at && (
        <p className="text-sm text-ink-muted">
          Next scheduled backup <RelativeTime value={environment.next_backup_at} className="text-ink" />
        </p>
      )}
      {job && <div className="relative z-10">{renderJob ? renderJob(site, job) : null}</div>}
    </li>
  );
}
