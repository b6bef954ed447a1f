import { useQuery } from '@tanstack/react-query';
import type { paths } from './openapi';
import { api } from './client';
import { ApiError, toProblem } from './problem';

/** The signed-in user as GET /api/me returns it. */
export type Me = paths['/api/me']['get']['responses'][200]['content']['application/json'];

export const meQueryKey = ['me'] as const;

/** The current user, or null for a guest (401). Other failures throw ApiError. */
export async function fetchMe(): Promise<Me | null> {
  const { data, error, response } = await api.GET('/api/me');
  if (response.status === 401) return null;
  if (error !== undefined || !data) throw new ApiError(toProblem(error, response));
  return data;
}

/**
 * The signed-in user: `data` is the user, null for a guest, undefined while loading. When the server
 * cannot be reached the query errors and the page treats the visitor as a guest.
 */
export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: fetchMe,
    staleTime: 60_000,
    retry: (failures, error) =>
      failures < 1 && !(error instanceof ApiError && error.status > 0 && error.status < 500),
  });
}

/** The user or null, for components that only need to know who is there. */
export function useCurrentUser(): { user: Me | null; loading: boolean } {
  const me = useMe();
  return { user: me.data ?? null, loading: me.isPending };
}
