import { Alert, Skeleton, Stack, Switch, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { authKeys } from '../../api/auth';
import { api } from '../../api/client';
import { problemOf, unwrap } from '../../api/problem';
import { isStepUpCancelled, useStepUp } from '../../components/StepUpDialog';
import { notify } from '../auth/notify';
import classes from './settings.module.css';

// «Способы входа»: the owner switches off the ways into the account they do not use
// (PRODUCT.md §1). The password with a second factor always stays — it is the way back in.

export const loginMethodsKey = [...authKeys.factors, 'login-methods'] as const;

type Method = 'sms' | 'bank' | 'esign';

const METHODS: Record<Method, { label: string; hint: string; unavailable: string }> = {
  sms: {
    label: 'Вход по коду из SMS вместо пароля',
    hint: 'Код приходит на подтверждённый телефон; затем нужен ещё один способ — пароль, приложение или ключ.',
    unavailable: 'Нужен подтверждённый номер телефона.',
  },
  bank: {
    label: 'Вход через банк',
    hint: 'Банк подтверждает вашу личность; при необходимости кабинет спросит второй фактор.',
    unavailable: 'Банк ещё не привязан: подтвердите личность через банк на странице уровня учётной записи.',
  },
  esign: {
    label: 'Вход по электронной подписи',
    hint: 'Сертификат квалифицированной подписи и подпись в браузере; затем второй фактор.',
    unavailable: 'Нет зарегистрированного сертификата электронной подписи.',
  },
};

export function useLoginMethods() {
  return useQuery({
    queryKey: loginMethodsKey,
    queryFn: async () => unwrap(await api.GET('/api/auth/login-methods')),
  });
}

export function LoginMethodsCard({ frozen }: { frozen: boolean }) {
  const queryClient = useQueryClient();
  const stepUp = useStepUp();
  const prefs = useLoginMethods();
  const change = useMutation({
    mutationFn: ({ method, enabled }: { method: Method; enabled: boolean }) =>
      stepUp.guard(async () =>
        unwrap(
          await api.PUT('/api/auth/login-methods/{method}', {
            params: { path: { method } },
            body: { enabled },
          }),
        ),
      ),
    onSuccess: (data, { method, enabled }) => {
      queryClient.setQueryData(loginMethodsKey, data);
      notify(
        'green',
        enabled ? 'Способ входа включён' : 'Способ входа отключён',
        `${METHODS[method].label}: ${enabled ? 'включён' : 'отключён'}.`,
      );
    },
  });

  return (
    <section className={classes.card} aria-labelledby="login-methods">
      <div className={classes.cardHead}>
        <Title order={3} id="login-methods">
          Способы входа
        </Title>
      </div>
      <p className={classes.dimmed}>
        Вход по паролю со вторым фактором есть всегда. Способы, которыми вы не пользуетесь, можно отключить —
        так у злоумышленника меньше путей в учётную запись.
      </p>
      {prefs.isPending ? (
        <Skeleton height={120} radius="md" />
      ) : prefs.isError ? (
        <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
          {problemOf(prefs.error).detail}
        </Alert>
      ) : (
        <Stack gap="md">
          {prefs.data.methods.map((m) => {
            const meta = METHODS[m.method];
            return (
              <Switch
                key={m.method}
                size="md"
                checked={m.enabled}
                disabled={frozen || change.isPending}
                label={meta.label}
                description={m.available ? meta.hint : `${meta.hint} ${meta.unavailable}`}
                onChange={(e) => change.mutate({ method: m.method, enabled: e.currentTarget.checked })}
              />
            );
          })}
        </Stack>
      )}
      {change.isError && !isStepUpCancelled(change.error) ? (
        <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
          {problemOf(change.error).detail}
        </Alert>
      ) : null}
      {stepUp.dialog}
    </section>
  );
}
