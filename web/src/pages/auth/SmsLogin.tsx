import { useRef, useState } from 'react';
import { Anchor, Button, TextInput } from '@mantine/core';
import {
  IconArrowLeft,
  IconDeviceDesktopCheck,
  IconDeviceMobileMessage,
  IconKey,
  IconShieldLock,
  type Icon,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { codeFactorsOnly, safeNext, statusOf, type LoginStart } from '../../api/auth';
import { api } from '../../api/client';
import { meQueryKey, useMe } from '../../api/me';
import { formErrors, problemOf, unwrap } from '../../api/problem';
import { CodeInput } from '../../components/CodeInput';
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
import { PasswordField } from './PasswordStrength';
import classes from './auth.module.css';
import { notify } from './notify';

// «Войти по коду из SMS» (PRODUCT.md §1): the SMS code replaces the password, not the second
// factor — after it the server asks for a factor other than SMS (password, authenticator app,
// backup code), and the page offers what its `factors` say.

type NextFactor = LoginStart['factors'][number];

/** The button under the password form («Другие способы входа»). */
export function SmsLoginButton() {
  const [params] = useSearchParams();
  const next = params.get('next');
  return (
    <Button
      component={Link}
      to={next ? `/login/sms?next=${encodeURIComponent(next)}` : '/login/sms'}
      variant="default"
      size="md"
      leftSection={<IconDeviceMobileMessage size={20} aria-hidden="true" />}
      fullWidth
      maw={480}
    >
      Войти по коду из SMS
    </Button>
  );
}

function PhoneField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const field = useStepField('login');
  return (
    <TextInput
      {...field}
      label="Номер телефона"
      description="Номер, подтверждённый в учётной записи, например +7 912 345-67-89. Можно указать почту или СНИЛС — код придёт на телефон."
      type="tel"
      autoComplete="tel"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      maw={480}
    />
  );
}

function PhoneStep({
  initial,
  message: restartMessage,
  onSent,
}: {
  initial: string;
  message: string | null;
  onSent: (login: string, message: string) => void;
}) {
  const [login, setLogin] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(restartMessage);
  const [submitting, setSubmitting] = useState(false);
  const submit = async () => {
    if (!login.trim()) {
      setErrors({ login: 'Введите номер телефона' });
      setMessage(null);
      return;
    }
    setSubmitting(true);
    try {
      const r = unwrap(await api.POST('/api/auth/login/sms', { body: { login: login.trim() } }));
      onSent(login.trim(), r.message);
    } catch (error) {
      setErrors(formErrors(error, ['login']).fields);
      setMessage(problemOf(error).detail);
      setSubmitting(false);
    }
  };
  return (
    <FormStep
      title="Номер телефона"
      description="Мы пришлём код в SMS. После кода попросим пароль или код из приложения — одного SMS для входа мало."
      errors={errors}
      fieldLabels={{ login: 'Номер телефона' }}
      message={message}
      onSubmit={() => void submit()}
      submitLabel="Получить код"
      submitting={submitting}
    >
      <PhoneField value={login} onChange={setLogin} />
    </FormStep>
  );
}

function SmsCodeStep({
  login,
  sentMessage,
  onBack,
  onRestart,
  onResult,
}: {
  login: string;
  sentMessage: string;
  onBack: () => void;
  onRestart: (message: string) => void;
  onResult: (r: { status: 'signed_in' } | { status: 'more'; factors: NextFactor[] }) => void;
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
      onResult(unwrap(await api.POST('/api/auth/login/verify', { body: { factor: 'sms', code: raw } })));
    } catch (e) {
      if (statusOf(e) === 409) return onRestart(problemOf(e).detail);
      setMessage(problemOf(e).detail);
      setError(formErrors(e, ['code']).fields.code ?? null);
      setCode('');
      setSubmitting(false);
    }
  };
  return (
    <FormStep
      title="Введите код из SMS"
      description={sentMessage}
      message={message}
      onSubmit={() => void verify()}
      onBack={onBack}
      submitLabel="Продолжить"
      submitting={submitting}
    >
      <CodeInput
        label="Код из SMS"
        description="Код действует 5 минут."
        value={code}
        onChange={setCode}
        onComplete={(c) => void verify(c)}
        error={error}
        disabled={submitting}
        autoFocus
        onResend={async () => {
          try {
            unwrap(await api.POST('/api/auth/login/sms', { body: { login } }));
          } catch (e) {
            setMessage(problemOf(e).detail);
          }
        }}
      />
    </FormStep>
  );
}

