import { useState } from 'react';
import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconClockHour4,
  IconCircleX,
  IconLock,
  IconLockOpen,
} from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { formatDate, formatDateTime, formatPassport } from '@kabinet/shared';
import { api } from '../../api/client';
import { formErrors, problemOf, unwrap } from '../../api/problem';
import { ErrorSummary } from '../../components/FormStep';
import { StatusBadge } from '../../components/StatusBadge';
import { notify } from '../auth/notify';
import { RecoveryPanel } from './RecoveryPanel';
import type { Citizen } from './types';
import classes from './operator.module.css';

export const citizenKey = (id: string) => ['operator', 'citizen', id] as const;

const CHECK_WORDS = {
  pending: { label: 'проверяется', Icon: IconClockHour4, color: 'var(--mantine-color-blue-7)' },
  valid: { label: 'подтверждён', Icon: IconCircleCheck, color: 'var(--mantine-color-green-8)' },
  invalid: { label: 'не подтверждён', Icon: IconCircleX, color: 'var(--mantine-color-red-8)' },
  no_answer: { label: 'нет ответа', Icon: IconAlertTriangle, color: 'var(--mantine-color-orange-8)' },
} as const;

type Action = 'confirm' | 'unlock' | 'activation';

/**
 * The found citizen: only what the operator needs, and the actions that need the passport shown
 * at the desk. Follows the registries check while it runs.
 */
