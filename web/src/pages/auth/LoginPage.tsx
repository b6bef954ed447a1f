import { useEffect, useRef, useState } from 'react';
import { Anchor, Button, Text, TextInput } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { codeFactorsOnly, safeNext, statusOf, type LoginStart } from '../../api/auth';
import { api } from '../../api/client';
import { meQueryKey, useMe } from '../../api/me';
import { formErrors, problemOf, unwrap } from '../../api/problem';
import { FormStep, useStepField } from '../../components/FormStep';
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
import { loginPush } from './loginPush';
import { OtherLoginMethods } from './OtherLoginMethods';
import { PasskeyFactor } from './PasskeyLogin';
import { PasswordField } from './PasswordStrength';
import classes from './auth.module.css';
import { notify } from './notify';

const LOGIN_FIELDS = ['login', 'password'] as const;
const FIELD_LABELS = { login: 'Телефон, почта или СНИЛС', password: 'Пароль' };

interface Credentials {
  login: string;
  password: string;
}

function CredentialFields({
  value,
  onChange,
}: {
  value: Credentials;
  onChange: (value: Credentials) => void;
}) {
  const login = useStepField('login');
  const password = useStepField('password');
  return (
    <>
      <TextInput
        {...login}
        label={FIELD_LABELS.login}
        description="Например, +7 912 345-67-89, ivanov@mail.ru или 112-233-445 95"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        value={value.login}
        onChange={(e) => onChange({ ...value, login: e.currentTarget.value })}
        maw={480}
      />
      <div>
        <PasswordField
          {...password}
          label={FIELD_LABELS.password}
          autoComplete="current-password"
          value={value.password}
          onChange={(e) => onChange({ ...value, password: e.currentTarget.value })}
          maw={480}
        />
        <Anchor component={Link} to="/recovery" className={classes.underLink}>
          Забыли пароль?
        </Anchor>
      </div>
    </>
  );
}

