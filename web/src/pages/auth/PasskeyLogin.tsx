import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconFingerprint } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import {
  browserSupportsWebAuthn,
  startAuthentication,
  WebAuthnError,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { api } from '../../api/client';
import { meQueryKey } from '../../api/me';
import { formErrors, problemOf, unwrap } from '../../api/problem';
import { FormStep, useStepField } from '../../components/FormStep';
import { PasswordField } from './PasswordStrength';
import classes from './auth.module.css';
import { notify } from './notify';

// «Войти с ключом доступа» (a passkey alone, no login typed) and the passkey as the second factor
// after a password. The browser's prompt does the work: biometrics, a PIN or a security key.

/** What went wrong in the browser's passkey prompt, in words a person can act on. */
export function ceremonyMessage(error: unknown): string {
  const code = error instanceof WebAuthnError ? error.code : '';
  // The library wraps the browser's DOMException; its name says what happened.
  const cause = error instanceof WebAuthnError ? error.cause : error;
  const name = cause instanceof Error ? cause.name : '';
  if (code === 'ERROR_CEREMONY_ABORTED' || name === 'NotAllowedError' || name === 'AbortError')
    return 'Проверка ключа доступа отменена или время ожидания истекло. Попробуйте ещё раз или выберите другой способ.';
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError')
    return 'Этот ключ доступа уже добавлен. Выберите другое устройство или электронный ключ.';
  if (name === 'SecurityError' || code === 'ERROR_INVALID_DOMAIN' || code === 'ERROR_INVALID_RP_ID')
    return 'Ключ доступа работает только на официальном адресе Кабинета. Откройте сайт по его обычному адресу.';
  if (error instanceof WebAuthnError || error instanceof DOMException)
    return 'Браузер не смог использовать ключ доступа. Попробуйте ещё раз или выберите другой способ.';
  return problemOf(error).detail;
}

export const passkeysSupported = () => typeof window !== 'undefined' && browserSupportsWebAuthn();

type StepResult = { status: 'signed_in' } | { status: 'more'; factors: { type: string }[] };

async function signedIn(queryClient: ReturnType<typeof useQueryClient>) {
  notify('green', 'Вы вошли в личный кабинет', 'Добро пожаловать!');
  // The login page sees the user and goes on to `?next=`.
  await queryClient.invalidateQueries({ queryKey: meQueryKey });
}

function ErrorAlert({ message }: { message: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      role="alert"
      color="red"
      variant="light"
      icon={<IconAlertTriangle aria-hidden="true" />}
      title="Не получилось войти"
    >
      {message}
    </Alert>
  );
}

function PasswordInput({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const field = useStepField('password');
  return (
    <PasswordField
      {...field}
      label="Пароль"
      autoComplete="current-password"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      maw={480}
      autoFocus
    />
  );
}

/** A key without biometrics or a PIN is one factor: the password completes the login. */
function PasswordAfterKey({ onCancel }: { onCancel: () => void }) {
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const submit = async () => {
    if (!password) {
      setErrors({ password: 'Введите пароль' });
      return;
    }
    setSubmitting(true);
    try {
      const result = unwrap(await api.POST('/api/auth/login/password', { body: { password } }));
      if (result.status === 'signed_in') await signedIn(queryClient);
      else setMessage('Войти не удалось. Начните вход заново.');
    } catch (error) {
      setErrors(formErrors(error, ['password']).fields);
      setMessage(problemOf(error).detail);
      setPassword('');
    } finally {
      setSubmitting(false);
    }
  };
  return (
    <FormStep
      title="Ключ принят — введите пароль"
      description="Ваш ключ доступа не проверил отпечаток или PIN-код, поэтому для входа нужен ещё и пароль."
      errors={errors}
      fieldLabels={{ password: 'Пароль' }}
      message={message}
      onSubmit={() => void submit()}
      onBack={onCancel}
      submitLabel="Войти"
      submitting={submitting}
    >
      <PasswordInput value={password} onChange={setPassword} />
    </FormStep>
  );
}

/** «Войти с ключом доступа»: any passkey of this site, no login typed. For OtherLoginMethods. */
export function PasskeyLoginButton() {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [needPassword, setNeedPassword] = useState(false);
  if (!passkeysSupported()) return null;

  const run = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const { options } = unwrap(await api.POST('/api/auth/passkey/start'));
      const response = await startAuthentication({
        optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON,
      });
      const result = unwrap(
        await api.POST('/api/auth/login/passkey', { body: { response: response as never } }),
      ) as StepResult;
      if (result.status === 'signed_in') await signedIn(queryClient);
      else setNeedPassword(true);
    } catch (error) {
      setMessage(ceremonyMessage(error));
    } finally {
      setBusy(false);
    }
  };

  if (needPassword) return <PasswordAfterKey onCancel={() => setNeedPassword(false)} />;
  return (
    <Stack gap="xs">
      <Button
        variant="default"
        size="md"
        leftSection={<IconFingerprint size={20} aria-hidden="true" />}
        onClick={() => void run()}
        loading={busy}
        fullWidth
        maw={480}
      >
        Войти с ключом доступа
      </Button>
      <Text size="sm" c="dimmed" maw={480}>
        Отпечаток пальца, лицо или PIN-код устройства, либо электронный ключ — без логина и пароля.
      </Text>
      <ErrorAlert message={message} />
    </Stack>
  );
}

/**
 * The passkey as the second factor of a login in progress (after the password or an SMS code), or
 * as the second proof of a password recovery (`recovery`: `onSignedIn` then means «proven»).
 */
export function PasskeyFactor({
  onSignedIn,
  recovery = false,
}: {
  onSignedIn: () => Promise<void> | void;
  recovery?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const { options } = unwrap(
        recovery
          ? await api.POST('/api/auth/recovery/passkey/options')
          : await api.POST('/api/auth/login/passkey/options'),
      );
      const response = await startAuthentication({
        optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON,
      });
      if (recovery) {
        unwrap(await api.POST('/api/auth/recovery/passkey', { body: { response: response as never } }));
        await onSignedIn();
        return;
      }
      const result = unwrap(
        await api.POST('/api/auth/login/passkey', { body: { response: response as never } }),
      ) as StepResult;
      if (result.status === 'signed_in') await onSignedIn();
      else setMessage('Нужен ещё один способ подтверждения: введите код ниже.');
      setBusy(false);
    } catch (error) {
      setMessage(ceremonyMessage(error));
      setBusy(false);
    }
  };
  const what = recovery ? 'восстановление' : 'вход';
  return (
    <section className={classes.stack} aria-labelledby="passkey-factor-title">
      <Text component="h2" id="passkey-factor-title" fw={700} size="lg">
        Ключ доступа
      </Text>
      <Text>Подтвердите {what} отпечатком пальца, лицом, PIN-кодом устройства или электронным ключом.</Text>
      <div>
        <Button
          leftSection={<IconFingerprint size={20} aria-hidden="true" />}
          onClick={() => void run()}
          loading={busy}
        >
          Подтвердить ключом доступа
        </Button>
      </div>
      <ErrorAlert message={message} />
      {recovery ? null : (
        <Text size="sm" c="dimmed">
          Ключа нет под рукой? Подтвердите вход кодом ниже.
        </Text>
      )}
    </section>
  );
}
