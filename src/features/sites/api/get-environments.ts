import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export function environmentsQueryOptions(site: string) {
  return queryOptions({
    queryKey: queryKeys.environments.list(site),
    queryFn: async () => (await api.listEnvironments(site)).data,
  });
}

export function environmentQueryOptions(site: string, env: string) {
  return queryOptions({
    queryKey: queryKeys.environments.detail(site, env),
    queryFn: () => api.getEnvironment(site, env),
  });
}

export function useEnvironments(site: string) {
  return useQuery(environmentsQueryOptions(site));
}

export function useEnvironment(site: string, env: string) {
  return useQuery(environmentQueryOptions(site, env));
}
