import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import { Alert, Button, Group, Modal, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { formatPhone } from '@kabinet/shared';
import { authKeys, isStepUpRequired, type FactorOption, type Factors } from '../api/auth';
import { api } from '../api/client';
import { formErrors, problemOf, unwrap } from '../api/problem';
import { PushFactor, type PushCheck } from './PushFactor';
import {
  codeComplete,
  FactorChooser,
  normaliseCode,
  SecondFactorFields,
  useSecondFactor,
} from './SecondFactor';

// Step-up: a critical action (second factors, password, payments) answered 403
// «urn:kabinet:problem:step-up-required» because the last proof of identity is older than
// 15 minutes. The dialog asks for a second-factor code, then the action is repeated once.
//
//   const stepUp = useStepUp();
//   const remove = useMutation({ mutationFn: () => stepUp.guard(() => apiFetch(...)) });
//   …
//   {stepUp.dialog}

/** The person closed the step-up dialog: the action was not done and nothing needs to be shown. */
export class StepUpCancelledError extends Error {
  constructor() {
    super('Действие отменено');
    this.name = 'StepUpCancelledError';
  }
}

export const isStepUpCancelled = (error: unknown): error is StepUpCancelledError =>
  error instanceof StepUpCancelledError;

/** The second factors this account can confirm an action with, strongest first (as the server orders them). */
export function stepUpFactors(f: Factors): FactorOption[] {
  const options: FactorOption[] = [];
  if (f.apps.length) options.push({ type: 'totp', destination: 'Приложение-аутентификатор' });
  if (f.pushDevices > 0) options.push({ type: 'push', destination: 'Подтверждение на устройстве' });
  if (f.sms) options.push({ type: 'sms', destination: formatPhone(f.sms) });
  else if (f.email) options.push({ type: 'email', destination: f.email });
  if (f.backupCodesLeft > 0)
    options.push({ type: 'backup', destination: `Резервный код (осталось ${f.backupCodesLeft})` });
  return options;
}

export interface StepUpDialogProps {
  opened: boolean;
  /** The code was accepted: repeat the action. */
  onConfirmed: () => void;
  /** Closed without confirming. */
  onCancel: () => void;
  /** Why a code is asked, one sentence («Подтвердите платёж кодом…»). */
  reason?: string;
}

function StepUpForm({
  factors,
  onConfirmed,
  onCancel,
}: {
  factors: FactorOption[];
  onConfirmed: () => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  const showError = useCallback((error: unknown) => {
    setMessage(problemOf(error).detail);
    setFieldError(formErrors(error, ['code']).fields.code ?? null);
  }, []);

  const state = useSecondFactor({
    factors,
    sendInitial: true,
    send: async (factor) => unwrap(await api.POST('/api/auth/step-up/send', { body: { factor } })),
    onError: showError,
  });

  useEffect(() => {
    if (message) alertRef.current?.focus();
  }, [message]);

  const verify = async (raw = state.code) => {
    const factor = state.factor;
    if (factor === 'push') return;
    if (!codeComplete(factor, raw)) {
      setMessage(null);
      setFieldError(factor === 'backup' ? 'Введите резервный код из 10 символов' : 'Введите все 6 цифр кода');
      return;
    }
    setSubmitting(true);
    setMessage(null);
    setFieldError(null);
    try {
      unwrap(
        await api.POST('/api/auth/step-up/verify', { body: { factor, code: normaliseCode(factor, raw) } }),
      );
      void queryClient.invalidateQueries({ queryKey: authKeys.factors });
      onConfirmed();
    } catch (error) {
      showError(error);
      state.setCode('');
    } finally {
      setSubmitting(false);
    }
  };

  if (state.factor === 'push')
    return (
      <Stack gap="md">
        <PushFactor
          title={null}
          start={stepUpPush.start}
          check={stepUpPush.check}
          onDone={() => {
            void queryClient.invalidateQueries({ queryKey: authKeys.factors });
            onConfirmed();
          }}
          chooser={<FactorChooser state={state} />}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            Отмена
          </Button>
        </Group>
      </Stack>
    );

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void verify();
      }}
    >
      <Stack gap="md">
        {message ? (
          <Alert
            ref={alertRef}
            tabIndex={-1}
            role="alert"
            color="red"
            variant="light"
            icon={<IconAlertCircle aria-hidden="true" />}
            title="Не получилось подтвердить"
          >
            {message}
          </Alert>
        ) : null}
        <SecondFactorFields
          state={state}
          error={fieldError}
          onComplete={(code) => void verify(code)}
          disabled={submitting}
          autoFocus
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel} disabled={submitting}>
            Отмена
          </Button>
          <Button type="submit" loading={submitting}>
            Подтвердить
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Step-up's calls for «Подтверждение на устройстве». */
const stepUpPush = {
  start: async () => unwrap(await api.POST('/api/auth/step-up/push')),
  check: async (): Promise<PushCheck> => {
    const r = unwrap(await api.POST('/api/auth/step-up/push/status'));
    if (r.status === 'confirmed') return { status: 'done' };
    return r.status === 'pending' ? { status: 'pending' } : r;
  },
};

