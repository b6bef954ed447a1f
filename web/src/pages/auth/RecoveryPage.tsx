import { useEffect, useRef, useState } from 'react';
import { Alert, Anchor, Button, List, Text, TextInput } from '@mantine/core';
import { IconCircleCheck, IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatDateTime } from '@kabinet/shared';
import { isCodeFactor, statusOf, type FactorOption, type SecondFactorType } from '../../api/auth';
import { api } from '../../api/client';
import { formErrors, problemOf, unwrap } from '../../api/problem';
import { CodeInput } from '../../components/CodeInput';
import { FormStep, useStepField } from '../../components/FormStep';
import { PageHeader } from '../../components/PageHeader';
import {
  codeComplete,
  normaliseCode,
  SecondFactorFields,
  useSecondFactor,
} from '../../components/SecondFactor';
import { checkPasswordNow, PASSWORD_HINT, PasswordField, PasswordStrength } from './PasswordStrength';
import classes from './auth.module.css';
import { PasskeyFactor } from './PasskeyLogin';

// «Забыли пароль?» and «Разблокировать аккаунт» (PRODUCT.md §1): a code to a contact of the account,
// a second proof where the account has one, a new password; then every session ends and factor /
// contact changes are frozen for 24 hours. The server decides every step; the page only follows.

type Step = 'login' | 'code' | 'second' | 'password' | 'done';
/** Proofs typed as a code; a passkey is proven by the browser's prompt (PasskeyFactor). */
const PROOF_FACTORS = new Set<SecondFactorType>(['sms', 'email', 'totp', 'backup']);

/** The lock the server reported after the first code, on every later step. */
function LockNotice({ until }: { until: string | null }) {
  if (!until) return null;
  return (
    <Alert color="orange" variant="light" icon={<IconLock aria-hidden="true" />} title="Вход заблокирован">
      Из-за неверных паролей вход заблокирован до {formatDateTime(until)}. Новый пароль снимет блокировку
      сразу.
    </Alert>
  );
}

function LoginStep({
  initial,
  message: initialMessage,
  onSent,
}: {
  initial: string;
  message: string | null;
  onSent: (login: string, message: string) => void;
}) {
  const [login, setLogin] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(initialMessage);
  const [submitting, setSubmitting] = useState(false);

  const submit = async () => {
    if (!login.trim()) {
      setErrors({ login: 'Введите телефон, почту или СНИЛС' });
      setMessage(null);
      return;
    }
    setSubmitting(true);
    try {
      const r = unwrap(await api.POST('/api/auth/recovery', { body: { login: login.trim() } }));
      onSent(login.trim(), r.message);
    } catch (error) {
      const fe = formErrors(error, ['login']);
      setErrors(fe.fields);
      setMessage(problemOf(error).detail);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormStep
      title="Телефон, почта или СНИЛС"
      description="Укажите данные, с которыми вы входите. Мы отправим код на телефон или почту учётной записи."
      errors={errors}
      fieldLabels={{ login: 'Телефон, почта или СНИЛС' }}
      message={message}
      onSubmit={() => void submit()}
      submitLabel="Получить код"
      submitting={submitting}
    >
      <LoginField value={login} onChange={setLogin} />
    </FormStep>
  );
}

function LoginField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const field = useStepField('login');
  return (
    <TextInput
      {...field}
      label="Телефон, почта или СНИЛС"
      description="Например, +7 912 345-67-89, ivanov@mail.ru или 112-233-445 95"
      autoComplete="username"
      autoCapitalize="none"
      spellCheck={false}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      maw={480}
    />
  );
}

interface Verified {
  status: 'second_proof' | 'ready';
  factors: { type: string; destination: string }[];
  lockedUntil: string | null;
  message: string;
}

function CodeStep({
  login,
  sentMessage,
  onBack,
  onVerified,
}: {
  login: string;
  sentMessage: string;
  onBack: () => void;
  onVerified: (v: Verified) => void;
}) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const verify = async (raw = code) => {
    if (raw.replace(/\D/g, '').length !== 6) {
      setError('Введите все 6 цифр кода');
      setMessage(null);
      return;
    }
    setSubmitting(true);
    setError(null);
    setMessage(null);
    try {
      onVerified(unwrap(await api.POST('/api/auth/recovery/verify', { body: { code: raw } })));
    } catch (e) {
      setMessage(problemOf(e).detail);
      setError(formErrors(e, ['code']).fields.code ?? null);
      setCode('');
      setSubmitting(false);
    }
  };

  return (
    <FormStep
      title="Введите код"
      description={sentMessage}
      message={message}
      onSubmit={() => void verify()}
      onBack={onBack}
      submitLabel="Подтвердить"
      submitting={submitting}
    >
      <CodeInput
        label="Код из SMS или письма"
        description="Код действует 5 минут. Никому его не сообщайте — даже сотрудникам поддержки."
        value={code}
        onChange={setCode}
        onComplete={(c) => void verify(c)}
        error={error}
        disabled={submitting}
        autoFocus
        onResend={async () => {
          try {
            unwrap(await api.POST('/api/auth/recovery', { body: { login } }));
          } catch (e) {
            setMessage(problemOf(e).detail);
          }
        }}
      />
    </FormStep>
  );
}

