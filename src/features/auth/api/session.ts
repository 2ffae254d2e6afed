import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { api, rememberSession } from '@/lib/api-client';
import { isUnauthorized } from '@/lib/errors';
import { queryKeys } from '@/lib/query-keys';

/** The current session, or null when signed out (a 401 is an answer here, not an error). */
export function sessionQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.session,
    queryFn: async () => {
      try {
        const session = await api.getSession();
        rememberSession(session);
        return session;
      } catch (error) {
        if (!isUnauthorized(error)) throw error;
        rememberSession(null);
        return null;
      }
    },
    // Known until a 401 says otherwise (the query client then sets it to null).
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api.signIn(token),
    onSuccess: (session) => {
      rememberSession(session);
      client.setQueryData(queryKeys.session, session);
      // Whatever failed while signed out is worth asking again.
      void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session[0] });
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.signOut(),
    onSuccess: () => {
      rememberSession(null);
      client.setQueryData(queryKeys.session, null);
      void navigate(paths.login(), { replace: true });
    },
  });
}
