import { useQuery } from '@tanstack/react-query';
import type { paths } from '../../api/openapi';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';

/** GET /api/identity/standard: the caller's level and the state of the registries' checks. */
export type StandardView =
  paths['/api/identity/standard']['get']['responses'][200]['content']['application/json'];

export const standardQueryKey = ['identity', 'standard'] as const;

/** How often a pending check is asked about: the registries answer within seconds to minutes. */
export const POLL_MS = 2000;

/** The standard-level state; polled while the registries are still checking. */
export function useStandard(enabled: boolean) {
  return useQuery({
    queryKey: standardQueryKey,
    queryFn: async () => unwrap(await api.GET('/api/identity/standard')),
    enabled,
    refetchInterval: (q) => (q.state.data?.status === 'pending' ? POLL_MS : false),
  });
}
