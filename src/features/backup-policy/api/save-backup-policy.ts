import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BackupPolicyRequest } from '@contract/requests';
import type { Environment } from '@contract/schemas';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** PUT the environment's backup policy; the environment (which carries it) shows the saved one at once. */
export function useSaveBackupPolicy(site: string, env: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BackupPolicyRequest) => api.putBackupPolicy(site, env, body),
    onSuccess: async (policy) => {
      client.setQueryData<Environment>(queryKeys.environments.detail(site, env), (old) =>
        old ? { ...old, backup_policy: policy, next_backup_at: policy.next_run_at } : old,
      );
      await client.invalidateQueries({ queryKey: queryKeys.environments.site(site) });
    },
  });
}
