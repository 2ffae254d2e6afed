/**
 * Every query key of the dashboard, hierarchical so a prefix invalidates a family:
 * `snapshots.all` → `snapshots.list(site, env)`; `environments.site(site)` → its list and its details.
 * Sites are keyed by the slug and environments by the name used in the URL.
 */
export const queryKeys = {
  session: ['session'] as const,
  sites: {
    all: ['sites'] as const,
    list: () => [...queryKeys.sites.all, 'list'] as const,
  },
  environments: {
    all: ['environments'] as const,
    site: (site: string) => [...queryKeys.environments.all, site] as const,
    list: (site: string) => [...queryKeys.environments.site(site), 'list'] as const,
    detail: (site: string, env: string) => [...queryKeys.environments.site(site), 'detail', env] as const,
  },
  snapshots: {
    all: ['snapshots'] as const,
    list: (site: string, env: string) => [...queryKeys.snapshots.all, 'list', site, env] as const,
    detail: (site: string, snap: string) => [...queryKeys.snapshots.all, 'detail', site, snap] as const,
    storage: (site: string, snap: string) => [...queryKeys.snapshots.all, 'storage', site, snap] as const,
  },
  jobs: {
    all: ['jobs'] as const,
    active: (site: string) => [...queryKeys.jobs.all, 'active', site] as const,
    detail: (job: string) => [...queryKeys.jobs.all, 'detail', job] as const,
  },
};
