import { JobInline } from '@/features/jobs/components/job-inline';
import { SitesOverview } from '@/features/sites/components/sites-overview';

export function OverviewRoute() {
  return (
    <section aria-labelledby="overview-title" className="mx-auto max-w-6xl space-y-6">
      <title>Overview · Rewind</title>
      <div className="space-y-1">
        <h1 id="overview-title" className="text-2xl font-semibold tracking-tight">
          Overview
        </h1>
        <p className="text-ink-muted">
          Every site and environment, with its latest snapshot and any running job.
        </p>
      </div>
      <SitesOverview renderJob={(site, job) => <JobInline site={site} job={job} />} />
    </section>
  );
}