/** Asks for a second-factor code before a critical action. Use it through `useStepUp()`. */
export function StepUpDialog({ opened, onConfirmed, onCancel, reason }: StepUpDialogProps) {
  const factors = useQuery({
    queryKey: authKeys.factors,
    queryFn: async () => unwrap(await api.GET('/api/auth/factors')),
    enabled: opened,
  });
  const options = factors.data ? stepUpFactors(factors.data) : null;
  return (
    <Modal.Root opened={opened} onClose={onCancel} centered radius="lg" padding="sm">
      <Modal.Overlay />
      <Modal.Content>
        {/* role="none": Mantine renders a <header>, which would be a second banner landmark */}
        <Modal.Header role="none">
          <Modal.Title fw={700} fz="h3">
            Подтвердите, что это вы
          </Modal.Title>
          <Modal.CloseButton aria-label="Закрыть" size={44} iconSize={22} />
        </Modal.Header>
        <Modal.Body>
          <Stack gap="md">
            <Text>
              {reason ??
                'Это действие меняет защиту учётной записи. Подтвердите его кодом второго фактора — после этого мы его выполним.'}
            </Text>
            {factors.isError ? (
              <Alert role="alert" color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />}>
                {problemOf(factors.error).detail}
              </Alert>
            ) : !options ? (
              <Stack gap="xs" aria-busy="true">
                <span className="kb-visually-hidden">Загрузка…</span>
                <Skeleton height={24} width="60%" />
                <Skeleton height={56} />
              </Stack>
            ) : options.length === 0 ? (
              <Alert role="alert" color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />}>
                У учётной записи нет подтверждённого телефона, почты или приложения для подтверждения.
                Обратитесь в поддержку.
              </Alert>
            ) : (
              // The modal unmounts its content when closed: every opening starts a new form (and code).
              <StepUpForm factors={options} onConfirmed={onConfirmed} onCancel={onCancel} />
            )}
          </Stack>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}

export interface StepUp {
  /**
   * Runs a critical action; when the server asks for step-up, shows the dialog and, once the code is
   * accepted, runs it again. Rejects with StepUpCancelledError when the person closes the dialog.
   * The action must throw ApiError on failure (use `unwrap` or `apiFetch`). `onStepUp` runs just
   * before the dialog opens, e.g. to close a ConfirmDialog so that only one dialog is open.
   */
  guard: <T>(action: () => Promise<T>, options?: { onStepUp?: () => void }) => Promise<T>;
  /** Render it once in the page. */
  dialog: ReactElement;
}

/** Step-up for critical actions: `guard(action)` plus the dialog element to render. */
export function useStepUp(options: { reason?: string } = {}): StepUp {
  const [opened, setOpened] = useState(false);
  const pending = useRef<{ resolve: () => void; reject: (e: unknown) => void } | null>(null);

  useEffect(
    () => () => {
      pending.current?.reject(new StepUpCancelledError());
      pending.current = null;
    },
    [],
  );

  const guard = useCallback(
    async <T,>(action: () => Promise<T>, opts?: { onStepUp?: () => void }): Promise<T> => {
      try {
        return await action();
      } catch (error) {
        if (!isStepUpRequired(error)) throw error;
        opts?.onStepUp?.();
        pending.current?.reject(new StepUpCancelledError());
        await new Promise<void>((resolve, reject) => {
          pending.current = { resolve, reject };
          setOpened(true);
        });
        return action();
      }
    },
    [],
  );

  const settle = (confirmed: boolean) => {
    setOpened(false);
    const p = pending.current;
    pending.current = null;
    if (confirmed) p?.resolve();
    else p?.reject(new StepUpCancelledError());
  };

  return {
    guard,
    dialog: (
      <StepUpDialog
        opened={opened}
        reason={options.reason}
        onConfirmed={() => settle(true)}
        onCancel={() => settle(false)}
      />
    ),
  };
}
