import { useState } from 'react';
import { Button, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconLinkOff, IconShieldLock } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '@kabinet/shared';
import { CODE_TTL_MINUTES, RESEND_SECONDS } from '../../api/auth';
import { api } from '../../api/client';
import { meQueryKey } from '../../api/me';
import { ApiError, formErrors, problemOf, unwrap } from '../../api/problem';
import { CodeInput } from '../../components/CodeInput';
import { FormStep, FormStepper, useStepField } from '../../components/FormStep';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { checkPasswordNow, PASSWORD_HINT, PasswordField, PasswordStrength } from '../auth/PasswordStrength';
import classes from './operator.module.css';

const STEPS = [
  { key: 'temp', title: 'Временный пароль' },
  { key: 'password', title: 'Свой пароль' },
  { key: 'phone', title: 'Подтверждение телефона' },
];

type Step = 'temp' | 'password' | 'code' | 'done';

function TempStep({ token, phone, onDone }: { token: string; phone: string; onDone: () => void }) {
  const [temp, setTemp] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const field = useStepField('tempPassword');
  const submit = async () => {
    if (!temp.trim()) {
      setErrors({ tempPassword: 'Введите временный пароль с памятки' });
      return;
    }
    setSubmitting(true);
    setErrors({});
    setMessage(null);
    try {
      unwrap(
        await api.POST('/api/activation/{token}', {
          params: { path: { token } },
          body: { tempPassword: temp },
        }),
      );
      onDone();
    } catch (error) {
      // The detail tells how many tries are left before the lock: always shown.
      setErrors(formErrors(error, ['tempPassword']).fields);
      setMessage(problemOf(error).detail);
    } finally {
      setSubmitting(false);
    }
  };
  return (
    <FormStep
      title="Введите временный пароль"
      description={`Он напечатан на памятке, которую вам выдали в МФЦ. Ссылка пришла в SMS на номер ${phone}.`}
      errors={errors}
      fieldLabels={{ tempPassword: 'Временный пароль' }}
      message={message}
      onSubmit={() => void submit()}
      submitting={submitting}
    >
      {/* Reads from paper: shown as typed, not hidden. */}
      <PasswordField
        {...field}
        label="Временный пароль"
        description="Например Ab3d-Ef5h-Jk7m: буквы, цифры и дефисы"
        autoComplete="one-time-code"
        value={temp}
        onChange={(e) => setTemp(e.currentTarget.value)}
        maw={360}
      />
    </FormStep>
  );
}

function PasswordStep({ onDone }: { onDone: (sent: { destination: string }) => void }) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const pw = useStepField('password');
  const rep = useStepField('repeat');
  const submit = async () => {
    const local: Record<string, string> = {};
    if (!password) local.password = 'Придумайте пароль';
    else {
      const verdict = await checkPasswordNow(password, []);
      if (verdict && !verdict.ok && verdict.message) local.password = verdict.message;
    }
    if (!local.password && password !== repeat) local.repeat = 'Пароли не совпадают';
    setErrors(local);
    setMessage(null);
    if (Object.keys(local).length) return;
    setSubmitting(true);
    try {
      onDone(unwrap(await api.POST('/api/activation/password', { body: { password } })));
    } catch (error) {
      const e = formErrors(error, ['password']);
      setErrors(e.fields);
      setMessage(e.message);
    } finally {
      setSubmitting(false);
    }
  };
  return (
    <FormStep
      title="Придумайте свой пароль"
      description="Временный пароль больше не понадобится. Входить вы будете со своим паролем и кодом из SMS."
      errors={errors}
      fieldLabels={{ password: 'Новый пароль', repeat: 'Пароль ещё раз' }}
      message={message}
      onSubmit={() => void submit()}
      submitting={submitting}
    >
      <div>
        <PasswordField
          {...pw}
          label="Новый пароль"
          description={PASSWORD_HINT}
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          maw={480}
        />
        <PasswordStrength password={password} personal={[]} />
      </div>
      <PasswordField
        {...rep}
        label="Пароль ещё раз"
        autoComplete="new-password"
        value={repeat}
        onChange={(e) => setRepeat(e.currentTarget.value)}
        maw={480}
      />
    </FormStep>
  );
}

function CodeStep({ destination, onDone }: { destination: string; onDone: () => void }) {
  const [code, setCode] = useState('');
  const [sent, setSent] = useState({ destination, at: Date.now(), wait: RESEND_SECONDS });
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const verify = async (raw = code) => {
    const digits = raw.replace(/\D/g, '');
    if (digits.length !== 6) {
      setFieldError('Введите все 6 цифр кода');
      return;
    }
    setSubmitting(true);
    setFieldError(null);
    setMessage(null);
    try {
      unwrap(await api.POST('/api/activation/verify', { body: { code: digits } }));
      onDone();
    } catch (error) {
      const p = problemOf(error);
      if (p.errors?.length) setFieldError(p.detail);
      else setMessage(p.detail);
      setCode('');
    } finally {
      setSubmitting(false);
    }
  };
  const resend = async () => {
    try {
      const r = unwrap(await api.POST('/api/activation/resend'));
      setSent({ destination: r.destination, at: Date.now(), wait: RESEND_SECONDS });
      setMessage(null);
    } catch (error) {
      setMessage(problemOf(error).detail);
      setSent((s) => ({
        ...s,
        at: Date.now(),
        wait: error instanceof ApiError ? (error.retryAfter ?? 0) : 0,
      }));
    }
  };
  const left = Math.max(0, Math.ceil(sent.wait - (Date.now() - sent.at) / 1000));
  return (
    <FormStep
      title="Подтвердите телефон"
      description="Это второй фактор: при входе с нового устройства мы будем присылать код на этот номер."
      message={message}
      onSubmit={() => void verify()}
      submitLabel="Подтвердить и войти"
      submitting={submitting}
    >
      <CodeInput
        key={sent.at}
        label="Код из SMS"
        description={`Код отправлен на ${sent.destination}. Он действует ${CODE_TTL_MINUTES} минут.`}
        value={code}
        onChange={setCode}
        onComplete={(c) => void verify(c)}
        error={fieldError}
        disabled={submitting}
        autoFocus
        resendAfter={left}
        onResend={resend}
      />
    </FormStep>
  );
}

