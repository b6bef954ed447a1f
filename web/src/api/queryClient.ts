import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { meQueryKey } from './me';
import { ApiError } from './problem';

/** A 401 anywhere means the session ended: the shell switches to the guest view. */
function onApiError(error: unknown) {
  if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(meQueryKey, null);
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (failures, error) =>
        failures < 2 && !(error instanceof ApiError && error.status > 0 && error.status < 500),
      refetchOnWindowFocus: true,
    },
  },
});