/** Step 1: login and password. */
function PasswordStep({
  initial,
  restartMessage,
  onPassed,
}: {
  initial: Credentials;
  restartMessage: string | null;
  onPassed: (credentials: Credentials, start: LoginStart) => void;
}) {
  const [value, setValue] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(restartMessage);
  const [locked, setLocked] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  const submit = async () => {
    const local: Record<string, string> = {};
    if (!value.login.trim()) local.login = 'Введите телефон, почту или СНИЛС';
    if (!value.password) local.password = 'Введите пароль';
    setLocked(false);
    if (Object.keys(local).length) {
      setErrors(local);
      setMessage(null);
      return;
    }
    setSubmitting(true);
    try {
      const start = unwrap(
        await api.POST('/api/auth/login', { body: { login: value.login.trim(), password: value.password } }),
      );
      onPassed(value, start);
    } catch (error) {
      const fe = formErrors(error, LOGIN_FIELDS);
      setErrors(fe.fields);
      setMessage(problemOf(error).detail);
      setLocked(statusOf(error) === 423);
      setValue((v) => ({ ...v, password: '' }));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      <FormStep
        title="Телефон, почта или СНИЛС и пароль"
        errors={errors}
        fieldLabels={FIELD_LABELS}
        message={message}
        onSubmit={() => void submit()}
        submitLabel="Войти"
        submitting={submitting}
      >
        <CredentialFields value={value} onChange={setValue} />
        {locked ? (
          <Text>
            Чтобы войти сразу,{' '}
            <Anchor component={Link} to="/recovery" fw={700}>
              восстановите доступ
            </Anchor>{' '}
            — это снимет блокировку.
          </Text>
        ) : null}
      </FormStep>
      <p className={classes.under}>
        <span>Нет учётной записи?</span>
        <Anchor component={Link} to="/register" className={classes.underLink} fw={700}>
          Зарегистрироваться
        </Anchor>
      </p>
      <OtherLoginMethods />
    </>
  );
}

/** Step 2: the second factor. */
function FactorStep({
  start,
  onBack,
  onRestart,
  onSignedIn,
}: {
  start: LoginStart;
  onBack: () => void;
  onRestart: (message: string) => void;
  onSignedIn: () => Promise<void>;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  // When the password step's answer (and with it a push request) arrived.
  const [startedAt] = useState(() => Date.now());

  const fail = (error: unknown) => {
    if (statusOf(error) === 409) {
      onRestart(problemOf(error).detail);
      return;
    }
    setMessage(problemOf(error).detail);
    setFieldError(formErrors(error, ['code']).fields.code ?? null);
  };

  const state = useSecondFactor({
    factors: codeFactorsOnly(start.factors),
    initialSent: start.sent,
    send: async (factor) => unwrap(await api.POST('/api/auth/login/send', { body: { factor } })),
    onError: fail,
  });

  // Nothing to type yet (e.g. «Получить код»): keep the focus in the step, not on <body>.
  useEffect(() => {
    const t = requestAnimationFrame(() => {
      if (document.activeElement === document.body) root.current?.focus();
    });
    return () => cancelAnimationFrame(t);
  }, []);

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
      unwrap(
        await api.POST('/api/auth/login/verify', { body: { factor, code: normaliseCode(factor, raw) } }),
      );
      await onSignedIn();
    } catch (error) {
      fail(error);
      state.setCode('');
      setSubmitting(false);
    }
  };

  return (
    <div ref={root} tabIndex={-1} className={classes.stack} aria-label="Подтверждение входа">
      {start.factors.some((f) => f.type === 'passkey') ? <PasskeyFactor onSignedIn={onSignedIn} /> : null}
      {state.factor === 'push' ? (
        <div className={classes.panel}>
          <PushFactor
            deviceName={pushDeviceName(start.factors.find((f) => f.type === 'push')?.destination)}
            initial={start.push ? { number: start.push.number, at: startedAt } : null}
            start={loginPush.start}
            check={loginPush.check}
            onDone={onSignedIn}
            onRestart={onRestart}
            chooser={<FactorChooser state={state} />}
          />
          <div>
            <Button
              variant="default"
              onClick={onBack}
              leftSection={<IconArrowLeft size={18} aria-hidden="true" />}
            >
              Назад
            </Button>
          </div>
        </div>
      ) : (
        <FormStep
          title="Подтвердите вход"
          description="Пароль верный. Введите код — так мы убедимся, что входите именно вы."
          message={message}
          onSubmit={() => void verify()}
          onBack={onBack}
          submitLabel="Войти"
          submitting={submitting}
        >
          <SecondFactorFields
            state={state}
            error={fieldError}
            onComplete={(code) => void verify(code)}
            disabled={submitting}
            autoFocus
          />
        </FormStep>
      )}
    </div>
  );
}

/** `/login`: password, then a second factor; then back to `?next=`. */
export function LoginPage() {
  const me = useMe();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signingIn = useRef(false);
  const [credentials, setCredentials] = useState<Credentials>({ login: '', password: '' });
  const [start, setStart] = useState<LoginStart | null>(null);
  const [restartMessage, setRestartMessage] = useState<string | null>(null);

  if (me.data && !signingIn.current) return <Navigate to={next} replace />;

  const onSignedIn = async () => {
    signingIn.current = true;
    await queryClient.invalidateQueries({ queryKey: meQueryKey });
    notify('green', 'Вы вошли в личный кабинет', 'Добро пожаловать!');
    void navigate(next, { replace: true });
  };

  return (
    <div className={classes.column}>
      <PageHeader
        title="Вход в личный кабинет"
        description={
          start
            ? undefined
            : 'Войдите, чтобы получать услуги, оплачивать начисления и следить за заявлениями.'
        }
      />
      {start ? (
        <FactorStep
          start={start}
          onBack={() => {
            setStart(null);
            setRestartMessage(null);
          }}
          onRestart={(message) => {
            setStart(null);
            setRestartMessage(message);
          }}
          onSignedIn={onSignedIn}
        />
      ) : (
        <PasswordStep
          initial={{ login: credentials.login, password: '' }}
          restartMessage={restartMessage}
          onPassed={(c, s) => {
            setCredentials({ login: c.login, password: '' });
            setRestartMessage(null);
            setStart(s);
          }}
        />
      )}
    </div>
  );
}