export function CitizenCard({
  initial,
  canConfirm,
  onClose,
}: {
  initial: Citizen;
  /** МФЦ operators confirm identity and issue activation; support staff only unlock. */
  canConfirm: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const query = useQuery({
    queryKey: citizenKey(initial.lookupId),
    queryFn: async () =>
      unwrap(await api.GET('/api/operator/lookups/{id}', { params: { path: { id: initial.lookupId } } })),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.check?.status === 'pending' ? 2000 : false),
  });
  const c = query.data;
  const [passport, setPassport] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<Action | null>(null);

  const run = async (action: Action) => {
    if (!passport.trim()) {
      setErrors({ passport: 'Введите серию и номер паспорта, который предъявил гражданин' });
      setMessage(null);
      return;
    }
    setBusy(action);
    setErrors({});
    setMessage(null);
    try {
      const params = { path: { id: c.lookupId } };
      const body = { passport };
      if (action === 'confirm') {
        const r = unwrap(await api.POST('/api/operator/lookups/{id}/confirm', { params, body }));
        queryClient.setQueryData(citizenKey(c.lookupId), r.citizen);
        if (r.slip) {
          void navigate('/operator/slip', { state: { slip: r.slip } });
          return;
        }
        notify(
          'green',
          'Личность подтверждена',
          r.sessionsEnded > 0
            ? `Учётная запись стала подтверждённой. Сеансы гражданина завершены (${r.sessionsEnded}): ему нужно войти заново.`
            : 'Учётная запись стала подтверждённой.',
        );
      } else if (action === 'activation') {
        const r = unwrap(await api.POST('/api/operator/lookups/{id}/activation', { params, body }));
        queryClient.setQueryData(citizenKey(c.lookupId), r.citizen);
        void navigate('/operator/slip', { state: { slip: r.slip, purpose: r.citizen.activation.purpose } });
        return;
      } else {
        const r = unwrap(await api.POST('/api/operator/lookups/{id}/unlock', { params, body }));
        queryClient.setQueryData(citizenKey(c.lookupId), r.citizen);
        notify('green', 'Вход разблокирован', 'Гражданину отправлено уведомление.');
      }
      setPassport('');
    } catch (error) {
      // The detail says what to do next (wait for the check, update the passport…): always shown.
      setErrors(formErrors(error, ['passport']).fields);
      setMessage(problemOf(error).detail);
    } finally {
      setBusy(null);
    }
  };

  const pending = c.check?.status === 'pending';
  // After a recovery at the desk the passport was checked then: a new link needs no confirmed level.
  const canActivate =
    canConfirm && !c.activated && (c.level === 'confirmed' || c.activation.purpose === 'recovery');
  const showRecovery = c.recovery?.status === 'opened' || c.reasonKey === 'recovery';
  const showConfirm = canConfirm && c.level !== 'confirmed';
  return (
    <section className={classes.card} aria-labelledby="citizen-name">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <div>
            <Title order={2} id="citizen-name">
              {c.fullName ?? 'ФИО не указано'}
            </Title>
            <Text size="sm" c="dimmed">
              Цель обращения: {c.reason}. Карточка открыта до {formatDateTime(c.openUntil)}.
            </Text>
          </div>
          <StatusBadge domain="accountLevel" status={c.level} srPrefix="Уровень учётной записи:" />
        </Group>
        <dl className={classes.facts}>
          <dt>Дата рождения</dt>
          <dd>{c.birthDate ? formatDate(c.birthDate) : 'не указана'}</dd>
          <dt>Уровень</dt>
          <dd>{c.levelLabel}</dd>
          <dt>Телефон</dt>
          <dd>
            {c.phone ?? 'не указан'}
            {c.phone && !c.phoneConfirmed ? ' (не подтверждён)' : ''}
          </dd>
          <dt>Электронная почта</dt>
          <dd>
            {c.email ?? 'не указана'}
            {c.email && !c.emailConfirmed ? ' (не подтверждена)' : ''}
          </dd>
          <dt>Вход</dt>
          <dd>
            {c.locked ? (
              <Group gap={6} wrap="nowrap" component="span">
                <IconLock size={18} aria-hidden="true" color="var(--mantine-color-red-8)" />
                <span>
                  Заблокирован после неверных паролей
                  {c.lockedUntil ? ` до ${formatDateTime(c.lockedUntil)}` : ''}
                </span>
              </Group>
            ) : (
              'Не заблокирован'
            )}
          </dd>
          {c.recovery && c.recovery.status !== 'opened' ? (
            <>
              <dt>Восстановление доступа</dt>
              <dd>
                Запрос № {c.recovery.number}:{' '}
                <StatusBadge domain="recoveryRequest" status={c.recovery.status} />
              </dd>
            </>
          ) : null}
          <dt>Активация</dt>
          <dd>
            {c.activated
              ? 'Гражданин входит со своим паролем'
              : c.activation.status === 'active'
                ? `${c.activation.purpose === 'recovery' ? 'Доступ восстановлен, ссылка' : 'Ссылка'} выдана, действует до ${formatDateTime(c.activation.expiresAt)}`
                : c.activation.status === 'expired'
                  ? 'Срок ссылки истёк — выдайте новую'
                  : 'Не активирована: данные для входа выдаются после подтверждения личности'}
          </dd>
        </dl>

        {c.check ? (
          <div aria-live="polite">
            <Title order={3} size="h4" mb={4}>
              Проверка данных в ведомствах
            </Title>
            <Text mb="xs">{c.check.message}</Text>
            <ul className={classes.checks}>
              {c.check.checks.map((k) => {
                const w = CHECK_WORDS[k.status];
                return (
                  <li key={k.title}>
                    <w.Icon size={20} color={w.color} aria-hidden="true" style={{ flexShrink: 0 }} />
                    <span>
                      {k.title} ({k.registry}): <strong>{w.label}</strong>
                      {k.reason ? `. ${k.reason}` : ''}
                    </span>
                  </li>
                );
              })}
            </ul>
          </div>
        ) : null}

        {showConfirm || c.locked || canActivate ? (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void run(showConfirm ? 'confirm' : c.locked ? 'unlock' : 'activation');
            }}
          >
            <Stack gap="sm">
              <ErrorSummary
                errors={errors}
                message={message}
                fieldLabels={{ passport: 'Паспорт' }}
                headingOrder={3}
              />
              <TextInput
                id="field-passport"
                name="passport"
                label="Серия и номер предъявленного паспорта"
                description={`Сверьте с паспортом в руках гражданина, например ${formatPassport('4506123456')}`}
                value={passport}
                onChange={(e) => setPassport(e.currentTarget.value)}
                error={errors.passport}
                inputMode="numeric"
                autoComplete="off"
                maw={360}
              />
              <Group gap="sm" wrap="wrap">
                {showConfirm ? (
                  <Button
                    type="submit"
                    loading={busy === 'confirm'}
                    disabled={pending || (busy !== null && busy !== 'confirm')}
                    leftSection={<IconCircleCheck size={18} aria-hidden="true" />}
                  >
                    Подтвердить личность
                  </Button>
                ) : null}
                {c.locked ? (
                  <Button
                    type={showConfirm ? 'button' : 'submit'}
                    variant={showConfirm ? 'default' : 'filled'}
                    onClick={showConfirm ? () => void run('unlock') : undefined}
                    loading={busy === 'unlock'}
                    leftSection={<IconLockOpen size={18} aria-hidden="true" />}
                  >
                    Разблокировать
                  </Button>
                ) : null}
                {canActivate ? (
                  <Button
                    type={showConfirm || c.locked ? 'button' : 'submit'}
                    variant="default"
                    onClick={showConfirm || c.locked ? () => void run('activation') : undefined}
                    loading={busy === 'activation'}
                  >
                    Выдать новую ссылку и временный пароль
                  </Button>
                ) : null}
              </Group>
              {pending && showConfirm ? (
                <Alert color="blue" variant="light" icon={<IconClockHour4 size={20} aria-hidden="true" />}>
                  Подтвердить личность можно, когда ведомства подтвердят паспорт и СНИЛС.
                </Alert>
              ) : null}
            </Stack>
          </form>
        ) : null}
        {showRecovery ? (
          <RecoveryPanel
            citizen={c}
            onCompleted={(r) => {
              queryClient.setQueryData(citizenKey(c.lookupId), r.citizen);
              void navigate('/operator/slip', { state: { slip: r.slip, purpose: 'recovery' } });
            }}
          />
        ) : null}
        <Group>
          <Button variant="subtle" onClick={onClose}>
            Закрыть карточку
          </Button>
        </Group>
      </Stack>
    </section>
  );
}
