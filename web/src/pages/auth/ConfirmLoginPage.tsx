import { Skeleton, Stack, Text } from '@mantine/core';
import { IconDeviceDesktopCheck } from '@tabler/icons-react';
import { useMe } from '../../api/me';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { problemOf } from '../../api/problem';
import { notify } from './notify';
import { answeredToast } from '../../push/PushApprovals';
import { PushRequestCard } from '../../push/PushRequestCard';
import { usePushRequests } from '../../push/usePushRequests';
import classes from '../../push/push.module.css';

/**
 * `/confirm-login`: the requests waiting for this browser's answer (the notification opens it). No
 * sign-in needed — the browser's own registered key signs the answers.
 */
export function ConfirmLoginPage() {
  const { devices, requests, answer } = usePushRequests(true);
  const { data: me } = useMe();
  return (
    <>
      <PageHeader
        title="Подтверждение входа"
        description="Запросы на вход в ваш кабинет, которые ждут ответа этого браузера."
      />
      {devices === null ? (
        <Stack gap="md" aria-busy="true">
          <span className="kb-visually-hidden">Загрузка…</span>
          <Skeleton height={180} radius="lg" />
        </Stack>
      ) : devices.length === 0 ? (
        <EmptyState
          title="Этот браузер не подтверждает вход"
          icon={IconDeviceDesktopCheck}
          action={{ label: 'Настроить в безопасности', to: '/settings/security' }}
        >
          Зарегистрируйте его в настройках: «Вход и безопасность» → «Подтверждение входа на устройстве».
        </EmptyState>
      ) : (
        <Stack gap="md">
          <Text role="status" aria-live="polite">
            {requests.length
              ? `Ждут ответа: ${requests.length}.`
              : 'Запросов нет. Когда кто-то начнёт вход в ваш кабинет и выберет подтверждение на устройстве, запрос появится здесь.'}
          </Text>
          {requests.map((r) => (
            <div key={r.id} className={classes.panel}>
              <PushRequestCard
                request={r}
                answer={async (req, decision, number) => {
                  try {
                    return await answer(req, decision, number);
                  } catch (error) {
                    // The request leaves this list with the next poll: the toast keeps the reason.
                    notify('red', 'Не получилось', problemOf(error).detail);
                    throw error;
                  }
                }}
                timeZone={me?.timeZone}
                onAnswered={(result) => answeredToast(r, result)}
              />
            </div>
          ))}
        </Stack>
      )}
    </>
  );
}
