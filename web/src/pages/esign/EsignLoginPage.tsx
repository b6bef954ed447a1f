import { useState } from 'react';
import { Alert, Anchor, Button, Card, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { IconSignature } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { formatDate, formatSnils } from '@kabinet/shared';
import { api } from '../../api/client';
import { meQueryKey } from '../../api/me';
import { problemOf, unwrap } from '../../api/problem';
import { PageHeader } from '../../components/PageHeader';
import { signChallenge, tokenCertificates } from '../../esign/token';
import { MethodCard } from '../identity/MethodCard';
import { notify } from '../auth/notify';
import { tokenKey } from './EsignPage';

/**
 * `/login/esign`: the certificate in this browser signs the server's challenge (one factor,
 * possession); the password is then asked as the second one (PRODUCT.md §1: two factors).
 */
export function EsignLoginPage() {
  const token = useQuery({ queryKey: tokenKey, queryFn: tokenCertificates });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [needPassword, setNeedPassword] = useState(false);
  const [password, setPassword] = useState('');

  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: meQueryKey });
    notify('green', 'Вы вошли в личный кабинет', 'Добро пожаловать!');
    void navigate('/', { replace: true });
  };

  const sign = async (id: string) => {
    setBusy(true);
    setMessage(null);
    try {
      const challenge = unwrap(await api.POST('/api/auth/esign/challenge'));
      const body = await signChallenge(id, challenge);
      const step = unwrap(await api.POST('/api/auth/esign/login', { body }));
      if (step.status === 'signed_in') await done();
      else setNeedPassword(true);
    } catch (error) {
      setMessage(problemOf(error).detail);
    } finally {
      setBusy(false);
    }
  };

  const submitPassword = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const step = unwrap(await api.POST('/api/auth/login/password', { body: { password } }));
      if (step.status === 'signed_in') await done();
    } catch (error) {
      setMessage(problemOf(error).detail);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="lg" maw={640}>
      <PageHeader
        title="Вход по электронной подписи"
        description="Подпишите запрос сертификатом из этого браузера, затем введите пароль."
      />
      {message ? (
        <Alert color="red" role="alert" title="Войти не получилось">
          {message}
        </Alert>
      ) : null}
      {needPassword ? (
        <Card withBorder radius="md" p="lg">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void submitPassword();
            }}
          >
            <Stack gap="sm">
              <Text component="h2" fw={700} size="lg">
                Подпись проверена. Введите пароль
              </Text>
              <PasswordInput
                label="Пароль"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                required
                maw={480}
                autoFocus
              />
              <Group>
                <Button type="submit" loading={busy}>
                  Войти
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      ) : (
        <Stack gap="sm">
          <Text component="h2" fw={700} size="lg">
            Выберите сертификат
          </Text>
          {token.data?.length === 0 ? (
            <Text>
              В этом браузере нет сертификатов.{' '}
              <Anchor component={Link} to="/settings/esign">
                Как получить сертификат
              </Anchor>
            </Text>
          ) : null}
          {token.data?.map((c) => (
            <Card key={c.id} withBorder radius="md" p="md">
              <Text fw={700}>{c.owner}</Text>
              <Text size="sm">
                СНИЛС {formatSnils(c.snils)} · действует по {formatDate(c.notAfter)}
              </Text>
              <Group mt="xs">
                <Button loading={busy} onClick={() => void sign(c.id)}>
                  Подписать и войти
                </Button>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      <Anchor component={Link} to="/login">
        Другие способы входа
      </Anchor>
    </Stack>
  );
}

/** The button under the password form (OtherLoginMethods). */
export function EsignLoginButton() {
  return (
    <Button component={Link} to="/login/esign" variant="default" fullWidth>
      Войти по электронной подписи
    </Button>
  );
}

/** The card among the ways to confirm identity (ConfirmationMethods). */
export function EsignConfirmationCard() {
  return (
    <MethodCard
      id="confirm-esign-title"
      icon={IconSignature}
      title="Квалифицированная электронная подпись"
      action={
        <Button component={Link} to="/settings/esign" variant="light">
          Подтвердить электронной подписью
        </Button>
      }
    >
      Подпишите запрос сертификатом, в котором ваши ФИО и СНИЛС, — личность подтвердится сразу.
    </MethodCard>
  );
}