function SecondStep({
  verified,
  onBack,
  onRestart,
  onDone,
}: {
  verified: Verified;
  onBack: () => void;
  onRestart: (message: string) => void;
  onDone: () => void;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const factors = verified.factors.filter((f): f is FactorOption =>
    PROOF_FACTORS.has(f.type as SecondFactorType),
  );

  const fail = (error: unknown) => {
    if (statusOf(error) === 409) return onRestart(problemOf(error).detail);
    setMessage(problemOf(error).detail);
    setFieldError(formErrors(error, ['code']).fields.code ?? null);
  };

  const state = useSecondFactor({
    factors,
    // Nothing to send when a passkey is the only second proof.
    sendInitial: factors.length > 0,
    send: async (factor) => unwrap(await api.POST('/api/auth/recovery/send', { body: { factor } })),
    onError: fail,
  });

  const verify = async (raw = state.code) => {
    const factor = state.factor;
    // Never offered here: recovery asks a code (PROOF_FACTORS).
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
      unwrap(
        await api.POST('/api/auth/recovery/second', {
          body: { factor, code: normaliseCode(factor, raw) },
        }),
      );
      onDone();
    } catch (error) {
      fail(error);
      state.setCode('');
      setSubmitting(false);
    }
  };

  const passkey = verified.factors.some((f) => f.type === 'passkey') ? (
    <PasskeyFactor recovery onSignedIn={onDone} />
  ) : null;
  // An account whose only stronger factor is a passkey has no code to type here.
  if (!factors.length) return passkey;

  return (
    <>
      {passkey}
      <FormStep
        title="Подтвердите ещё одним способом"
        description={
          isCodeFactor(state.factor)
            ? 'Так один украденный телефон или взломанная почта не дадут забрать вашу учётную запись.'
            : passkey
              ? 'Или введите код из приложения-аутентификатора либо резервный код.'
              : 'У вас подключено приложение-аутентификатор: введите код из него или резервный код.'
        }
        message={message}
        onSubmit={() => void verify()}
        onBack={onBack}
        submitLabel="Подтвердить"
        submitting={submitting}
      >
        <SecondFactorFields
          state={state}
          error={fieldError}
          onComplete={(code) => void verify(code)}
          disabled={submitting}
          autoFocus={!passkey}
        />
      </FormStep>
    </>
  );
}

export const PASSWORD_LABELS = { newPassword: 'Новый пароль', repeat: 'Новый пароль ещё раз' };

/** «Новый пароль» with the strength meter and «ещё раз» (also on the contacts-lost recovery page). */
export function PasswordFields({
  value,
  onChange,
  personal = [],
}: {
  value: { newPassword: string; repeat: string };
  onChange: (v: { newPassword: string; repeat: string }) => void;
  /** Data the password must not contain (a new phone…), for the meter's verdict. */
  personal?: string[];
}) {
  const next = useStepField('newPassword');
  const repeat = useStepField('repeat');
  return (
    <>
      <div>
        <PasswordField
          {...next}
          label={PASSWORD_LABELS.newPassword}
          description={PASSWORD_HINT}
          autoComplete="new-password"
          value={value.newPassword}
          onChange={(e) => onChange({ ...value, newPassword: e.currentTarget.value })}
          maw={480}
        />
        <PasswordStrength password={value.newPassword} personal={personal} />
      </div>
      <PasswordField
        {...repeat}
        label={PASSWORD_LABELS.repeat}
        autoComplete="new-password"
        value={value.repeat}
        onChange={(e) => onChange({ ...value, repeat: e.currentTarget.value })}
        maw={480}
      />
    </>
  );
}

/**
 * «Придумайте новый пароль» of both recoveries: checks the policy in the browser, sends the
 * password with `save` (which returns the server's message, if any); a 409 means the recovery is
 * stale and starts again.
 */
