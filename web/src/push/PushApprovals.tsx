import { useState } from 'react';
import { Button, Modal } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link, useLocation } from 'react-router';
import { useMe } from '../api/me';
import { notify } from '../pages/auth/notify';
import { PushRequestCard } from './PushRequestCard';
import { usePushRequests, type DeviceRequest } from './usePushRequests';
import { useWaitingNumber } from './waiting';

/** After an answer: what happened, in a toast. */
export function answeredToast(request: DeviceRequest, result: 'approved' | 'denied') {
  const login = request.purpose === 'login';
  if (result === 'approved')
    notify(
      'green',
      login ? 'Вход подтверждён' : 'Действие подтверждено',
      'Можно вернуться на другое устройство.',
    );
  else
    notify(
      'blue',
      login ? 'Вход отклонён' : 'Действие отклонено',
      'Мы сообщили об этом по SMS и почте. Если кто-то знает ваш пароль — смените его в настройках безопасности.',
    );
}

/**
 * On every page of a browser registered to confirm logins: a dialog «Подтвердите вход» when a
 * request waits for it (not on /confirm-login, which lists them itself). Closing the dialog leaves
 * the request to the approval page until it expires.
 */
export function PushApprovals() {
  const { pathname } = useLocation();
  const onPage = pathname === '/confirm-login';
  const { requests, answer } = usePushRequests(!onPage);
  const { data: me } = useMe();
  const shownHere = useWaitingNumber();
  // On a phone the request takes the whole screen: the numbers and both answers stay in view.
  const phone = useMediaQuery('(max-width: 36em)');
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const [shown, setShown] = useState<DeviceRequest | null>(null);
  const next = requests.find((r) => !dismissed.has(r.id)) ?? null;
  // The dialog keeps its request while it is open, even when the next poll no longer lists it.
  const request = onPage ? null : (shown ?? next);
  const close = () => {
    if (request) setDismissed((d) => new Set(d).add(request.id));
    setShown(null);
  };

  return (
    <Modal
      opened={!!request}
      onClose={close}
      title={request?.purpose === 'step_up' ? 'Подтвердите действие' : 'Подтвердите вход'}
      centered
      fullScreen={phone}
      radius={phone ? 0 : 'lg'}
      closeButtonProps={{ 'aria-label': 'Закрыть' }}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-h3-font-size)' } }}
    >
      {request ? (
        <>
          <PushRequestCard
            key={request.id}
            request={request}
            titleOrder={null}
            timeZone={me?.timeZone}
            shownHere={shownHere}
            answer={async (r, decision, number) => {
              setShown(r);
              return answer(r, decision, number);
            }}
            onAnswered={(result) => {
              answeredToast(request, result);
              setDismissed((d) => new Set(d).add(request.id));
              setShown(null);
            }}
          />
          <Button component={Link} to="/confirm-login" variant="subtle" px="xs" mt="xs" onClick={close}>
            Все запросы этого устройства
          </Button>
        </>
      ) : null}
    </Modal>
  );
}
