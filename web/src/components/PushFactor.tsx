import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Loader, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { PUSH_REQUEST_SECONDS } from '@kabinet/shared';
import type { PushStart } from '../api/auth';
import { ApiError, problemOf } from '../api/problem';
import classes from '../push/push.module.css';
import { setWaitingNumber } from '../push/waiting';

// The second factor «Подтверждение на устройстве» while it waits: the number to pick on the
// registered browser (large), a countdown, «Отправить ещё раз» and the way to another factor. The
// page gives the calls: the login's or the step-up's.

/** What the page's status call says, normalised: still waiting, done, or closed with a reason. */
export type PushCheck =
  | { status: 'pending' }
  | { status: 'done' }
  | { status: 'denied'; reason: 'not_me' | 'wrong_number'; message: string }
  | { status: 'expired'; message: string };

/** How often the waiting page asks whether the device answered. */
const CHECK_MS = 2_000;
/** The server's pause between requests of one login. */
const RESEND_SECONDS = 10;

export interface PushFactorProps {
  /** «Chrome, Windows»: the registered browser, when the server named it. */
  deviceName?: string | null;
  /** A request the server already sent (the password step does when push is preferred), and when it arrived. */
  initial?: { number: number; at: number } | null;
  start: () => Promise<PushStart>;
  check: () => Promise<PushCheck>;
  /** The device said «Это я» and the server accepted it. */
  onDone: () => void | Promise<void>;
  /** The login is over (the owner refused it, or it timed out): start again, with this message. */
  onRestart?: (message: string) => void;
  /** «Выбрать другой способ» (FactorChooser). */
  chooser?: ReactNode;
  /** The heading «Подтвердите вход на устройстве»; null in a dialog that has its own title. */
  title?: string | null;
}

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

export function PushFactor({
  deviceName,
  initial,
  start,
  check,
  onDone,
  onRestart,
  chooser,
  title,
}: PushFactorProps) {
  const [number, setNumber] = useState<number | null>(initial?.number ?? null);
  const [sentAt, setSentAt] = useState<number>(() => initial?.at ?? Date.now());
  const [phase, setPhase] = useState<'sending' | 'waiting' | 'closed' | 'ended'>(
    initial ? 'waiting' : 'sending',
  );
  const [message, setMessage] = useState<string | null>(null);
  const [resendAt, setResendAt] = useState(() => Date.now() + RESEND_SECONDS * 1000);
  const [now, setNow] = useState(() => Date.now());
  const alertRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const latest = useRef({ start, check, onDone, onRestart });
  latest.current = { start, check, onDone, onRestart };

  const send = useCallback(async () => {
    setPhase('sending');
    setMessage(null);
    try {
      const r = await latest.current.start();
      setNumber(r.number);
      setSentAt(Date.now());
      setResendAt(Date.now() + RESEND_SECONDS * 1000);
      setPhase('waiting');
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && latest.current.onRestart) {
        latest.current.onRestart(error.problem.detail);
        return;
      }
      const wait = error instanceof ApiError ? (error.retryAfter ?? 0) : 0;
      setResendAt(Date.now() + wait * 1000);
      setMessage(problemOf(error).detail);
      // An earlier request may still be waiting; without one there is nothing to wait for.
      setPhase((p) => (p === 'sending' && number !== null ? 'waiting' : 'closed'));
    }
  }, [number]);

  const first = useRef(false);
  useEffect(() => {
    if (first.current || initial) return;
    first.current = true;
    void send();
  }, [initial, send]);

  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);

  useEffect(() => {
    if (phase !== 'waiting') return;
    let stop = false;
    const tick = async () => {
      try {
        const r = await latest.current.check();
        if (stop) return;
        if (r.status === 'done') {
          stop = true;
          await latest.current.onDone();
          return;
        }
        if (r.status === 'pending') return;
        setMessage(r.message);
        // «Это не я» ended the login: only a new one can follow.
        setPhase(r.status === 'denied' && r.reason === 'not_me' ? 'ended' : 'closed');
        setResendAt(Date.now());
      } catch (error) {
        if (stop) return;
        if (error instanceof ApiError && error.status === 409 && latest.current.onRestart) {
          stop = true;
          latest.current.onRestart(error.problem.detail);
          return;
        }
        setMessage(problemOf(error).detail);
      }
    };
    const t = setInterval(() => void tick(), CHECK_MS);
    return () => {
      stop = true;
      clearInterval(t);
    };
  }, [phase]);

  useEffect(() => {
    if (message) alertRef.current?.focus();
  }, [message]);

  useEffect(() => {
    setWaitingNumber(phase === 'waiting' ? number : null);
    return () => setWaitingNumber(null);
  }, [phase, number]);

  const left = Math.max(0, PUSH_REQUEST_SECONDS - Math.floor((now - sentAt) / 1000));
  const resendIn = Math.max(0, Math.ceil((resendAt - now) / 1000));
  const heading = title === undefined ? 'Подтвердите вход на устройстве' : title;

  return (
    <section
      className={classes.request}
      aria-labelledby={heading ? titleId : undefined}
      aria-label={heading ? undefined : 'Подтверждение на устройстве'}
    >
      {heading ? (
        <Title order={2} id={titleId}>
          {heading}
        </Title>
      ) : null}
      {phase === 'waiting' || phase === 'sending' ? (
        <Text>
          Мы отправили запрос {deviceName ? <>на «{deviceName}»</> : 'на ваш зарегистрированный браузер'}.
          Откройте на нём Кабинет или нажмите на уведомление, проверьте, что это вы, и выберите это число:
        </Text>
      ) : null}
      {number !== null && phase === 'waiting' ? (
        <div>
          <span className="kb-visually-hidden">Число для подтверждения: </span>
          <span className={classes.number} data-testid="push-number">
            {number}
          </span>
        </div>
      ) : null}
      {phase === 'waiting' ? (
        <div className={classes.waiting}>
          <Loader size="sm" aria-hidden="true" />
          <Text role="status">Ждём ответа на устройстве…</Text>
          <Text c="dimmed" aria-hidden="true">
            Запрос действует ещё {clock(left)}
          </Text>
        </div>
      ) : phase === 'sending' ? (
        <div className={classes.waiting}>
          <Loader size="sm" aria-hidden="true" />
          <Text role="status">Отправляем запрос…</Text>
        </div>
      ) : null}
      {message ? (
        <Alert
          ref={alertRef}
          tabIndex={-1}
          role="alert"
          color="red"
          variant="light"
          icon={<IconAlertTriangle aria-hidden="true" />}
          title={phase === 'ended' ? 'Вход отклонён' : 'Не получилось'}
        >
          {message}
        </Alert>
      ) : null}
      <div className={classes.waiting}>
        {phase === 'ended' ? (
          onRestart ? (
            <Button onClick={() => onRestart('Начните вход заново.')}>Начать вход заново</Button>
          ) : null
        ) : (
          <>
            <Button
              variant="light"
              leftSection={<IconRefresh size={18} aria-hidden="true" />}
              onClick={() => void send()}
              disabled={resendIn > 0 || phase === 'sending'}
            >
              Отправить ещё раз
            </Button>
            {resendIn > 0 ? (
              <Text size="sm" c="dimmed">
                можно через {clock(resendIn)}
              </Text>
            ) : null}
          </>
        )}
      </div>
      {phase === 'ended' ? null : chooser}
    </section>
  );
}
