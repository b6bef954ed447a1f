import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Button, Text, TextInput, UnstyledButton } from '@mantine/core';
import {
  IconDeviceDesktopCheck,
  IconDeviceMobileMessage,
  IconKey,
  IconMail,
  IconShieldLock,
  type Icon,
} from '@tabler/icons-react';
import {
  CODE_TTL_MINUTES,
  isCodeFactor,
  RESEND_SECONDS,
  type CodeFactorType,
  type CodeSent,
  type FactorOption,
  type SecondFactorType,
} from '../api/auth';
import { ApiError } from '../api/problem';
import { CodeInput } from './CodeInput';
import classes from './SecondFactor.module.css';

// The second factor of a login or of a critical action: the code of the chosen factor (SMS, e-mail,
// authenticator app or a backup code), its resend timer and «Выбрать другой способ». Used by the
// login page and by StepUpDialog; each owns its own submit. A confirmation on a registered browser
// (push) is chosen here too; its waiting panel is PushFactor, which the page shows instead.

const FACTOR_META: Record<SecondFactorType, { title: string; codeLabel: string; icon: Icon }> = {
  totp: { title: 'Код из приложения-аутентификатора', codeLabel: 'Код из приложения', icon: IconShieldLock },
  push: {
    title: 'Подтверждение на устройстве',
    codeLabel: 'Подтверждение на устройстве',
    icon: IconDeviceDesktopCheck,
  },
  sms: { title: 'Код по SMS', codeLabel: 'Код из SMS', icon: IconDeviceMobileMessage },
  email: { title: 'Код на электронную почту', codeLabel: 'Код из письма', icon: IconMail },
  backup: { title: 'Резервный код', codeLabel: 'Резервный код', icon: IconKey },
};

/** «Подтверждение на устройстве: Chrome, Windows» → «Chrome, Windows». */
export const pushDeviceName = (destination: string | undefined) =>
  destination?.split(': ').slice(1).join(': ') || null;

/** «Резервный код (осталось 7)» → «Осталось кодов: 7». */
function backupLeft(destination: string): string | null {
  const n = /\d+/.exec(destination)?.[0];
  return n ? `Осталось кодов: ${n}` : null;
}

/** «Код по SMS», «Резервный код»… */
export const factorTitle = (type: SecondFactorType) => FACTOR_META[type].title;

/** A sent code: where it went, when (browser clock) and how many seconds until a new one may go. */
export interface SentCode {
  destination: string;
  at: number;
  wait: number;
}

export interface SecondFactorState {
  factors: FactorOption[];
  factor: SecondFactorType;
  setFactor: (factor: SecondFactorType) => void;
  code: string;
  setCode: (code: string) => void;
  sent: Partial<Record<CodeFactorType, SentCode>>;
  sending: CodeFactorType | null;
  /** Sends (or sends again) the code of an SMS / e-mail factor. Failures go to `onError`. */
  sendCode: (factor: CodeFactorType) => Promise<void>;
}

export interface UseSecondFactorOptions {
  factors: FactorOption[];
  /** The factor to start with (the first offered by default). */
  initialFactor?: SecondFactorType;
  /** A code the server has already sent (the login answer's `sent`). */
  initialSent?: { factor: CodeFactorType; destination: string } | null;
  /** Send the first code of the initial SMS / e-mail factor at once (step-up). */
  sendInitial?: boolean;
  send: (factor: CodeFactorType) => Promise<CodeSent>;
  /** A send failed: show its problem. */
  onError: (error: unknown) => void;
}

/** State of the second-factor entry; pass it to <SecondFactorFields>. */
export function useSecondFactor({
  factors,
  initialFactor,
  initialSent,
  sendInitial,
  send,
  onError,
}: UseSecondFactorOptions): SecondFactorState {
  const [factor, setFactorState] = useState<SecondFactorType>(
    initialFactor ?? initialSent?.factor ?? factors[0]?.type ?? 'sms',
  );
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<Partial<Record<CodeFactorType, SentCode>>>(() =>
    initialSent
      ? {
          [initialSent.factor]: {
            destination: initialSent.destination,
            at: Date.now(),
            wait: RESEND_SECONDS,
          },
        }
      : {},
  );
  const [sending, setSending] = useState<CodeFactorType | null>(null);
  const latest = useRef({ send, onError });
  latest.current = { send, onError };

  const sendCode = useCallback(async (f: CodeFactorType) => {
    setSending(f);
    try {
      const result = await latest.current.send(f);
      setSent((s) => ({
        ...s,
        [f]: { destination: result.destination, at: Date.now(), wait: RESEND_SECONDS },
      }));
      setCode('');
    } catch (error) {
      // «Новый код можно запросить через 42 секунды»: the timer shows the same wait.
      const wait = error instanceof ApiError ? (error.retryAfter ?? 0) : 0;
      setSent((s) => (s[f] ? { ...s, [f]: { ...s[f], at: Date.now(), wait } } : s));
      latest.current.onError(error);
    } finally {
      setSending(null);
    }
  }, []);

  const firstSend = useRef(false);
  useEffect(() => {
    if (firstSend.current || !sendInitial) return;
    firstSend.current = true;
    if (isCodeFactor(factor) && !sent[factor]) void sendCode(factor);
  }, [sendInitial, factor, sent, sendCode]);

  const setFactor = useCallback(
    (f: SecondFactorType) => {
      setFactorState(f);
      setCode('');
      if (isCodeFactor(f) && !sent[f]) void sendCode(f);
    },
    [sent, sendCode],
  );

  return { factors, factor, setFactor, code, setCode, sent, sending, sendCode };
}

