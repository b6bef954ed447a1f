import { useEffect, useState } from 'react';
import { Alert, Button, Group, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBell,
  IconBellOff,
  IconCircleCheck,
  IconDeviceDesktopCheck,
  IconPencil,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { authKeys, type PushDeviceItem } from '../../api/auth';
import { api } from '../../api/client';
import { useMe } from '../../api/me';
import { ApiError, problemOf, unwrap } from '../../api/problem';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { isStepUpCancelled, useStepUp } from '../../components/StepUpDialog';
import {
  deviceKeysSupported,
  forgetLocalDevice,
  localDevices,
  newDeviceKey,
  saveLocalDevice,
  subscribeWebPush,
  unsubscribeWebPush,
  DEVICES_CHANGED,
} from '../../push/device';
import { TONES } from '../../theme';
import { notify } from '../auth/notify';
import { formatDateTimeSeconds } from './format';
import { ActionError } from './ActionError';
import { RenameDialog } from './RenameDialog';
import classes from './settings.module.css';

// «Подтверждение входа на устройстве» in Settings → Вход и безопасность: register this browser to
// confirm logins (a non-extractable key made here, a Web Push subscription when the browser's push
// service answers), list, rename, remove. Every change asks a fresh proof of identity (step-up).

/** An API problem, our own sentence, or what the browser's WebCrypto or storage refused. */
function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail;
  if (error instanceof Error && /[А-Яа-я]/.test(error.message)) return error.message;
  if (error instanceof DOMException)
    return 'Браузер не смог создать или сохранить ключ устройства. Проверьте, что сайт не открыт в режиме инкогнито, и попробуйте ещё раз.';
  return problemOf(error).detail;
}

/** The ids of this browser's own registrations (IndexedDB). */
function useLocalIds() {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    const load = () => void localDevices().then((list) => setIds(new Set(list.map((d) => d.id))));
    load();
    window.addEventListener(DEVICES_CHANGED, load);
    return () => window.removeEventListener(DEVICES_CHANGED, load);
  }, []);
  return ids;
}

