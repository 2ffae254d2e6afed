import { useQueries } from '@tanstack/react-query';
import { SitesNav, type SiteNavGroup } from '@/components/layout/sites-nav';
import { useSites } from '../api/get-sites';
import { environmentsQueryOptions } from '../api/get-environments';

/** The sidebar's data: every site and its environments. */
export function SiteNavigation({ onNavigate }: { onNavigate?: () => void }) {
  const sites = useSites();
  const environments = useQueries({
    queries: (sites.data ?? []).map((site) => environmentsQueryOptions(site.slug)),
  });
  const groups: SiteNavGroup[] = (sites.data ?? []).map((site, index) => ({
    slug: site.slug,
    name: site.name,
    environments: (environments[index]?.data ?? []).map((env) => ({ name: env.name, type: env.type })),
    loading: environments[index]?.isPending ?? true,
  }));
  return (
    <SitesNav
      groups={groups}
      loading={sites.isPending}
      error={sites.error}
      onRetry={() => void sites.refetch()}
      onNavigate={onNavigate}
    />
  );
}
