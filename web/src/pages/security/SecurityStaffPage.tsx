import { useState } from 'react';
import { Alert, Anchor, Button, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconLockOpen } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { problemOf, unwrap } from '../../api/problem';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type DataTableColumn } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { RequireLogin } from '../../components/RequireLogin';
import { notify } from '../auth/notify';
import { formatDateTimeSeconds } from '../settings/format';
import classes from '../settings/settings.module.css';

type Blocked = Awaited<ReturnType<typeof fetchBlocked>>['items'][number];
type SecurityEvent = Awaited<ReturnType<typeof fetchEvents>>['items'][number];

const keys = { blocked: ['security', 'blocked'] as const, events: ['security', 'events'] as const };
const fetchBlocked = async () => unwrap(await api.GET('/api/security/blocked-sources'));
const fetchEvents = async () =>
  unwrap(await api.GET('/api/security/events', { params: { query: { limit: 200 } } }));

const STAFF_ROLES = ['security', 'admin'];

/** `/security`: the security staff's console — suspicious login events and blocked addresses. */
export function SecurityStaffPage() {
  return (
    <>
      <PageHeader
        title="Служба безопасности"
        description="Подозрительные входы за 30 дней и адреса, с которых вход временно ограничен."
      />
      <RequireLogin what="Раздел службы безопасности доступен после входа.">
        {(user) =>
          user.roles.some((r) => STAFF_ROLES.includes(r)) ? (
            <Stack gap="xl">
              <BlockedSources timeZone={user.timeZone} />
              <Events timeZone={user.timeZone} />
            </Stack>
          ) : (
            <EmptyState title="Нет доступа">
              Этот раздел — для сотрудников службы безопасности. Если вы должны его видеть, обратитесь к
              администратору.
            </EmptyState>
          )
        }
      </RequireLogin>
    </>
  );
}

function BlockedSources({ timeZone }: { timeZone: string }) {
  const queryClient = useQueryClient();
  const blocked = useQuery({ queryKey: keys.blocked, queryFn: fetchBlocked });
  const [lifting, setLifting] = useState<Blocked | null>(null);
  const lift = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/api/security/blocked-sources/{id}/lift', { params: { path: { id } } })),
    onSuccess: () => {
      notify('green', 'Блокировка снята', `С адреса ${lifting?.ip ?? ''} снова можно входить.`);
      setLifting(null);
      void queryClient.invalidateQueries({ queryKey: ['security'] });
    },
    onError: () => setLifting(null),
  });

  const columns: DataTableColumn<Blocked>[] = [
    { key: 'ip', header: 'Адрес', primary: true, value: (b) => b.ip },
    { key: 'reason', header: 'Причина', value: (b) => b.reason },
    {
      key: 'from',
      header: 'С',
      value: (b) => new Date(b.blockedAt),
      render: (b) => formatDateTimeSeconds(b.blockedAt, timeZone),
      sortable: true,
    },
    {
      key: 'until',
      header: 'До',
      value: (b) => new Date(b.blockedUntil),
      render: (b) => formatDateTimeSeconds(b.blockedUntil, timeZone),
    },
    {
      key: 'state',
      header: 'Состояние',
      value: (b) => (b.active ? 'Действует' : b.liftedAt ? 'Снята' : 'Истекла'),
      render: (b) =>
        b.active ? <Text fw={700}>Действует</Text> : <Text>{b.liftedAt ? 'Снята' : 'Истекла'}</Text>,
    },
    {
      key: 'action',
      header: 'Действие',
      value: () => '',
      render: (b) =>
        b.active ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconLockOpen size={16} aria-hidden="true" />}
            onClick={() => setLifting(b)}
          >
            Снять блокировку
          </Button>
        ) : null,
    },
  ];

  return (
    <section className={classes.stack} aria-labelledby="blocked-title">
      <Title order={2} id="blocked-title">
        Заблокированные адреса
      </Title>
      <Text className={classes.dimmed}>
        Адрес блокируется на час после 30 неудачных входов в разные учётные записи за 15 минут или при
        невозможном перемещении между двумя входами одной учётной записи.
      </Text>
      {lift.error ? (
        <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
          {problemOf(lift.error).detail}
        </Alert>
      ) : null}
      {blocked.isPending ? (
        <Skeleton height={120} />
      ) : blocked.isError ? (
        <Alert role="alert" color="red" variant="light">
          {problemOf(blocked.error).detail}
        </Alert>
      ) : (
        <DataTable
          caption="Заблокированные адреса за сутки"
          captionHidden
          columns={columns}
          rows={blocked.data.items}
          rowKey={(b) => b.id}
          pageSize={20}
          empty={<EmptyState compact>За сутки ни один адрес не блокировался.</EmptyState>}
        />
      )}
      <ConfirmDialog
        opened={!!lifting}
        onClose={() => setLifting(null)}
        onConfirm={() => lifting && lift.mutate(lifting.id)}
        title="Снять блокировку адреса?"
        confirmLabel="Снять блокировку"
        loading={lift.isPending}
      >
        С адреса {lifting?.ip} снова можно будет входить. Снятие записывается в журнал аудита.
      </ConfirmDialog>
    </section>
  );
}

function Events({ timeZone }: { timeZone: string }) {
  const events = useQuery({ queryKey: keys.events, queryFn: fetchEvents });
  const columns: DataTableColumn<SecurityEvent>[] = [
    {
      key: 'at',
      header: 'Время',
      value: (e) => new Date(e.at),
      render: (e) => formatDateTimeSeconds(e.at, timeZone),
      sortable: true,
    },
    { key: 'title', header: 'Событие', primary: true, value: (e) => e.title },
    { key: 'description', header: 'Подробности', value: (e) => e.description ?? '' },
    { key: 'ip', header: 'Адрес', value: (e) => e.ip ?? '—' },
    { key: 'account', header: 'Учётная запись', value: (e) => e.account?.name ?? '—' },
  ];
  return (
    <section className={classes.stack} aria-labelledby="events-title">
      <Title order={2} id="events-title">
        Подозрительные события
      </Title>
      {events.isPending ? (
        <Skeleton height={160} />
      ) : events.isError ? (
        <Alert role="alert" color="red" variant="light">
          {problemOf(events.error).detail}
        </Alert>
      ) : (
        <DataTable
          caption="Подозрительные события за 30 дней"
          captionHidden
          columns={columns}
          rows={events.data.items}
          rowKey={(e) => String(e.id)}
          pageSize={20}
          initialSort={{ key: 'at', direction: 'desc' }}
          empty={<EmptyState compact>За 30 дней подозрительных событий не было.</EmptyState>}
        />
      )}
      <Text size="sm" c="dimmed">
        Места входов определяются по IP-адресу приблизительно:{' '}
        <Anchor href="https://db-ip.com/" target="_blank" rel="noreferrer">
          IP Geolocation by DB-IP
        </Anchor>
        .
      </Text>
    </section>
  );
}
