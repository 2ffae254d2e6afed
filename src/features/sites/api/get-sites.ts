import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export function sitesQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.sites.list(),
    queryFn: async () => (await api.listSites()).data,
  });
}

export function useSites() {
  return useQuery(sitesQueryOptions());
}
