import { useState } from 'react';
import { Alert, Anchor, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { codeFactorsOnly, type FactorOption } from '../../api/auth';
import { api } from '../../api/client';
import { meQueryKey } from '../../api/me';
import type { paths } from '../../api/openapi';
import { formErrors, problemOf, unwrap } from '../../api/problem';
import { FormStep } from '../../components/FormStep';
import { PageHeader } from '../../components/PageHeader';
import { PushFactor } from '../../components/PushFactor';
import {
  codeComplete,
  FactorChooser,
  normaliseCode,
  pushDeviceName,
  SecondFactorFields,
  useSecondFactor,
} from '../../components/SecondFactor';
import { loginPush } from '../auth/loginPush';
import page from '../pages.module.css';

type Outcome = paths['/api/auth/bank/result']['get']['responses'][200]['content']['application/json'];

const TITLES: Record<Outcome['purpose'], string> = {
  login: 'Вход через банк',
  register: 'Регистрация через банк',
  confirm: 'Подтверждение личности через банк',
  recover: 'Восстановление доступа через банк',
};

/** Answers of the callback that never reached a flow (the query says which; the text is ours). */
const ERRORS: Record<string, string> = {
  expired:
    'Время на обращение к банку истекло или оно начато в другом браузере. Ничего не изменилось — начните заново.',
  used: 'Этот ответ банка уже использован. Ничего не изменилось — начните заново.',
};

/** What a bank login may still ask for here: a code or a registered browser (a key or a password: on /login). */
const codeFactors = (factors: Outcome['factors']): FactorOption[] => codeFactorsOnly(factors);

/** The second factor after a bank sign-in that proved only one. */
function FactorStep({ factors, onSignedIn }: { factors: FactorOption[]; onSignedIn: () => Promise<void> }) {
  const [message, setMessage] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const fail = (error: unknown) => {
    setMessage(problemOf(error).detail);
    setFieldError(formErrors(error, ['code']).fields.code ?? null);
  };
  const state = useSecondFactor({
    factors,
    send: async (factor) => unwrap(await api.POST('/api/auth/login/send', { body: { factor } })),
    onError: fail,
  });
  const verify = async (raw = state.code) => {
    const factor = state.factor;
    if (factor === 'push') return;
    if (!codeComplete(factor, raw)) {
      setMessage(null);
      setFieldError(factor === 'backup' ? 'Введите резервный код из 10 символов' : 'Введите все 6 цифр кода');
      return;
    }
    setSubmitting(true);
    setMessage(null);
    setFieldError(null);
    try {
      const r = unwrap(
        await api.POST('/api/auth/login/verify', { body: { factor, code: normaliseCode(factor, raw) } }),
      );
      if (r.status === 'signed_in') await onSignedIn();
      else setSubmitting(false);
    } catch (error) {
      fail(error);
      state.setCode('');
      setSubmitting(false);
    }
  };
  if (state.factor === 'push')
    return (
      <PushFactor
        deviceName={pushDeviceName(factors.find((f) => f.type === 'push')?.destination)}
        start={loginPush.start}
        check={loginPush.check}
        onDone={onSignedIn}
        chooser={<FactorChooser state={state} />}
      />
    );
  return (
    <FormStep
      title="Подтвердите вход"
      description="Введите код — так мы убедимся, что входите именно вы."
      message={message}
      onSubmit={() => void verify()}
      submitLabel="Войти"
      submitting={submitting}
    >
      <SecondFactorFields
        state={state}
        error={fieldError}
        onComplete={(code) => void verify(code)}
        disabled={submitting}
      />
    </FormStep>
  );
}

function Links({ outcome }: { outcome: Outcome | null }) {
  if (outcome?.status === 'not_linked')
    return (
      <Group gap="md">
        <Button component={Link} to="/register">
          Зарегистрироваться через банк
        </Button>
        <Button component={Link} to="/login" variant="default">
          Войти с паролем
        </Button>
      </Group>
    );
  if (outcome?.purpose === 'recover')
    return (
      <Group gap="md">
        <Button
          component={Link}
          to="/recovery/lost"
          variant={outcome.status === 'verified' ? 'filled' : 'default'}
        >
          {outcome.status === 'verified' ? 'Задать новый телефон и пароль' : 'Вернуться к запросу'}
        </Button>
      </Group>
    );
  if (outcome?.purpose === 'confirm')
    return (
      <Group gap="md">
        <Button
          component={Link}
          to="/profile/level"
          variant={outcome.status === 'confirmed' ? 'filled' : 'default'}
        >
          К уровню учётной записи
        </Button>
        <Button component={Link} to="/" variant="default">
          На главную
        </Button>
      </Group>
    );
  return (
    <Group gap="md">
      <Button
        component={Link}
        to={outcome?.purpose === 'register' ? '/register' : '/login'}
        variant="default"
      >
        {outcome?.purpose === 'register' ? 'К регистрации' : 'Ко входу'}
      </Button>
    </Group>
  );
}

/** `/bank/result`: where the bank sends the person back — the result of the login, registration or confirmation. */
export function BankResultPage() {
  const [params] = useSearchParams();
  const error = params.get('error');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const result = useQuery({
    queryKey: ['bank', 'result'],
    queryFn: async () => unwrap(await api.GET('/api/auth/bank/result')),
    enabled: !error,
    retry: false,
    staleTime: Infinity,
  });
  const outcome = result.data ?? null;
  const signedIn = async () => {
    await queryClient.invalidateQueries({ queryKey: meQueryKey });
    void navigate('/', { replace: true });
  };

  const title = outcome ? TITLES[outcome.purpose] : 'Обращение к банку';
  const good =
    outcome && ['signed_in', 'confirmed', 'registered', 'second_factor', 'verified'].includes(outcome.status);
  const factors = outcome ? codeFactors(outcome.factors) : [];
  const message = error
    ? (ERRORS[error] ?? ERRORS.expired)
    : result.isError
      ? problemOf(result.error).detail
      : (outcome?.message ?? null);

  return (
    <>
      <PageHeader title={title} breadcrumbs={[{ label: title }]} />
      <div className={page.stack} style={{ maxWidth: 640 }}>
        {result.isLoading ? (
          <Loader aria-label="Загружаем результат" />
        ) : (
          <Stack gap="lg">
            <Alert
              color={good ? 'green' : outcome?.status === 'not_linked' ? 'blue' : 'red'}
              title={good ? 'Банк подтвердил данные' : 'Не получилось'}
              role={good ? 'status' : 'alert'}
            >
              <Text>{message}</Text>
            </Alert>
            {outcome?.status === 'signed_in' ? (
              <Button onClick={() => void signedIn()} maw={320}>
                Перейти в личный кабинет
              </Button>
            ) : factors.length ? (
              <FactorStep factors={factors} onSignedIn={signedIn} />
            ) : (
              <Links outcome={outcome} />
            )}
            {outcome?.status === 'mismatch' && outcome.purpose === 'confirm' ? (
              <Text size="sm">
                Данные учётной записи можно проверить в разделе{' '}
                <Anchor component={Link} to="/profile">
                  «Мои данные»
                </Anchor>
                .
              </Text>
            ) : null}
          </Stack>
        )}
      </div>
    </>
  );
}
