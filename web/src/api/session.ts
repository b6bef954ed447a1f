import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { notifications } from '@mantine/notifications';
import { apiFetch } from './client';
import { resetCsrfToken } from './csrf';
import { meQueryKey } from './me';
import { problemOf } from './problem';

/** Ends the session. Owned by the identity module; kept here so the header has one place to call. */
export const LOGOUT_PATH = '/api/auth/logout';

export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => apiFetch(LOGOUT_PATH, { method: 'POST' }),
    onSuccess: () => {
      resetCsrfToken();
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
      void navigate('/');
      notifications.show({ color: 'green', title: 'Вы вышли из личного кабинета', message: 'До встречи!' });
    },
    onError: (error) => {
      notifications.show({ color: 'red', title: 'Не удалось выйти', message: problemOf(error).detail });
    },
  });
}
