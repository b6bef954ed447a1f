import { useRef, useState, type ChangeEvent } from 'react';
import { Alert, Anchor, Button, Checkbox, Radio, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconLogin } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { validatePhone } from '@kabinet/shared';
import { CODE_TTL_MINUTES, RESEND_SECONDS, safeNext, statusOf } from '../../api/auth';
import { api } from '../../api/client';
import { meQueryKey, useMe } from '../../api/me';
import { ApiError, formErrors, problemOf, unwrap } from '../../api/problem';
import { CodeInput } from '../../components/CodeInput';
import { FormStep, FormStepper, useStepField } from '../../components/FormStep';
import { PageHeader } from '../../components/PageHeader';
import { checkPasswordNow, PASSWORD_HINT, PasswordField, PasswordStrength } from './PasswordStrength';
import classes from './auth.module.css';
import { notify } from './notify';
import { BankRegisterEntry } from '../bank/BankButtons';

const STEPS = [
  { key: 'contact', title: 'Телефон или почта' },
  { key: 'code', title: 'Код подтверждения' },
  { key: 'password', title: 'Пароль' },
];

type Channel = 'phone' | 'email';

interface Contact {
  channel: Channel;
  phone: string;
  email: string;
  consent: boolean;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const EMAIL_MESSAGE = 'Введите адрес почты, например ivanov@mail.ru';
const CONSENT_MESSAGE =
  'Чтобы зарегистрироваться, примите пользовательское соглашение и политику конфиденциальности';

/* ------------------------------------------------------------ 1. contact */

function ContactFields({ value, onChange }: { value: Contact; onChange: (c: Contact) => void }) {
  const phone = useStepField('phone');
  const email = useStepField('email');
  const consent = useStepField('consent');
  return (
    <>
      <Radio.Group
        label="Как вы хотите зарегистрироваться"
        value={value.channel}
        onChange={(v) => onChange({ ...value, channel: v as Channel })}
        name="channel"
      >
        <Stack gap="xs" mt={4}>
          <Radio value="phone" label="По номеру мобильного телефона" size="md" className={classes.choice} />
          <Radio value="email" label="По электронной почте" size="md" className={classes.choice} />
        </Stack>
      </Radio.Group>
      {value.channel === 'phone' ? (
        <TextInput
          {...phone}
          label="Номер мобильного телефона"
          description="Например, +7 912 345-67-89. На него придёт код, а потом — коды для входа."
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={value.phone}
          onChange={(e) => onChange({ ...value, phone: e.currentTarget.value })}
          maw={360}
        />
      ) : (
        <TextInput
          {...email}
          label="Электронная почта"
          description="Например, ivanov@mail.ru. На неё придёт код подтверждения."
          type="email"
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          value={value.email}
          onChange={(e) => onChange({ ...value, email: e.currentTarget.value })}
          maw={480}
        />
      )}
      <Checkbox
        {...consent}
        className={classes.consent}
        size="md"
        checked={value.consent}
        onChange={(e) => onChange({ ...value, consent: e.currentTarget.checked })}
        label={
          <>
            Я принимаю{' '}
            <Anchor href="/terms" target="_blank" rel="noopener">
              пользовательское соглашение
              <span className="kb-visually-hidden"> (откроется в новой вкладке)</span>
            </Anchor>{' '}
            и{' '}
            <Anchor href="/privacy" target="_blank" rel="noopener">
              политику конфиденциальности
              <span className="kb-visually-hidden"> (откроется в новой вкладке)</span>
            </Anchor>{' '}
            и даю согласие на обработку моих персональных данных
          </>
        }
      />
    </>
  );
}

function ContactStep({
  initial,
  onSent,
}: {
  initial: Contact;
  onSent: (contact: Contact, destination: string) => void;
}) {
  const [value, setValue] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async () => {
    const local: Record<string, string> = {};
    let phone: string | undefined;
    let email: string | undefined;
    if (value.channel === 'phone') {
      const v = validatePhone(value.phone);
      if (v.ok) phone = v.value;
      else local.phone = v.message;
    } else {
      email = value.email.trim().toLowerCase();
      if (!EMAIL_RE.test(email)) local.email = EMAIL_MESSAGE;
    }
    if (!value.consent) local.consent = CONSENT_MESSAGE;
    setMessage(null);
    setErrors(local);
    if (Object.keys(local).length) return;
    setSubmitting(true);
    try {
      const sent = unwrap(
        await api.POST('/api/auth/register', {
          body: phone ? { phone, consent: true } : { email: email!, consent: true },
        }),
      );
      onSent(value, sent.destination);
    } catch (error) {
      const fe = formErrors(error, ['phone', 'email', 'consent']);
      setErrors(fe.fields);
      setMessage(problemOf(error).detail);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormStep
      title="Укажите телефон или почту"
      description="Мы отправим на них код, чтобы убедиться, что они ваши."
      errors={errors}
      fieldLabels={{ phone: 'Телефон', email: 'Почта', consent: 'Согласие' }}
      message={message}
      onSubmit={() => void submit()}
      submitLabel="Получить код"
      submitting={submitting}
    >
      <ContactFields value={value} onChange={setValue} />
    </FormStep>
  );
}

/* --------------------------------------------------------------- 2. code */

function CodeStep({
  channel,
  destination,
  onBack,
  onConfirmed,
  onExists,
  onRestart,
}: {
  channel: Channel;
  destination: string;
  onBack: () => void;
  onConfirmed: () => void;
  onExists: (message: string) => void;
  onRestart: (message: string) => void;
}) {
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [sent, setSent] = useState({ destination, at: Date.now(), wait: RESEND_SECONDS });

  const fail = (error: unknown) => {
    if (statusOf(error) === 409) return onRestart(problemOf(error).detail);
    setMessage(problemOf(error).detail);
    setFieldError(formErrors(error, ['code']).fields.code ?? null);
  };

  const resend = async () => {
    try {
      const r = unwrap(await api.POST('/api/auth/register/resend'));
      setSent({ destination: r.destination, at: Date.now(), wait: RESEND_SECONDS });
      setMessage(null);
      setFieldError(null);
    } catch (error) {
      fail(error);
      setSent((s) => ({
        ...s,
        at: Date.now(),
        wait: error instanceof ApiError ? (error.retryAfter ?? 0) : 0,
      }));
    }
  };

  const verify = async (raw = code) => {
    const digits = raw.replace(/\D/g, '');
    if (digits.length !== 6) {
      setMessage(null);
      setFieldError('Введите все 6 цифр кода');
      return;
    }
    setSubmitting(true);
    setMessage(null);
    setFieldError(null);
    try {
      const r = unwrap(await api.POST('/api/auth/register/verify', { body: { code: digits } }));
      if (r.status === 'exists') onExists(r.message);
      else onConfirmed();
    } catch (error) {
      fail(error);
      setCode('');
    } finally {
      setSubmitting(false);
    }
  };

  const left = Math.max(0, Math.ceil(sent.wait - (Date.now() - sent.at) / 1000));
  return (
    <FormStep
      title={channel === 'phone' ? 'Введите код из SMS' : 'Введите код из письма'}
      message={message}
      onSubmit={() => void verify()}
      onBack={onBack}
      backLabel={channel === 'phone' ? 'Изменить номер' : 'Изменить почту'}
      submitLabel="Подтвердить"
      submitting={submitting}
    >
      <CodeInput
        key={sent.at}
        label={channel === 'phone' ? 'Код из SMS' : 'Код из письма'}
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

/* ----------------------------------------------------------- 3. password */

interface Account {
  password: string;
  repeat: string;
  lastName: string;
  firstName: string;
  middleName: string;
}

const ACCOUNT_LABELS = {
  password: 'Пароль',
  repeat: 'Пароль ещё раз',
  lastName: 'Фамилия',
  firstName: 'Имя',
  middleName: 'Отчество',
};

function AccountFields({
  value,
  onChange,
  personal,
}: {
  value: Account;
  onChange: (a: Account) => void;
  personal: string[];
}) {
  const password = useStepField('password');
  const repeat = useStepField('repeat');
  const lastName = useStepField('lastName');
  const firstName = useStepField('firstName');
  const middleName = useStepField('middleName');
  const set = (k: keyof Account) => (e: ChangeEvent<HTMLInputElement>) =>
    onChange({ ...value, [k]: e.currentTarget.value });
  return (
    <>
      <div>
        <PasswordField
          {...password}
          label={ACCOUNT_LABELS.password}
          description={PASSWORD_HINT}
          autoComplete="new-password"
          value={value.password}
          onChange={set('password')}
          maw={480}
        />
        <PasswordStrength
          password={value.password}
          personal={[...personal, value.lastName, value.firstName, value.middleName]}
        />
      </div>
      <PasswordField
        {...repeat}
        label={ACCOUNT_LABELS.repeat}
        description="Чтобы не ошибиться при вводе"
        autoComplete="new-password"
        value={value.repeat}
        onChange={set('repeat')}
        maw={480}
      />
      <fieldset className={classes.optional}>
        <legend>Как к вам обращаться (необязательно)</legend>
        <Text size="sm" c="dimmed" mt={-8}>
          Можно указать позже в профиле. Для услуг понадобятся ФИО как в паспорте.
        </Text>
        <TextInput
          {...lastName}
          label={ACCOUNT_LABELS.lastName}
          autoComplete="family-name"
          value={value.lastName}
          onChange={set('lastName')}
          maw={480}
        />
        <TextInput
          {...firstName}
          label={ACCOUNT_LABELS.firstName}
          autoComplete="given-name"
          value={value.firstName}
          onChange={set('firstName')}
          maw={480}
        />
        <TextInput
          {...middleName}
          label={ACCOUNT_LABELS.middleName}
          description="Если есть"
          autoComplete="additional-name"
          value={value.middleName}
          onChange={set('middleName')}
          maw={480}
        />
      </fieldset>
    </>
  );
}

const NAME_RE = /^[А-ЯЁа-яёA-Za-z][А-ЯЁа-яёA-Za-z' -]*$/;

function PasswordStep({
  personal,
  onRegistered,
  onRestart,
}: {
  personal: string[];
  onRegistered: () => Promise<void>;
  onRestart: (message: string) => void;
}) {
  const [value, setValue] = useState<Account>({
    password: '',
    repeat: '',
    lastName: '',
    firstName: '',
    middleName: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async () => {
    const local: Record<string, string> = {};
    const names = {
      lastName: value.lastName.trim(),
      firstName: value.firstName.trim(),
      middleName: value.middleName.trim(),
    };
    for (const [k, v] of Object.entries(names)) {
      if (v && (v.length > 60 || !NAME_RE.test(v)))
        local[k] = 'Только буквы, дефис, апостроф и пробел, до 60 символов';
    }
    if (!value.password) local.password = 'Придумайте пароль';
    else {
      const verdict = await checkPasswordNow(value.password, [...personal, ...Object.values(names)]);
      if (verdict && !verdict.ok && verdict.message) local.password = verdict.message;
    }
    if (!local.password && value.password !== value.repeat) local.repeat = 'Пароли не совпадают';
    setMessage(null);
    setErrors(local);
    if (Object.keys(local).length) return;
    setSubmitting(true);
    try {
      unwrap(
        await api.POST('/api/auth/register/complete', {
          body: {
            password: value.password,
            ...(names.lastName ? { lastName: names.lastName } : {}),
            ...(names.firstName ? { firstName: names.firstName } : {}),
            ...(names.middleName ? { middleName: names.middleName } : {}),
          },
        }),
      );
      await onRegistered();
    } catch (error) {
      if (statusOf(error) === 409) {
        onRestart(problemOf(error).detail);
        return;
      }
      setErrors(formErrors(error, ['password', 'lastName', 'firstName', 'middleName']).fields);
      setMessage(problemOf(error).detail);
      setSubmitting(false);
    }
  };

  return (
    <FormStep
      title="Придумайте пароль"
      description="Пароль понадобится для входа вместе с кодом из SMS или приложения."
      errors={errors}
      fieldLabels={ACCOUNT_LABELS}
      message={message}
      onSubmit={() => void submit()}
      submitLabel="Зарегистрироваться"
      submitting={submitting}
    >
      <AccountFields value={value} onChange={setValue} personal={personal} />
    </FormStep>
  );
}

/* --------------------------------------------------------------- exists */

function ExistsPanel({ message, onAgain }: { message: string; onAgain: () => void }) {
  return (
    <section className={classes.panel} aria-labelledby="register-exists">
      <h2 id="register-exists" style={{ margin: 0 }}>
        Учётная запись уже есть
      </h2>
      <Alert
        color="orange"
        variant="light"
        role="alert"
        icon={<IconAlertTriangle aria-hidden="true" />}
        title="Зарегистрироваться повторно нельзя"
      >
        {message}
      </Alert>
      <div className={classes.actions}>
        <Button component={Link} to="/login" leftSection={<IconLogin size={18} aria-hidden="true" />}>
          Войти
        </Button>
        <Button component={Link} to="/recovery" variant="default">
          Забыли пароль?
        </Button>
        <Button variant="subtle" onClick={onAgain}>
          Указать другой контакт
        </Button>
      </div>
    </section>
  );
}

/* ----------------------------------------------------------------- page */

type Stage =
  | { step: 'contact'; notice?: string }
  | { step: 'code'; destination: string }
  | { step: 'password' }
  | { step: 'exists'; message: string };

/** `/register`: contact → code → password (+ optional ФИО); then the person is signed in. */
export function RegisterPage() {
  const me = useMe();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const done = useRef(false);
  const [contact, setContact] = useState<Contact>({ channel: 'phone', phone: '', email: '', consent: false });
  const [stage, setStage] = useState<Stage>({ step: 'contact' });

  if (me.data && !done.current) return <Navigate to={next} replace />;

  const restart = (notice: string) => setStage({ step: 'contact', notice });
  const active = stage.step === 'contact' ? 0 : stage.step === 'password' ? 2 : 1;
  const personal = contact.channel === 'phone' ? [contact.phone] : [contact.email];

  const onRegistered = async () => {
    done.current = true;
    await queryClient.invalidateQueries({ queryKey: meQueryKey });
    notify(
      'green',
      'Учётная запись создана',
      'Вы вошли в личный кабинет. Подтвердите личность, чтобы получить больше услуг.',
    );
    void navigate(next, { replace: true });
  };

  return (
    <div className={classes.column}>
      <PageHeader
        title="Регистрация"
        description="Учётная запись нужна, чтобы получать услуги онлайн. Это займёт пару минут."
      />
      {stage.step === 'exists' ? (
        <ExistsPanel message={stage.message} onAgain={() => setStage({ step: 'contact' })} />
      ) : (
        <FormStepper steps={STEPS} active={active}>
          {stage.step === 'contact' ? (
            <>
              {stage.notice ? (
                <Alert
                  color="orange"
                  variant="light"
                  role="alert"
                  icon={<IconAlertTriangle aria-hidden="true" />}
                >
                  {stage.notice}
                </Alert>
              ) : null}
              <ContactStep
                initial={contact}
                onSent={(c, destination) => {
                  setContact(c);
                  setStage({ step: 'code', destination });
                }}
              />
            </>
          ) : stage.step === 'code' ? (
            <CodeStep
              channel={contact.channel}
              destination={stage.destination}
              onBack={() => setStage({ step: 'contact' })}
              onConfirmed={() => setStage({ step: 'password' })}
              onExists={(message) => setStage({ step: 'exists', message })}
              onRestart={restart}
            />
          ) : (
            <PasswordStep personal={personal} onRegistered={onRegistered} onRestart={restart} />
          )}
        </FormStepper>
      )}
      <BankRegisterEntry />
      <p className={classes.under}>
        <span>Уже есть учётная запись?</span>
        <Anchor component={Link} to="/login" className={classes.underLink} fw={700}>
          Войти
        </Anchor>
      </p>
    </div>
  );
}
