import type { ReactNode } from 'react';
import { Skeleton, Stack } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useLocation } from 'react-router';
import { useMe, type Me } from '../api/me';
import { EmptyState } from './EmptyState';

export function loginHref(returnTo?: string): string {
  return returnTo && returnTo !== '/' ? `/login?next=${encodeURIComponent(returnTo)}` : '/login';
}

/**
 * Renders children(user) for a signed-in user; a guest gets an invitation to sign in (the page keeps
 * its heading, rendered by the caller above this).
 */
export function RequireLogin({ children, what }: { children: (user: Me) => ReactNode; what: string }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <Stack gap="sm" aria-busy="true">
        <span className="kb-visually-hidden">Загрузка…</span>
        <Skeleton height={120} radius="lg" />
        <Skeleton height={120} radius="lg" />
      </Stack>
    );
  }
  if (!me.data) {
    return (
      <EmptyState
        icon={IconLock}
        title="Войдите в личный кабинет"
        action={{ label: 'Войти', to: loginHref(location.pathname + location.search) }}
        secondaryAction={{ label: 'Зарегистрироваться', to: '/register' }}
      >
        {what}
      </EmptyState>
    );
  }
  return <>{children(me.data)}</>;
}