/** The push devices card of the factors section. */
export function PushDevicesCard({ frozen }: { frozen: boolean }) {
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const tz = me?.timeZone;
  const stepUp = useStepUp();
  const localIds = useLocalIds();
  const [label, setLabel] = useState('');
  const [renaming, setRenaming] = useState<PushDeviceItem | null>(null);
  const [removing, setRemoving] = useState<PushDeviceItem | null>(null);
  const list = useQuery({
    queryKey: authKeys.pushDevices,
    queryFn: async () => unwrap(await api.GET('/api/auth/push/devices')),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: authKeys.factors });

  const add = useMutation({
    mutationFn: async () => {
      const vapid = list.data?.vapidPublicKey;
      if (!vapid || !me) throw new Error('Настройки ещё загружаются. Попробуйте через несколько секунд.');
      // The key is made before step-up may ask a code, and kept only once the server accepts it.
      const key = await newDeviceKey();
      const subscription = await subscribeWebPush(vapid);
      const name = label.trim();
      const { device } = await stepUp.guard(async () =>
        unwrap(
          await api.POST('/api/auth/push/devices', {
            body: {
              publicKey: key.publicJwk as never,
              subscription,
              ...(name ? { label: name } : {}),
            },
          }),
        ),
      );
      await saveLocalDevice({
        id: device.id,
        userId: me.id,
        privateKey: key.privateKey,
        createdAt: device.createdAt,
      });
      return device;
    },
    onSuccess: (device) => {
      setLabel('');
      notify(
        'green',
        'Браузер зарегистрирован',
        device.webPush
          ? `«${device.label}» будет получать уведомления о входе.`
          : `«${device.label}» будет получать запросы, пока в нём открыт Кабинет.`,
      );
      void refresh();
    },
  });
  const rename = useMutation({
    mutationFn: ({ id, label: next }: { id: string; label: string }) =>
      stepUp.guard(
        async () =>
          unwrap(
            await api.PATCH('/api/auth/push/devices/{id}', {
              params: { path: { id } },
              body: { label: next },
            }),
          ),
        { onStepUp: () => setRenaming(null) },
      ),
    onSuccess: () => {
      setRenaming(null);
      notify('green', 'Устройство переименовано', 'Новое название сохранено.');
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: async (id: string) => {
      await stepUp.guard(
        async () => unwrap(await api.DELETE('/api/auth/push/devices/{id}', { params: { path: { id } } })),
        { onStepUp: () => setRemoving(null) },
      );
      if (localIds.has(id)) {
        await forgetLocalDevice(id);
        if (localIds.size === 1) await unsubscribeWebPush();
      }
    },
    onSuccess: () => {
      setRemoving(null);
      notify('green', 'Устройство удалено', 'Оно больше не подтверждает вход.');
      void refresh();
    },
    onError: () => setRemoving(null),
  });

  const items = list.data?.items ?? [];
  const thisBrowserRegistered = items.some((d) => localIds.has(d.id));
  return (
    <section className={classes.card} aria-labelledby="factor-push">
      <div className={classes.cardHead}>
        <Title order={3} id="factor-push">
          Подтверждение входа на устройстве
        </Title>
        {items.length ? (
          <span className={classes.state} style={{ color: TONES.success.fg }}>
            <IconCircleCheck size={18} aria-hidden="true" />
            {`Устройств: ${items.length}`}
          </span>
        ) : null}
      </div>
      <p className={classes.dimmed}>
        Когда кто-то входит в ваш кабинет, зарегистрированный браузер покажет, кто и откуда входит, и попросит
        выбрать число с экрана входа. Код никуда не пересылается, поэтому его нельзя перехватить — это
        надёжнее SMS.
      </p>
      {list.isPending ? (
        <Skeleton height={48} radius="md" />
      ) : list.isError ? (
        <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
          {problemOf(list.error).detail}
        </Alert>
      ) : items.length ? (
        <ul className={classes.list} aria-label="Устройства, подтверждающие вход">
          {items.map((d) => (
            <li key={d.id} className={classes.item}>
              <div>
                <p className={classes.itemTitle}>
                  <IconDeviceDesktopCheck
                    size={20}
                    aria-hidden="true"
                    style={{ verticalAlign: -4, marginRight: 6 }}
                  />
                  {d.label}
                  {localIds.has(d.id) ? (
                    <>
                      {' '}
                      <span className={classes.current}>Этот браузер</span>
                    </>
                  ) : null}
                </p>
                <p className={classes.itemMeta}>
                  {d.browser}, {d.os}. Добавлено {formatDateTimeSeconds(d.createdAt, tz)}.{' '}
                  {d.lastUsedAt
                    ? `Последнее подтверждение ${formatDateTimeSeconds(d.lastUsedAt, tz)}.`
                    : 'Ещё не подтверждало вход.'}
                </p>
                <p className={classes.itemMeta}>
                  {d.webPush ? (
                    <>
                      <IconBell size={16} aria-hidden="true" style={{ verticalAlign: -3 }} /> Уведомления
                      включены.
                    </>
                  ) : (
                    <>
                      <IconBellOff size={16} aria-hidden="true" style={{ verticalAlign: -3 }} /> Без
                      уведомлений: запросы приходят, пока в браузере открыт Кабинет.
                    </>
                  )}
                </p>
              </div>
              <Group gap="xs">
                <Button
                  variant="default"
                  leftSection={<IconPencil size={18} aria-hidden="true" />}
                  onClick={() => {
                    rename.reset();
                    setRenaming(d);
                  }}
                  aria-label={`Переименовать устройство «${d.label}»`}
                >
                  Переименовать
                </Button>
                <Button
                  variant="default"
                  color="red"
                  leftSection={<IconTrash size={18} aria-hidden="true" />}
                  onClick={() => setRemoving(d)}
                  disabled={frozen}
                  aria-label={`Удалить устройство «${d.label}»`}
                >
                  Удалить
                </Button>
              </Group>
            </li>
          ))}
        </ul>
      ) : (
        <Text>Устройств пока нет.</Text>
      )}
      <ActionError error={remove.error} describe={errorText} />
      {!deviceKeysSupported() ? (
        <Text>Этот браузер не умеет хранить ключи устройства. Откройте Кабинет в современном браузере.</Text>
      ) : thisBrowserRegistered ? (
        <Text>Этот браузер уже подтверждает вход в ваш кабинет.</Text>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <Stack gap="sm">
            <TextInput
              label="Название этого браузера (необязательно)"
              description={`Если не указать: «${list.data?.suggestedLabel ?? 'браузер и система'}»`}
              value={label}
              onChange={(e) => setLabel(e.currentTarget.value)}
              maxLength={60}
              disabled={frozen}
              maw={480}
            />
            <ActionError error={add.error} describe={errorText} />
            <div>
              <Button
                type="submit"
                leftSection={<IconPlus size={18} aria-hidden="true" />}
                loading={add.isPending}
                disabled={frozen || list.isPending}
              >
                Подтверждать вход в этом браузере
              </Button>
            </div>
            <Text size="sm" c="dimmed">
              Браузер попросит разрешение на уведомления. Без него запросы будут приходить, пока в браузере
              открыт Кабинет.
            </Text>
          </Stack>
        </form>
      )}
      <RenameDialog
        item={renaming}
        title="Переименовать устройство"
        description="Например, «Рабочий ноутбук» или «Домашний компьютер»"
        onClose={() => setRenaming(null)}
        onSave={(next) => renaming && rename.mutate({ id: renaming.id, label: next })}
        saving={rename.isPending}
        error={rename.error && !isStepUpCancelled(rename.error) ? rename.error : null}
      />
      <ConfirmDialog
        opened={!!removing}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing.id)}
        title="Удалить устройство?"
        confirmLabel="Удалить"
        danger
        loading={remove.isPending}
      >
        «{removing?.label}» больше не будет подтверждать вход. Другие способы входа продолжат работать.
      </ConfirmDialog>
      {stepUp.dialog}
    </section>
  );
}
