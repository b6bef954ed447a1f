import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { Button, Text } from '@mantine/core';
import classes from './CodeInput.module.css';

export interface CodeInputProps {
  /** Digits entered so far (0…length characters). */
  value: string;
  onChange: (value: string) => void;
  /** Called once all digits are in. */
  onComplete?: (code: string) => void;
  length?: number;
  label?: string;
  /** Where the code went («Код отправлен на +7 912 345-67-89»). */
  description?: ReactNode;
  error?: string | null;
  disabled?: boolean;
  autoFocus?: boolean;
  /** Seconds before «Отправить код повторно» becomes available (60 by default). */
  resendAfter?: number;
  /** Sends a new code; the timer restarts when it resolves. Without it there is no resend line. */
  onResend?: () => void | Promise<void>;
}

function formatCountdown(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/**
 * A one-time code in separate digit boxes: typing moves on, Backspace moves back, a pasted or
 * autofilled code («one-time-code») fills all boxes. With `onResend`, a countdown
 * «Отправить код повторно через 0:42» and then the button.
 */
export function CodeInput({
  value,
  onChange,
  onComplete,
  length = 6,
  label = 'Код подтверждения',
  description,
  error,
  disabled,
  autoFocus,
  resendAfter = 60,
  onResend,
}: CodeInputProps) {
  const id = useId();
  const refs = useRef<(HTMLInputElement | null)[]>([]);
  const digits = value.replace(/\D/g, '').slice(0, length);
  // The digits as of the last keystroke: focus() inside a handler fires onFocus before React renders
  // again, and a stale `digits` there would send the focus back to the box just filled.
  const current = useRef(digits);
  current.current = digits;

  const [deadline, setDeadline] = useState(() => Date.now() + resendAfter * 1000);
  const [now, setNow] = useState(() => Date.now());
  const [resending, setResending] = useState(false);
  const remaining = Math.max(0, Math.ceil((deadline - now) / 1000));

  useEffect(() => {
    if (!onResend || remaining === 0) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [onResend, remaining]);

  useEffect(() => {
    if (autoFocus) refs.current[Math.min(digits.length, length - 1)]?.focus();
    // only on mount
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const focus = (i: number) => {
    const el = refs.current[Math.max(0, Math.min(i, length - 1))];
    el?.focus();
    el?.select();
  };

  const commit = useCallback(
    (next: string) => {
      const clean = next.replace(/\D/g, '').slice(0, length);
      current.current = clean;
      onChange(clean);
      if (clean.length === length) onComplete?.(clean);
    },
    [length, onChange, onComplete],
  );

  const put = (i: number, incoming: string) => {
    const add = incoming.replace(/\D/g, '');
    if (!add) return;
    const start = Math.min(i, digits.length);
    const chars = digits.split('');
    for (let j = 0; j < add.length && start + j < length; j++) chars[start + j] = add[j]!;
    const next = chars.join('').slice(0, length);
    commit(next);
    focus(Math.min(start + add.length, length - 1));
  };

  const onKeyDown = (i: number, e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Backspace') {
      e.preventDefault();
      if (i < digits.length) {
        commit(digits.slice(0, i) + digits.slice(i + 1));
        focus(i);
      } else if (i > 0) {
        commit(digits.slice(0, i - 1));
        focus(i - 1);
      }
    } else if (e.key === 'ArrowLeft') {
      e.preventDefault();
      focus(i - 1);
    } else if (e.key === 'ArrowRight') {
      e.preventDefault();
      focus(Math.min(i + 1, digits.length));
    }
  };

  const onPaste = (i: number, e: ClipboardEvent<HTMLInputElement>) => {
    e.preventDefault();
    put(i, e.clipboardData.getData('text'));
  };

  const resend = async () => {
    if (!onResend) return;
    setResending(true);
    try {
      await onResend();
      const t = Date.now();
      setNow(t);
      setDeadline(t + resendAfter * 1000);
      commit('');
      focus(0);
    } finally {
      setResending(false);
    }
  };

  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, descriptionId].filter(Boolean).join(' ') || undefined;

  return (
    <div>
      <fieldset className={classes.fieldset} disabled={disabled}>
        <legend className={classes.legend}>{label}</legend>
        {description ? (
          <p id={descriptionId} className={classes.description}>
            {description}
          </p>
        ) : null}
        <div className={classes.boxes}>
          {Array.from({ length }, (_, i) => (
            <input
              key={i}
              ref={(el) => {
                refs.current[i] = el;
              }}
              className={classes.box}
              type="text"
              inputMode="numeric"
              pattern="[0-9]*"
              autoComplete={i === 0 ? 'one-time-code' : 'off'}
              aria-label={`Цифра ${i + 1} из ${length}`}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
              value={digits[i] ?? ''}
              onFocus={(e) => {
                if (i > current.current.length) focus(current.current.length);
                else e.currentTarget.select();
              }}
              onChange={(e) =>
                put(i, e.currentTarget.value.replace(digits[i] ?? '', '') || e.currentTarget.value)
              }
              onKeyDown={(e) => onKeyDown(i, e)}
              onPaste={(e) => onPaste(i, e)}
            />
          ))}
        </div>
        {error ? (
          <p id={errorId} className={classes.error} role="alert">
            {error}
          </p>
        ) : null}
      </fieldset>
      {onResend ? (
        <div className={classes.resend}>
          {remaining > 0 ? (
            <Text c="dimmed">Отправить код повторно через {formatCountdown(remaining)}</Text>
          ) : (
            <Button variant="subtle" onClick={resend} loading={resending} disabled={disabled} px="xs">
              Отправить код повторно
            </Button>
          )}
        </div>
      ) : null}
    </div>
  );
}
