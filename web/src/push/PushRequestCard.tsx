import { useEffect, useId, useRef, useState } from 'react';
import { Alert, Button, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconX } from '@tabler/icons-react';
import type { PushDecision } from '@kabinet/shared';
import { formErrors, problemOf } from '../api/problem';
import { formatDateTimeSeconds } from '../pages/settings/format';
import type { DeviceRequest } from './usePushRequests';
import classes from './push.module.css';

export interface PushRequestCardProps {
  request: DeviceRequest;
  answer: (
    request: DeviceRequest,
    decision: PushDecision,
    number: number | null,
  ) => Promise<'approved' | 'denied'>;
  onAnswered: (result: 'approved' | 'denied') => void;
  /** Heading level of «Подтвердите вход»: 2 on the page, none in the dialog (its title says it). */
  titleOrder?: 2 | 3 | null;
  timeZone?: string;
  /** The number a confirmation waiting in this same tab shows (this browser asked itself). */
  shownHere?: number | null;
}

/**
 * One request to this browser: when, from where and from which browser someone is signing in, the
 * three numbers (the one the login page shows is among them), «Это я» and «Это не я».
 */
export function PushRequestCard({
  request,
  answer,
  onAnswered,
  titleOrder = 2,
  timeZone,
  shownHere,
}: PushRequestCardProps) {
  const [number, setNumber] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<PushDecision | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const login = request.purpose === 'login';

  useEffect(() => {
    if (message) alertRef.current?.focus();
  }, [message]);

  const send = async (decision: PushDecision) => {
    setMessage(null);
    setFieldError(null);
    if (decision === 'approve' && !number) {
      setFieldError(
        login ? 'Выберите число, которое показано на странице входа' : 'Выберите число из окна подтверждения',
      );
      return;
    }
    setBusy(decision);
    try {
      onAnswered(await answer(request, decision, decision === 'approve' ? Number(number) : null));
    } catch (error) {
      setMessage(problemOf(error).detail);
      setFieldError(formErrors(error, ['number']).fields.number ?? null);
      setBusy(null);
    }
  };

  const place = [request.location, request.ip ? `IP ${request.ip}` : null].filter(Boolean).join(', ');
  return (
    <section className={classes.request} aria-labelledby={titleOrder ? titleId : undefined}>
      {titleOrder ? (
        <Title order={titleOrder} id={titleId} size="h3">
          {login ? 'Подтвердите вход' : 'Подтвердите действие'}
        </Title>
      ) : null}
      <Text>
        {login
          ? 'Кто-то входит в ваш личный кабинет и выбрал подтверждение на этом устройстве. Если это вы — выберите число с экрана входа.'
          : 'В вашем кабинете меняют защиту учётной записи. Если это вы — выберите число из окна подтверждения.'}
      </Text>
      <dl className={classes.details}>
        <div>
          <dt>Когда</dt>
          <dd>{formatDateTimeSeconds(request.createdAt, timeZone)}</dd>
        </div>
        <div>
          <dt>Откуда</dt>
          <dd>{place || 'Неизвестно'}</dd>
        </div>
        <div>
          <dt>Браузер</dt>
          <dd>
            {request.browser}, {request.os} ({request.deviceType})
          </dd>
        </div>
      </dl>
      {message ? (
        <Alert
          ref={alertRef}
          tabIndex={-1}
          role="alert"
          color="red"
          variant="light"
          icon={<IconAlertTriangle aria-hidden="true" />}
          title="Не получилось"
        >
          {message}
        </Alert>
      ) : null}
      {shownHere ? (
        <Text>
          Эта же страница ждёт подтверждения с числом <strong>{shownHere}</strong>: если вы сами начали вход
          или действие здесь, выберите его.
        </Text>
      ) : null}
      <Radio.Group
        value={number}
        onChange={(v) => {
          setNumber(v);
          setFieldError(null);
        }}
        label={
          login ? 'Какое число показано на странице входа?' : 'Какое число показано в окне подтверждения?'
        }
        error={fieldError}
        name={`number-${request.id}`}
      >
        <div className={classes.choices}>
          {request.choices.map((n) => (
            <Radio.Card
              key={n}
              value={String(n)}
              className={classes.choice}
              aria-label={`Число ${n}`}
              disabled={!!busy}
            >
              <span aria-hidden="true">{n}</span>
            </Radio.Card>
          ))}
        </div>
      </Radio.Group>
      <Stack gap="xs">
        <Group gap="sm">
          <Button
            leftSection={<IconCheck size={18} aria-hidden="true" />}
            onClick={() => void send('approve')}
            loading={busy === 'approve'}
            disabled={busy === 'deny'}
          >
            Это я
          </Button>
          <Button
            variant="default"
            color="red"
            leftSection={<IconX size={18} aria-hidden="true" />}
            onClick={() => void send('deny')}
            loading={busy === 'deny'}
            disabled={busy === 'approve'}
          >
            Это не я
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          Не узнаёте вход? Нажмите «Это не я» — вход будет отклонён, а мы пришлём вам уведомление.
        </Text>
      </Stack>
    </section>
  );
}