/** The digits (or backup code) the server expects for a factor. */
export function normaliseCode(factor: SecondFactorType, code: string): string {
  return factor === 'backup' ? code.trim().toUpperCase() : code.replace(/\D/g, '');
}

/** Whether the entered code is complete enough to send. */
export function codeComplete(factor: SecondFactorType, code: string): boolean {
  const c = normaliseCode(factor, code);
  return factor === 'backup' ? /^[A-Z0-9]{5}-?[A-Z0-9]{5}$/.test(c) : c.length === 6;
}

export interface SecondFactorFieldsProps {
  state: SecondFactorState;
  /** The message for the code field («Неверный код»). */
  error?: string | null;
  /** All six digits are in: submit. */
  onComplete?: (code: string) => void;
  disabled?: boolean;
  autoFocus?: boolean;
}

/** The code field of the current factor, its resend line and the choice of another factor. */
export function SecondFactorFields({
  state,
  error,
  onComplete,
  disabled,
  autoFocus,
}: SecondFactorFieldsProps) {
  const { factors, factor, code, setCode, sent, sending, sendCode } = state;
  const meta = FACTOR_META[factor];
  const option = factors.find((f) => f.type === factor);

  let field;
  if (isCodeFactor(factor)) {
    const s = sent[factor];
    if (!s) {
      field = (
        <div className={classes.notSent}>
          <Text>
            Мы отправим код на <strong>{option?.destination}</strong>.
          </Text>
          <Button
            onClick={() => void sendCode(factor)}
            loading={sending === factor}
            disabled={disabled}
            variant="light"
          >
            Получить код
          </Button>
        </div>
      );
    } else {
      // Read once when the input mounts (its key changes with every sent code).
      const left = Math.max(0, Math.ceil(s.wait - (Date.now() - s.at) / 1000));
      field = (
        <CodeInput
          key={`${factor}-${s.at}`}
          label={meta.codeLabel}
          description={`Код отправлен на ${s.destination}. Он действует ${CODE_TTL_MINUTES} минут.`}
          value={code}
          onChange={setCode}
          onComplete={onComplete}
          error={error}
          disabled={disabled}
          autoFocus={autoFocus}
          resendAfter={left}
          onResend={() => sendCode(factor)}
        />
      );
    }
  } else if (factor === 'totp') {
    field = (
      <CodeInput
        key="totp"
        label={meta.codeLabel}
        description="Откройте приложение-аутентификатор и введите 6 цифр для «Кабинета»."
        value={code}
        onChange={setCode}
        onComplete={onComplete}
        error={error}
        disabled={disabled}
        autoFocus={autoFocus}
      />
    );
  } else if (factor === 'push') {
    // The page shows PushFactor for this one; here only the way back to a code.
    field = null;
  } else {
    field = (
      <TextInput
        key="backup"
        id="field-code"
        name="code"
        label={meta.codeLabel}
        description="Один из 10 кодов, которые вы сохранили, например ABCDE-FGHJK. Каждый код действует один раз."
        value={code}
        onChange={(e) => setCode(e.currentTarget.value.toUpperCase().slice(0, 11))}
        error={error}
        disabled={disabled}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        autoFocus={autoFocus}
        maw={320}
      />
    );
  }

  return (
    <div className={classes.root}>
      {field}
      <FactorChooser state={state} disabled={disabled} />
    </div>
  );
}

/** «Выбрать другой способ» and the list of the other factors; nothing when there is no other. */
export function FactorChooser({ state, disabled }: { state: SecondFactorState; disabled?: boolean }) {
  const { factors, factor, setFactor } = state;
  const [choosing, setChoosing] = useState(false);
  const chooserId = useId();
  const others = factors.filter((f) => f.type !== factor);
  if (!others.length) return null;
  return (
    <div>
      <Button
        variant="subtle"
        px="xs"
        onClick={() => setChoosing((c) => !c)}
        aria-expanded={choosing}
        aria-controls={chooserId}
        disabled={disabled}
      >
        Выбрать другой способ
      </Button>
      {choosing ? (
        <div
          id={chooserId}
          role="group"
          aria-label="Другие способы подтверждения"
          className={classes.choices}
        >
          {others.map((o) => {
            const m = FACTOR_META[o.type];
            const detail =
              o.type === 'sms' || o.type === 'email'
                ? o.destination
                : o.type === 'backup'
                  ? backupLeft(o.destination)
                  : o.type === 'push'
                    ? pushDeviceName(o.destination)
                    : null;
            return (
              <UnstyledButton
                key={o.type}
                className={classes.choice}
                onClick={() => {
                  setChoosing(false);
                  setFactor(o.type);
                }}
              >
                <m.icon size={24} stroke={1.7} aria-hidden="true" className={classes.choiceIcon} />
                <span>
                  <span className={classes.choiceTitle}>{m.title}</span>
                  {detail ? <span className={classes.choiceDetail}>{detail}</span> : null}
                </span>
              </UnstyledButton>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
