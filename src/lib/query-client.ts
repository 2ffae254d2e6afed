import { MutationCache, QueryCache, QueryClient, type DefaultOptions } from '@tanstack/react-query';
import { rememberSession } from './api-client';
import { isApiError, isUnauthorized, isUnreachable } from './errors';
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
        // Client errors do not get better by asking again; server errors may. While Rewind is out of reach
        // (the connection banner says so) queries keep asking, backing off to every 10 s, so they come back
        // by themselves.
        retry: (failureCount, error) => {
          if (isUnreachable(error)) return true;
          if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
        retryDelay: (failureCount) => Math.min(1000 * 2 ** failureCount, 10_000),
        ...overrides.queries,
      },
      mutations: { retry: false, ...overrides.mutations },
    },
  });
  return client;
}
