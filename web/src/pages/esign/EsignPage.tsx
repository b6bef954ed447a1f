import { useState } from 'react';
import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { formatDate, formatSnils } from '@kabinet/shared';
import { api, apiFetch } from '../../api/client';
import { meQueryKey } from '../../api/me';
import { formErrors, problemOf, unwrap } from '../../api/problem';
import { PageHeader } from '../../components/PageHeader';
import { RequireLogin } from '../../components/RequireLogin';
import {
  newKeyAndRequest,
  removeEntry,
  saveCertificate,
  signChallenge,
  tokenCertificates,
} from '../../esign/token';
import { notify } from '../auth/notify';

export const tokenKey = ['esign', 'token'] as const;
const registeredKey = ['esign', 'registered'] as const;

/** «Получить сертификат»: a key made in this browser, a request to the CA simulator, the certificate kept beside the key. */
function ObtainCertificate() {
  const queryClient = useQueryClient();
  const [value, setValue] = useState({ lastName: '', firstName: '', middleName: '', snils: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setMessage(null);
    setErrors({});
    const { id, csr } = await newKeyAndRequest();
    try {
      const issued = await apiFetch<{ certificate: string }>('/sim/ca/api/certificates', {
        method: 'POST',
        body: { csr, ...value, middleName: value.middleName || null },
      });
      await saveCertificate(id, issued.certificate);
      await queryClient.invalidateQueries({ queryKey: tokenKey });
      notify('green', 'Сертификат выпущен', 'Ключ и сертификат сохранены в этом браузере.');
      setValue({ lastName: '', firstName: '', middleName: '', snils: '' });
    } catch (error) {
      await removeEntry(id);
      setErrors(formErrors(error, ['lastName', 'firstName', 'middleName', 'snils', 'csr']).fields);
      setMessage(problemOf(error).detail);
    } finally {
      setBusy(false);
    }
  };

  const field = (name: keyof typeof value, label: string, extra: object = {}) => (
    <TextInput
      label={label}
      value={value[name]}
      error={errors[name]}
      onChange={(e) => setValue({ ...value, [name]: e.currentTarget.value })}
      maw={480}
      {...extra}
    />
  );

  return (
    <Card withBorder radius="md" p="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h3">
            Получить сертификат в удостоверяющем центре
          </Title>
          <Text>
            Ключ создаётся в этом браузере и не покидает его. Удостоверяющий центр (здесь — симулятор)
            проверяет ваши ФИО и СНИЛС и выпускает сертификат на этот ключ.
          </Text>
          {message ? (
            <Alert color="red" role="alert" title="Сертификат не выпущен">
              {message}
            </Alert>
          ) : null}
          {field('lastName', 'Фамилия', { required: true, autoComplete: 'family-name' })}
          {field('firstName', 'Имя', { required: true, autoComplete: 'given-name' })}
          {field('middleName', 'Отчество (если есть)', { autoComplete: 'additional-name' })}
          {field('snils', 'СНИЛС', {
            required: true,
            description: 'Например, 112-233-445 95',
            inputMode: 'numeric',
          })}
          <Group>
            <Button type="submit" loading={busy}>
              Получить сертификат
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** Certificates in this browser's token, each able to confirm the signed-in person's identity. */
function TokenCertificates() {
  const queryClient = useQueryClient();
  const token = useQuery({ queryKey: tokenKey, queryFn: tokenCertificates });
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const confirm = async (id: string) => {
    setBusy(id);
    setMessage(null);
    try {
      const challenge = unwrap(await api.POST('/api/identity/esign/challenge'));
      const body = await signChallenge(id, challenge);
      const result = unwrap(await api.POST('/api/identity/esign/confirm', { body }));
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      await queryClient.invalidateQueries({ queryKey: registeredKey });
      notify(
        'green',
        'Личность подтверждена',
        result.raised ? 'Учётная запись теперь подтверждённая.' : 'Сертификат привязан к учётной записи.',
      );
    } catch (error) {
      setMessage(problemOf(error).detail);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Сертификаты в этом браузере
      </Title>
      {message ? (
        <Alert color="red" role="alert" title="Не получилось">
          {message}
        </Alert>
      ) : null}
      {token.data?.length === 0 ? <Text>В этом браузере пока нет сертификатов.</Text> : null}
      {token.data?.map((c) => (
        <Card key={c.id} withBorder radius="md" p="md">
          <Stack gap={4}>
            <Text fw={700}>{c.owner}</Text>
            <Text size="sm">СНИЛС {formatSnils(c.snils)}</Text>
            <Text size="sm">
              Действует с {formatDate(c.notBefore)} по {formatDate(c.notAfter)}
            </Text>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              Серийный номер {c.serial}
            </Text>
            <Group mt="xs">
              <Button variant="light" loading={busy === c.id} onClick={() => void confirm(c.id)}>
                Подтвердить личность
              </Button>
            </Group>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

function RegisteredCertificates() {
  const list = useQuery({
    queryKey: registeredKey,
    queryFn: async () => unwrap(await api.GET('/api/identity/esign/certificates')),
  });
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Привязаны к учётной записи
      </Title>
      {list.data?.items.length === 0 ? (
        <Text>
          Сертификат привязывается, когда вы подтверждаете им личность; после этого с ним можно входить.
        </Text>
      ) : null}
      {list.data?.items.map((c) => (
        <Card key={c.id} withBorder radius="md" p="md">
          <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
            {c.subject.split(',')[0]?.replace(/^CN=/, '')}
          </Text>
          <Text size="sm">
            {c.revokedAt ? 'Отвязан' : `Действует по ${formatDate(c.notAfter)}`}
            {c.lastUsedAt ? ` · использован ${formatDate(c.lastUsedAt)}` : ''}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}

/** `/settings/esign`: the browser's «программный токен» — obtain a certificate, see them, confirm identity. */
export function EsignPage() {
  return (
    <Stack gap="lg">
      <PageHeader
        title="Электронная подпись"
        description="Сертификат для входа по электронной подписи и подтверждения личности."
        breadcrumbs={[{ label: 'Настройки', to: '/settings' }, { label: 'Электронная подпись' }]}
      />
      <RequireLogin what="Получить сертификат и подтвердить личность можно после входа в личный кабинет.">
        {() => (
          <Stack gap="xl">
            <TokenCertificates />
            <ObtainCertificate />
            <RegisteredCertificates />
          </Stack>
        )}
      </RequireLogin>
    </Stack>
  );
}