const OPTION_META: Record<string, { title: string; icon: Icon }> = {
  password: { title: 'Пароль', icon: IconKey },
  push: { title: 'Подтверждение на устройстве', icon: IconDeviceDesktopCheck },
  totp: { title: 'Код из приложения-аутентификатора', icon: IconShieldLock },
  backup: { title: 'Резервный код', icon: IconKey },
};

function PasswordInputField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const field = useStepField('password');
  return (
    <div>
      <PasswordField
        {...field}
        label="Пароль"
        autoComplete="current-password"
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        maw={480}
        autoFocus
      />
      <Anchor component={Link} to="/recovery" className={classes.underLink}>
        Забыли пароль?
      </Anchor>
    </div>
  );
}

/**
 * After the SMS code: the password, a registered browser, an authenticator app or a backup code —
 * what the server offers.
 */
function NextFactorStep({
  factors,
  onBack,
  onRestart,
  onSignedIn,
}: {
  factors: NextFactor[];
  onBack: () => void;
  onRestart: (message: string) => void;
  onSignedIn: () => Promise<void>;
}) {
  const usable = factors.filter((f) => f.type in OPTION_META);
  const [choice, setChoice] = useState<string>(usable[0]?.type ?? 'password');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const codeFactors = codeFactorsOnly(usable);

  const fail = (error: unknown) => {
    if (statusOf(error) === 409) return onRestart(problemOf(error).detail);
    const fe = formErrors(error, ['password', 'code']);
    setErrors(fe.fields.password ? { password: fe.fields.password } : {});
    setFieldError(fe.fields.code ?? null);
    setMessage(problemOf(error).detail);
  };

  const state = useSecondFactor({
    factors: codeFactors,
    send: () => Promise.reject(new Error('nothing to send')),
    onError: fail,
  });

  const done = async (r: { status: 'signed_in' } | { status: 'more'; factors: NextFactor[] }) => {
    if (r.status === 'signed_in') return onSignedIn();
    // Not expected after SMS + another factor; restart rather than loop.
    onRestart('Не удалось завершить вход. Начните заново.');
  };

  const submit = async (raw = state.code) => {
    setMessage(null);
    setFieldError(null);
    setErrors({});
    if (choice === 'password') {
      if (!password) return setErrors({ password: 'Введите пароль' });
      setSubmitting(true);
      try {
        await done(unwrap(await api.POST('/api/auth/login/password', { body: { password } })));
      } catch (error) {
        fail(error);
        setPassword('');
        setSubmitting(false);
      }
      return;
    }
    const factor = state.factor;
    if (factor === 'push') return;
    if (!codeComplete(factor, raw))
      return setFieldError(
        factor === 'backup' ? 'Введите резервный код из 10 символов' : 'Введите все 6 цифр кода',
      );
    setSubmitting(true);
    try {
      await done(
        unwrap(
          await api.POST('/api/auth/login/verify', { body: { factor, code: normaliseCode(factor, raw) } }),
        ),
      );
    } catch (error) {
      fail(error);
      state.setCode('');
      setSubmitting(false);
    }
  };

  const others = usable.filter((f) => f.type !== choice);
  if (choice !== 'password' && state.factor === 'push')
    return (
      <div className={classes.panel}>
        <PushFactor
          deviceName={pushDeviceName(usable.find((f) => f.type === 'push')?.destination)}
          start={loginPush.start}
          check={loginPush.check}
          onDone={onSignedIn}
          onRestart={onRestart}
          chooser={<FactorChooser state={state} />}
        />
        <div className={classes.actions}>
          <Button
            variant="default"
            onClick={onBack}
            leftSection={<IconArrowLeft size={18} aria-hidden="true" />}
          >
            Назад
          </Button>
          {usable.some((o) => o.type === 'password') ? (
            <Button
              variant="subtle"
              px="xs"
              leftSection={<IconKey size={18} aria-hidden="true" />}
              onClick={() => setChoice('password')}
            >
              Войти с паролем
            </Button>
          ) : null}
        </div>
      </div>
    );
  return (
    <FormStep
      title={choice === 'password' ? 'Введите пароль' : 'Подтвердите вход'}
      description="Код из SMS верный. Чтобы войти, подтвердите вход ещё одним способом — не SMS."
      errors={errors}
      fieldLabels={{ password: 'Пароль' }}
      message={message}
      onSubmit={() => void submit()}
      onBack={onBack}
      submitLabel="Войти"
      submitting={submitting}
    >
      {choice === 'password' ? (
        <PasswordInputField value={password} onChange={setPassword} />
      ) : (
        <SecondFactorFields
          state={state}
          error={fieldError}
          onComplete={(code) => void submit(code)}
          disabled={submitting}
          autoFocus
        />
      )}
      {others.length && (choice === 'password' || others.some((o) => o.type === 'password')) ? (
        <div role="group" aria-label="Другие способы" className={classes.actions}>
          {others
            .filter((o) => choice === 'password' || o.type === 'password')
            .map((o) => {
              const meta = OPTION_META[o.type]!;
              return (
                <Button
                  key={o.type}
                  variant="subtle"
                  px="xs"
                  leftSection={<meta.icon size={18} aria-hidden="true" />}
                  onClick={() => {
                    setChoice(o.type);
                    setMessage(null);
                    setErrors({});
                    setFieldError(null);
                    if (o.type !== 'password') state.setFactor(o.type as 'push' | 'totp' | 'backup');
                  }}
                  disabled={submitting}
                >
                  {o.type === 'password' ? 'Войти с паролем' : meta.title}
                </Button>
              );
            })}
        </div>
      ) : null}
    </FormStep>
  );
}

