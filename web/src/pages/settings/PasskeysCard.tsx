import { useState } from 'react';
import { Alert, Button, Group, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCloud,
  IconFingerprint,
  IconPencil,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { authKeys } from '../../api/auth';
import { api } from '../../api/client';
import { useMe } from '../../api/me';
import { problemOf, unwrap } from '../../api/problem';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { isStepUpCancelled, useStepUp } from '../../components/StepUpDialog';
import { TONES } from '../../theme';
import { ceremonyMessage, passkeysSupported } from '../auth/PasskeyLogin';
import { notify } from '../auth/notify';
import { formatDateTimeSeconds } from './format';
import { ActionError } from './ActionError';
import { RenameDialog } from './RenameDialog';
import classes from './settings.module.css';

// «Ключи доступа» in Settings → Вход и безопасность: add a passkey (the browser's prompt), list,
// rename, remove. Every change asks a fresh proof of identity (step-up) and is told to the owner.

type Passkey = {
  id: string;
  label: string;
  deviceType: 'singleDevice' | 'multiDevice';
  backedUp: boolean;
  createdAt: string;
  lastUsedAt: string | null;
};

const passkeysKey = [...authKeys.factors, 'passkeys'] as const;

/** The passkeys card of the factors section. */
export function PasskeysCard({ frozen }: { frozen: boolean }) {
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const tz = me?.timeZone;
  const stepUp = useStepUp();
  const [label, setLabel] = useState('');
  const [renaming, setRenaming] = useState<Passkey | null>(null);
  const [removing, setRemoving] = useState<Passkey | null>(null);
  const list = useQuery({
    queryKey: passkeysKey,
    queryFn: async () => unwrap(await api.GET('/api/auth/passkeys')).items as Passkey[],
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: authKeys.factors });

  const add = useMutation({
    mutationFn: async () => {
      const { options } = await stepUp.guard(async () =>
        unwrap(await api.POST('/api/auth/passkeys/options')),
      );
      const response = await startRegistration({
        optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON,
      });
      const name = label.trim();
      return stepUp.guard(async () =>
        unwrap(
          await api.POST('/api/auth/passkeys', {
            body: { response: response as never, ...(name ? { label: name } : {}) },
          }),
        ),
      );
    },
    onSuccess: (data) => {
      setLabel('');
      notify('green', 'Ключ доступа добавлен', `«${data.passkey.label}»: теперь можно входить без пароля.`);
      void refresh();
    },
  });
  const rename = useMutation({
    mutationFn: ({ id, label: next }: { id: string; label: string }) =>
      stepUp.guard(
        async () =>
          unwrap(
            await api.PATCH('/api/auth/passkeys/{id}', { params: { path: { id } }, body: { label: next } }),
          ),
        { onStepUp: () => setRenaming(null) },
      ),
    onSuccess: () => {
      setRenaming(null);
      notify('green', 'Ключ переименован', 'Новое название сохранено.');
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      stepUp.guard(
        async () => unwrap(await api.DELETE('/api/auth/passkeys/{id}', { params: { path: { id } } })),
        { onStepUp: () => setRemoving(null) },
      ),
    onSuccess: () => {
      setRemoving(null);
      notify('green', 'Ключ доступа удалён', 'Войти с ним больше нельзя.');
      void refresh();
    },
    onError: () => setRemoving(null),
  });

  const items = list.data ?? [];
  return (
    <section className={classes.card} aria-labelledby="factor-passkeys">
      <div className={classes.cardHead}>
        <Title order={3} id="factor-passkeys">
          Ключи доступа
        </Title>
        {items.length ? (
          <span className={classes.state} style={{ color: TONES.success.fg }}>
            <IconCircleCheck size={18} aria-hidden="true" />
            {`Добавлено: ${items.length}`}
          </span>
        ) : null}
      </div>
      <p className={classes.dimmed}>
        Вход по отпечатку пальца, лицу или PIN-коду телефона и компьютера, либо электронным ключом (USB, NFC).
        Ключ нельзя подсмотреть или выманить на поддельном сайте — это самый надёжный способ входа.
      </p>
      {list.isPending ? (
        <Skeleton height={48} radius="md" />
      ) : list.isError ? (
        <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
          {problemOf(list.error).detail}
        </Alert>
      ) : items.length ? (
        <ul className={classes.list} aria-label="Добавленные ключи доступа">
          {items.map((p) => (
            <li key={p.id} className={classes.item}>
              <div>
                <p className={classes.itemTitle}>
                  <IconFingerprint
                    size={20}
                    aria-hidden="true"
                    style={{ verticalAlign: -4, marginRight: 6 }}
                  />
                  {p.label}
                </p>
                <p className={classes.itemMeta}>
                  Добавлен {formatDateTimeSeconds(p.createdAt, tz)}.{' '}
                  {p.lastUsedAt
                    ? `Последний вход ${formatDateTimeSeconds(p.lastUsedAt, tz)}.`
                    : 'Ещё не использовался.'}
                  {p.backedUp ? (
                    <>
                      {' '}
                      <IconCloud size={16} aria-hidden="true" style={{ verticalAlign: -3 }} />{' '}
                      Синхронизируется между вашими устройствами.
                    </>
                  ) : null}
                </p>
              </div>
              <Group gap="xs">
                <Button
                  variant="default"
                  leftSection={<IconPencil size={18} aria-hidden="true" />}
                  onClick={() => {
                    rename.reset();
                    setRenaming(p);
                  }}
                  aria-label={`Переименовать ключ «${p.label}»`}
                >
                  Переименовать
                </Button>
                <Button
                  variant="default"
                  color="red"
                  leftSection={<IconTrash size={18} aria-hidden="true" />}
                  onClick={() => setRemoving(p)}
                  disabled={frozen}
                  aria-label={`Удалить ключ «${p.label}»`}
                >
                  Удалить
                </Button>
              </Group>
            </li>
          ))}
        </ul>
      ) : (
        <Text>Ключей доступа пока нет.</Text>
      )}
      <ActionError error={remove.error} describe={ceremonyMessage} />
      {passkeysSupported() ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <Stack gap="sm">
            <TextInput
              label="Название нового ключа (необязательно)"
              description="Чтобы отличать ключи: «Рабочий ноутбук», «Телефон»"
              value={label}
              onChange={(e) => setLabel(e.currentTarget.value)}
              maxLength={60}
              disabled={frozen}
              maw={480}
            />
            <ActionError error={add.error} describe={ceremonyMessage} />
            <div>
              <Button
                type="submit"
                leftSection={<IconPlus size={18} aria-hidden="true" />}
                loading={add.isPending}
                disabled={frozen}
              >
                Добавить ключ доступа
              </Button>
            </div>
          </Stack>
        </form>
      ) : (
        <Text>Этот браузер не поддерживает ключи доступа. Откройте Кабинет в современном браузере.</Text>
      )}
      <RenameDialog
        item={renaming}
        title="Переименовать ключ доступа"
        description="Например, «Телефон» или «Ключ на связке»"
        onClose={() => setRenaming(null)}
        onSave={(next) => renaming && rename.mutate({ id: renaming.id, label: next })}
        saving={rename.isPending}
        error={rename.error && !isStepUpCancelled(rename.error) ? rename.error : null}
      />
      <ConfirmDialog
        opened={!!removing}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing.id)}
        title="Удалить ключ доступа?"
        confirmLabel="Удалить"
        danger
        loading={remove.isPending}
      >
        С ключом «{removing?.label}» больше нельзя будет войти. Другие способы входа продолжат работать.
      </ConfirmDialog>
      {stepUp.dialog}
    </section>
  );
}
