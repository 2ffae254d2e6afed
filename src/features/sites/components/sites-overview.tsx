import type { Site } from '@contract/schemas';
import { LoadingBlock } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { useSites } from '../api/get-sites';
import { useEnvironments } from '../api/get-environments';
import { EnvironmentCard, type RenderJob } from './environment-card';

function SiteSection({ site, renderJob }: { site: Site; renderJob?: RenderJob }) {
  const environments = useEnvironments(site.slug);
  const headingId = `site-${site.slug}`;
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <div className="flex items-baseline gap-2">
        <h2 id={headingId} className="text-lg font-semibold">
          {site.name}
        </h2>
        <span className="font-mono text-xs text-ink-muted">{site.slug}</span>
      </div>
      {environments.isPending ? (
        <LoadingBlock label={`Loading the environments of ${site.name}…`} lines={2} />
      ) : environments.isError ? (
        <ErrorState
          error={environments.error}
          onRetry={() => void environments.refetch()}
          retrying={environments.isFetching}
        />
      ) : environments.data.length === 0 ? (
        <p className="text-sm text-ink-muted">This site has no environments.</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {environments.data.map((environment) => (
            <EnvironmentCard
              key={environment.id}
              site={site.slug}
              environment={environment}
              renderJob={renderJob}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Every site with its environments. */
export function SitesOverview({ renderJob }: { renderJob?: RenderJob }) {
  const sites = useSites();
  if (sites.isPending) return <LoadingBlock label="Loading sites…" />;
  if (sites.isError) {
    return (
      <ErrorState error={sites.error} onRetry={() => void sites.refetch()} retrying={sites.isFetching} />
    );
  }
  if (sites.data.length === 0) {
    return (
      <EmptyState title="No sites yet">
        Describe your sites in a config file (<code className="font-mono">REWIND_CONFIG</code>) and restart
        Rewind.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-8">
      {sites.data.map((site) => (
        <SiteSection key={site.id} site={site} renderJob={renderJob} />
      ))}
    </div>
  );
}