/** `/login/sms`: phone → SMS code → a factor other than SMS → signed in, then back to `?next=`. */
export function SmsLoginPage() {
  const me = useMe();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signingIn = useRef(false);
  const [step, setStep] = useState<'phone' | 'code' | 'factor'>('phone');
  const [login, setLogin] = useState('');
  const [sentMessage, setSentMessage] = useState('');
  const [factors, setFactors] = useState<NextFactor[]>([]);
  const [restartMessage, setRestartMessage] = useState<string | null>(null);

  if (me.data && !signingIn.current) return <Navigate to={next} replace />;

  const onSignedIn = async () => {
    signingIn.current = true;
    await queryClient.invalidateQueries({ queryKey: meQueryKey });
    notify('green', 'Вы вошли в личный кабинет', 'Добро пожаловать!');
    void navigate(next, { replace: true });
  };
  const restart = (message: string) => {
    setRestartMessage(message);
    setStep('phone');
  };

  return (
    <div className={classes.column}>
      <PageHeader
        title="Вход по коду из SMS"
        description={
          step === 'phone'
            ? 'Войдите без пароля на первом шаге: по коду, который придёт на телефон.'
            : undefined
        }
        breadcrumbs={[{ label: 'Вход', to: '/login' }, { label: 'Вход по коду из SMS' }]}
      />
      <div className={classes.stack}>
        {step === 'phone' ? (
          <PhoneStep
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
          <SmsCodeStep
            login={login}
            sentMessage={sentMessage}
            onBack={() => setStep('phone')}
            onRestart={restart}
            onResult={(r) => {
              if (r.status === 'signed_in') return void onSignedIn();
              setFactors(r.factors);
              setStep('factor');
            }}
          />
        ) : (
          <NextFactorStep
            factors={factors}
            onBack={() => restart('Начните вход заново.')}
            onRestart={restart}
            onSignedIn={onSignedIn}
          />
        )}
        {step === 'phone' ? (
          <p className={classes.under}>
            <span>Есть пароль?</span>
            <Anchor component={Link} to="/login" className={classes.underLink} fw={700}>
              Войти с паролем
            </Anchor>
          </p>
        ) : null}
      </div>
    </div>
  );
}
