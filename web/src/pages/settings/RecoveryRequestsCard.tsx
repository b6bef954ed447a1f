import { useState } from 'react';
import { Button, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatDateTime } from '@kabinet/shared';
import { api } from '../../api/client';
import { problemOf, unwrap } from '../../api/problem';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { StatusBadge } from '../../components/StatusBadge';
import { notify } from '../auth/notify';
import classes from './settings.module.css';

const requestsKey = ['auth', 'recovery-requests'] as const;

const METHODS = { bank: 'через банк', esign: 'электронной подписью', mfc: 'в МФЦ' } as const;

/**
 * Requests to recover access to this account when the contacts are lost (opened with the passport
 * and the security question). An open one the owner did not make can be cancelled here — the
 * notice about it says so. Shown only when there are any.
 */
export function RecoveryRequestsCard({ timeZone }: { timeZone: string }) {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: requestsKey,
    queryFn: async () => unwrap(await api.GET('/api/auth/recovery/requests')).items,
  });
  const [cancelling, setCancelling] = useState<string | null>(null);
  const cancel = useMutation({
    mutationFn: async (number: string) =>
      unwrap(await api.POST('/api/auth/recovery/requests/{number}/cancel', { params: { path: { number } } })),
    onSuccess: async () => {
      notify('green', 'Запрос отменён', 'Восстановить доступ по нему больше нельзя.');
      setCancelling(null);
      await queryClient.invalidateQueries({ queryKey: requestsKey });
    },
    onError: (error) => {
      setCancelling(null);
      notify('red', 'Не получилось отменить запрос', problemOf(error).detail);
    },
  });
  if (!list.data?.length) return null;
  return (
    <section className={classes.card} aria-labelledby="recovery-requests-title">
      <Text component="h2" fw={700} size="xl" id="recovery-requests-title">
        Запросы на восстановление доступа
      </Text>
      <Text>
        Открываются по паспорту и ответу на контрольный вопрос, если нет доступа к телефону и почте. Если
        запрос открыли не вы — отмените его и смените контрольный вопрос.
      </Text>
      <ul className={classes.list}>
        {list.data.map((r) => (
          <li key={r.number} className={classes.item}>
            <div>
              <p className={classes.itemTitle}>Запрос № {r.number}</p>
              <p className={classes.itemMeta}>
                Открыт {formatDateTime(r.openedAt, timeZone)}
                {r.openedVia === 'mfc' ? ' в МФЦ' : ''}
                {r.status === 'opened' ? `, действует до ${formatDateTime(r.expiresAt, timeZone)}` : ''}
                {r.completedAt && r.completedBy
                  ? `, выполнен ${METHODS[r.completedBy]} ${formatDateTime(r.completedAt, timeZone)}`
                  : ''}
              </p>
            </div>
            <div className={classes.actions}>
              <StatusBadge domain="recoveryRequest" status={r.status} />
              {r.status === 'opened' ? (
                <Button variant="default" color="red" onClick={() => setCancelling(r.number)}>
                  Отменить запрос
                </Button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        opened={!!cancelling}
        onClose={() => setCancelling(null)}
        onConfirm={() => cancelling && cancel.mutate(cancelling)}
        title="Отменить запрос?"
        confirmLabel="Отменить запрос"
        cancelLabel="Не отменять"
        danger
        loading={cancel.isPending}
      >
        Восстановить доступ по запросу {cancelling} будет нельзя.
      </ConfirmDialog>
    </section>
  );
}
