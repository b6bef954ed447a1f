import { useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import { PasswordInput, Progress, type PasswordInputProps } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import type * as PasswordPolicyModule from '@kabinet/shared/password';
import type { PasswordVerdict } from '@kabinet/shared/password';
import { TONES } from '../../theme';
import classes from './auth.module.css';

// The password policy of PRODUCT.md §1, the same module the server decides with. Its dictionaries
// are large, so it is loaded only on the pages that ask for a new password.

type PasswordPolicy = typeof PasswordPolicyModule;
let policy: Promise<PasswordPolicy> | null = null;

export const loadPasswordPolicy = (): Promise<PasswordPolicy> => {
  policy ??= import('@kabinet/shared/password').catch((error: unknown) => {
    policy = null;
    throw error;
  });
  return policy;
};

/** The verdict for a password, or null when the policy could not be loaded (the server checks anyway). */
export async function checkPasswordNow(
  password: string,
  personal: readonly (string | null | undefined)[],
): Promise<PasswordVerdict | null> {
  try {
    return (await loadPasswordPolicy()).checkPassword(password, personal);
  } catch {
    return null;
  }
}

function usePasswordPolicy(): PasswordPolicy | null {
  const [loaded, setLoaded] = useState<PasswordPolicy | null>(null);
  useEffect(() => {
    let alive = true;
    loadPasswordPolicy().then(
      (m) => alive && setLoaded(m),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, []);
  return loaded;
}

/** The rule in one sentence, for the new-password field's description. */
export const PASSWORD_HINT =
  'Не короче 12 символов. Лучше всего — фраза из трёх-четырёх слов, которую легко запомнить.';

const SCORE_COLOR = ['red', 'red', 'orange', 'green', 'green'] as const;

/** Password field with a visible toggle that says what it does. */
export function PasswordField(props: PasswordInputProps) {
  return (
    <PasswordInput
      visibilityToggleButtonProps={{ 'aria-label': 'Показать или скрыть пароль' }}
      visibilityToggleFocusable
      rightSectionWidth={44}
      styles={{ visibilityToggle: { width: 44, height: 44 } }}
      {...props}
    />
  );
}

/**
 * The strength meter under a new-password field: a bar, the word («надёжный») and the policy's
 * message. Word and icon, not only colour.
 */
export function PasswordStrength({
  password,
  personal,
  id,
}: {
  password: string;
  personal: readonly (string | null | undefined)[];
  /** Pass it to the field's aria-describedby. */
  id?: string;
}) {
  const policy = usePasswordPolicy();
  const deferred = useDeferredValue(password);
  const key = personal.join('\u0000');
  const verdict = useMemo(
    () => (policy && deferred ? policy.checkPassword(deferred, key.split('\u0000')) : null),
    [policy, deferred, key],
  );
  const ownId = useId();
  const boxId = id ?? ownId;

  const shown = password && verdict && policy ? verdict : null;
  const tone = !shown ? 'neutral' : shown.ok ? (shown.score >= 3 ? 'success' : 'warning') : 'danger';
  const Icon = shown?.ok ? (shown.score >= 3 ? IconCircleCheck : IconInfoCircle) : IconAlertTriangle;
  return (
    <div id={boxId} className={classes.strength} style={{ maxWidth: 480 }}>
      {shown ? (
        <Progress
          value={((shown.score + 1) / 5) * 100}
          color={shown.ok ? SCORE_COLOR[shown.score] : 'red'}
          size="sm"
          radius="xl"
          aria-hidden="true"
          transitionDuration={150}
        />
      ) : null}
      {shown && policy ? (
        <p className={classes.strengthText}>
          <Icon size={18} color={TONES[tone].fg} aria-hidden="true" className={classes.strengthIcon} />
          <span>
            <strong>Надёжность пароля: {policy.passwordStrengthLabel(shown.score)}.</strong>
            {shown.message ? ` ${shown.message}` : null}
          </span>
        </p>
      ) : null}
      {/* One live region for the life of the field, announcing only when the strength word changes
          (the message changes with every keystroke and would be read out again and again). */}
      <span className="kb-visually-hidden" aria-live="polite">
        {shown && policy ? `Надёжность пароля: ${policy.passwordStrengthLabel(shown.score)}` : ''}
      </span>
    </div>
  );
}