export function NewPasswordStep({
  description,
  submitLabel,
  save,
  onDone,
  onStale,
}: {
  description: string;
  submitLabel: string;
  save: (newPassword: string) => Promise<string | undefined>;
  onDone: (message: string | undefined) => void;
  onStale: (message: string) => void;
}) {
  const [value, setValue] = useState({ newPassword: '', repeat: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async () => {
    const local: Record<string, string> = {};
    if (!value.newPassword) local.newPassword = 'Придумайте новый пароль';
    else {
      const verdict = await checkPasswordNow(value.newPassword, []);
      if (verdict && !verdict.ok && verdict.message) local.newPassword = verdict.message;
    }
    if (!local.newPassword && value.newPassword !== value.repeat) local.repeat = 'Пароли не совпадают';
    setErrors(local);
    setMessage(null);
    if (Object.keys(local).length) return;
    setSubmitting(true);
    try {
      onDone(await save(value.newPassword));
    } catch (error) {
      if (statusOf(error) === 409) return onStale(problemOf(error).detail);
      setErrors(formErrors(error, ['newPassword']).fields);
      setMessage(problemOf(error).detail);
      setSubmitting(false);
    }
  };

  return (
    <FormStep
      title="Придумайте новый пароль"
      description={description}
      errors={errors}
      fieldLabels={PASSWORD_LABELS}
      message={message}
      onSubmit={() => void submit()}
      submitLabel={submitLabel}
      submitting={submitting}
    >
      <PasswordFields value={value} onChange={setValue} />
    </FormStep>
  );
}

function PasswordStep({ onRestart, onDone }: { onRestart: (message: string) => void; onDone: () => void }) {
  return (
    <NewPasswordStep
      description="После смены пароля все сеансы на всех устройствах завершатся."
      submitLabel="Сохранить пароль"
      save={async (newPassword) => {
        unwrap(await api.POST('/api/auth/recovery/complete', { body: { newPassword } }));
        return undefined;
      }}
      onDone={() => onDone()}
      onStale={onRestart}
    />
  );
}

function Done({ wasLocked }: { wasLocked: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  // The form is gone: move the focus to the result so it is read out.
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className={classes.panel} role="status">
      <Text component="h2" fw={700} size="xl" style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <IconCircleCheck color="var(--mantine-color-green-7)" aria-hidden="true" />
        Пароль изменён
      </Text>
      <List spacing="xs">
        <List.Item>Все сеансы на всех устройствах завершены — войдите заново с новым паролем.</List.Item>
        {wasLocked ? <List.Item>Блокировка входа снята.</List.Item> : null}
        <List.Item>
          24 часа нельзя менять телефон, почту и способы входа — это защищает учётную запись, если пароль
          восстанавливал кто-то другой.
        </List.Item>
        <List.Item>Мы сообщили о смене пароля на ваш телефон и почту.</List.Item>
      </List>
      <div>
        <Button component={Link} to="/login">
          Войти
        </Button>
      </div>
      <Text size="sm" c="dimmed">
        Если пароль меняли не вы — срочно обратитесь в{' '}
        <Anchor component={Link} to="/support">
          поддержку
        </Anchor>{' '}
        или в МФЦ.
      </Text>
    </div>
  );
}

/** `/recovery`: «Забыли пароль?» and «Разблокировать аккаунт». */
export function RecoveryPage() {
  const [step, setStep] = useState<Step>('login');
  const [login, setLogin] = useState('');
  const [sentMessage, setSentMessage] = useState('');
  const [restartMessage, setRestartMessage] = useState<string | null>(null);
  const [verified, setVerified] = useState<Verified | null>(null);

  const restart = (message: string) => {
    setRestartMessage(message);
    setVerified(null);
    setStep('login');
  };

  return (
    <div className={classes.column}>
      <PageHeader
        title="Восстановление доступа"
        description={
          step === 'login'
            ? 'Забыли пароль или вход заблокирован? Подтвердите, что учётная запись ваша, и задайте новый пароль — это сразу снимет блокировку.'
            : undefined
        }
        breadcrumbs={[{ label: 'Вход', to: '/login' }, { label: 'Восстановление доступа' }]}
      />
      <div className={classes.stack}>
        {verified && step !== 'done' ? (
          <>
            <LockNotice until={verified.lockedUntil} />
            <Text role="status">{verified.message}</Text>
          </>
        ) : null}
        {step === 'login' ? (
          <LoginStep
            initial={login}
            message={restartMessage}
            onSent={(l, m) => {
              setLogin(l);
              setSentMessage(m);
              setRestartMessage(null);
              setStep('code');
            }}
          />
        ) : step === 'code' ? (
          <CodeStep
            login={login}
            sentMessage={sentMessage}
            onBack={() => setStep('login')}
            onVerified={(v) => {
              setVerified(v);
              setStep(v.status === 'second_proof' ? 'second' : 'password');
            }}
          />
        ) : step === 'second' && verified ? (
          <SecondStep
            verified={verified}
            onBack={() => restart('Начните восстановление заново.')}
            onRestart={restart}
            onDone={() => {
              setVerified({ ...verified, message: 'Личность подтверждена. Задайте новый пароль.' });
              setStep('password');
            }}
          />
        ) : step === 'password' ? (
          <PasswordStep onRestart={restart} onDone={() => setStep('done')} />
        ) : (
          <Done wasLocked={!!verified?.lockedUntil} />
        )}
        {step === 'login' ? (
          <>
            <p className={classes.under}>
              <span>Нет доступа ни к телефону, ни к почте?</span>
              <Anchor component={Link} to="/recovery/lost" className={classes.underLink} fw={700}>
                Нет доступа к телефону и почте
              </Anchor>
            </p>
            <p className={classes.under}>
              <span>Вспомнили пароль?</span>
              <Anchor component={Link} to="/login" className={classes.underLink} fw={700}>
                Войти
              </Anchor>
            </p>
          </>
        ) : step === 'second' ? (
          <p className={classes.under}>
            <span>Нет доступа ко второму способу?</span>
            <Anchor component={Link} to="/recovery/lost" className={classes.underLink} fw={700}>
              Восстановить по паспорту
            </Anchor>
          </p>
        ) : null}
      </div>
    </div>
  );
}