function Done({ recovery }: { recovery: boolean }) {
  if (recovery)
    return (
      <section className={classes.card} aria-labelledby="activated-title">
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap">
            <IconCircleCheck size={32} color="var(--mantine-color-green-8)" aria-hidden="true" />
            <Title order={2} id="activated-title">
              Доступ восстановлен
            </Title>
          </Group>
          <Text>
            Вы вошли в личный кабинет с новым паролем и подтвердили новый номер телефона. Входите с паролем и
            кодом из SMS на этот номер.
          </Text>
          <Text>
            24 часа после восстановления нельзя менять телефон, почту и способы входа; потом подключите
            приложение-аутентификатор заново. Прежняя почта больше не подтверждена — уведомления на неё не
            приходят.
          </Text>
          <Group gap="sm">
            <Button component={Link} to="/">
              Перейти в личный кабинет
            </Button>
          </Group>
        </Stack>
      </section>
    );
  return (
    <section className={classes.card} aria-labelledby="activated-title">
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap">
          <IconCircleCheck size={32} color="var(--mantine-color-green-8)" aria-hidden="true" />
          <Title order={2} id="activated-title">
            Учётная запись активирована
          </Title>
        </Group>
        <Text>
          Вы вошли в личный кабинет. Личность подтверждена в МФЦ — вам доступны все услуги. Входите с паролем
          и кодом из SMS.
        </Text>
        <Text>
          Надёжнее кода из SMS — приложение-аутентификатор (например, Яндекс Ключ или Google Authenticator).
          Подключить его можно сейчас или позже в настройках безопасности.
        </Text>
        <Group gap="sm">
          <Button component={Link} to="/">
            Перейти в личный кабинет
          </Button>
          <Button
            component={Link}
            to="/settings/security"
            variant="default"
            leftSection={<IconShieldLock size={18} aria-hidden="true" />}
          >
            Подключить приложение-аутентификатор
          </Button>
        </Group>
      </Stack>
    </section>
  );
}

/** `/activate/<token>`: the citizen activates the account an МФЦ operator created for them. */
export function ActivatePage() {
  const { token = '' } = useParams();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>('temp');
  const [destination, setDestination] = useState('');
  const link = useQuery({
    queryKey: ['activation', token],
    queryFn: async () => unwrap(await api.GET('/api/activation/{token}', { params: { path: { token } } })),
    retry: false,
    // Once the activation has begun the link is being used up: no re-checks behind the citizen's back.
    enabled: step === 'temp',
  });

  // A disabled query keeps its data: known for the whole activation.
  const recovery = link.data?.purpose === 'recovery';
  const header = (
    <PageHeader
      title={recovery ? 'Вход после восстановления доступа' : 'Активация учётной записи'}
      description={
        step === 'done'
          ? 'Готово: учётная запись работает.'
          : recovery
            ? 'Доступ к учётной записи восстановили в МФЦ. Осталось три шага.'
            : 'Учётную запись для вас создали в МФЦ. Осталось три шага.'
      }
    />
  );
  if (step === 'temp' && link.isPending)
    return (
      <>
        {header}
        <Skeleton height={240} radius="lg" aria-busy="true" />
      </>
    );
  if (step === 'temp' && link.isError)
    return (
      <>
        {header}
        <EmptyState
          icon={IconLinkOff}
          title="Ссылка не действует"
          action={{ label: 'Войти', to: '/login' }}
          secondaryAction={{ label: 'Адреса и телефоны поддержки', to: '/support' }}
        >
          {problemOf(link.error).detail}
        </EmptyState>
      </>
    );
  if (step === 'done')
    return (
      <>
        {header}
        <Done recovery={recovery} />
      </>
    );
  const active = step === 'temp' ? 0 : step === 'password' ? 1 : 2;
  return (
    <>
      {header}
      {link.data && step === 'temp' ? (
        <Text mb="md" c="dimmed">
          Ссылка и временный пароль действуют до {formatDateTime(link.data.expiresAt)}.
        </Text>
      ) : null}
      <FormStepper steps={STEPS} active={active}>
        {step === 'temp' ? (
          <TempStep token={token} phone={link.data?.phone ?? ''} onDone={() => setStep('password')} />
        ) : step === 'password' ? (
          <PasswordStep
            onDone={(s) => {
              setDestination(s.destination);
              setStep('code');
            }}
          />
        ) : (
          <CodeStep
            destination={destination}
            onDone={() => {
              void queryClient.invalidateQueries({ queryKey: meQueryKey });
              setStep('done');
            }}
          />
        )}
      </FormStepper>
    </>
  );
}
