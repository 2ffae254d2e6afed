import { MutationCache, QueryCache, QueryClient, type DefaultOptions } from '@tanstack/react-query';
import { rememberSession } from './api-client';
import { isApiError, isUnauthorized } from './errors';
import { queryKeys } from './query-keys';

/**
 * A 401 from any query or mutation means the session is gone: forget it, and the session guard sends
 * the user to the login page (with where they were as `next`).
 */
function forgetSessionOn401(client: QueryClient, error: unknown): void {
  if (!isUnauthorized(error)) return;
  rememberSession(null);
  client.setQueryData(queryKeys.session, null);
}

export function createQueryClient(overrides: DefaultOptions = {}): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => forgetSessionOn401(client, error) }),
    mutationCache: new MutationCache({ onError: (error) => forgetSessionOn401(client, error) }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        // Client errors do not get better by asking again; network and server errors may.
        retry: (failureCount, error) => {
          if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
        ...overrides.queries,
      },
      mutations: { retry: false, ...overrides.mutations },
    },
  });
  return client;
}
