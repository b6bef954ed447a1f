import { useState } from 'react';
import { Alert, Button, Skeleton, Stack, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconDeviceDesktop,
  IconDeviceMobile,
  IconDeviceTablet,
  IconDevices,
  IconLogout,
  IconPointFilled,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { pluralize } from '@kabinet/shared';
import { authKeys, type SessionItem } from '../../api/auth';
import { api } from '../../api/client';
import { problemOf, unwrap } from '../../api/problem';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type DataTableColumn } from '../../components/DataTable';
import { formatDateTimeSeconds } from './format';
import classes from './settings.module.css';
import { notify } from '../auth/notify';

const SESSIONS = ['сеанс', 'сеанса', 'сеансов'] as const;

export function DeviceIcon({ type }: { type: string | null }) {
  const Icon =
    type === 'смартфон'
      ? IconDeviceMobile
      : type === 'планшет'
        ? IconDeviceTablet
        : type === 'компьютер'
          ? IconDeviceDesktop
          : IconDevices;
  return <Icon size={20} aria-hidden="true" style={{ verticalAlign: -4, marginRight: 6, flex: 'none' }} />;
}

/** Tab «Сеансы и устройства»: where the account is signed in now; end one or all others. */
export function SessionsSection({ timeZone }: { timeZone: string }) {
  const queryClient = useQueryClient();
  const sessions = useQuery({
    queryKey: authKeys.sessions,
    queryFn: async () => unwrap(await api.GET('/api/auth/sessions')),
  });
  const [ending, setEnding] = useState<SessionItem | null>(null);
  const [endingOthers, setEndingOthers] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: authKeys.sessions });

  const endOne = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/auth/sessions/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      setEnding(null);
      notify('green', 'Сеанс завершён', 'На том устройстве нужно будет войти заново.');
      void refresh();
    },
    onError: () => setEnding(null),
  });
  const endOthers = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/auth/sessions/end-others')),
    onSuccess: (r) => {
      setEndingOthers(false);
      notify(
        'green',
        'Другие сеансы завершены',
        r.ended > 0 ? `Завершено: ${pluralize(r.ended, SESSIONS)}.` : 'Других сеансов не было.',
      );
      void refresh();
    },
    onError: () => setEndingOthers(false),
  });

  const columns: DataTableColumn<SessionItem>[] = [
    {
      key: 'device',
      header: 'Устройство',
      primary: true,
      value: (s) => `${s.browser}, ${s.os}`,
      render: (s) => (
        <span>
          <DeviceIcon type={s.deviceType} />
          {s.browser}, {s.os}
          {s.current ? (
            <>
              {' '}
              <span className={classes.current}>
                <IconPointFilled size={14} aria-hidden="true" />
                Это устройство
              </span>
            </>
          ) : null}
        </span>
      ),
    },
    { key: 'type', header: 'Тип устройства', value: (s) => s.deviceType },
    {
      key: 'created',
      header: 'Вход',
      value: (s) => new Date(s.createdAt),
      render: (s) => formatDateTimeSeconds(s.createdAt, timeZone),
      sortable: true,
    },
    {
      key: 'seen',
      header: 'Последняя активность',
      value: (s) => new Date(s.lastSeenAt),
      render: (s) => formatDateTimeSeconds(s.lastSeenAt, timeZone),
      sortable: true,
    },
    { key: 'ip', header: 'IP-адрес', value: (s) => s.ip ?? 'неизвестен' },
    { key: 'method', header: 'Способ входа', value: (s) => s.method },
  ];

  const others = sessions.data?.items.filter((s) => !s.current).length ?? 0;
  const error = endOne.error ?? endOthers.error;

  return (
    <div className={classes.stack}>
      <div className={classes.cardHead}>
        <Title order={2}>Сеансы и устройства</Title>
        <Button
          variant="default"
          color="red"
          leftSection={<IconLogout size={18} aria-hidden="true" />}
          onClick={() => setEndingOthers(true)}
          disabled={others === 0}
        >
          Завершить все другие сеансы
        </Button>
      </div>
      <p className={classes.dimmed}>
        Где сейчас открыт ваш кабинет. Сеанс завершается сам после 30 минут бездействия и не позже чем через
        12 часов после входа. Не узнаёте устройство? Завершите сеанс и смените пароль.
      </p>
      {error ? (
        <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
          {problemOf(error).detail}
        </Alert>
      ) : null}
      {sessions.isPending ? (
        <Stack gap="xs" aria-busy="true">
          <span className="kb-visually-hidden">Загрузка…</span>
          <Skeleton height={48} />
          <Skeleton height={48} />
        </Stack>
      ) : sessions.isError ? (
        <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
          {problemOf(sessions.error).detail}
        </Alert>
      ) : (
        <DataTable
          caption="Активные сеансы"
          captionHidden
          columns={columns}
          rows={sessions.data.items}
          rowKey={(s) => s.id}
          initialSort={{ key: 'seen', direction: 'desc' }}
          rowActions={(s) =>
            s.current ? null : (
              <Button
                variant="default"
                color="red"
                onClick={() => setEnding(s)}
                aria-label={`Завершить сеанс: ${s.browser}, ${s.os}, IP ${s.ip ?? 'неизвестен'}`}
              >
                Завершить сеанс
              </Button>
            )
          }
        />
      )}
      <ConfirmDialog
        opened={!!ending}
        onClose={() => setEnding(null)}
        onConfirm={() => ending && endOne.mutate(ending.id)}
        title="Завершить сеанс?"
        confirmLabel="Завершить сеанс"
        danger
        loading={endOne.isPending}
      >
        На устройстве «{ending?.browser}, {ending?.os}» нужно будет войти заново.
      </ConfirmDialog>
      <ConfirmDialog
        opened={endingOthers}
        onClose={() => setEndingOthers(false)}
        onConfirm={() => endOthers.mutate()}
        title="Завершить все другие сеансы?"
        confirmLabel="Завершить"
        danger
        loading={endOthers.isPending}
      >
        Кабинет закроется на всех устройствах, кроме этого ({pluralize(others, SESSIONS)}).
      </ConfirmDialog>
    </div>
  );
}
