import { useState, type ChangeEvent } from 'react';
import { Select, Skeleton, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authKeys } from '../../api/auth';
import { api } from '../../api/client';
import { useMe, type Me } from '../../api/me';
import { formErrors, problemOf, unwrap } from '../../api/problem';
import { FormStep, useStepField } from '../../components/FormStep';
import { isStepUpCancelled, useStepUp } from '../../components/StepUpDialog';
import { checkPasswordNow, PASSWORD_HINT, PasswordField, PasswordStrength } from '../auth/PasswordStrength';
import { notify } from '../auth/notify';
import { formatDate } from '@kabinet/shared';
import { loginMethodsKey, useLoginMethods } from './LoginMethodsCard';

const LABELS = {
  currentPassword: 'Текущий пароль',
  newPassword: 'Новый пароль',
  repeat: 'Новый пароль ещё раз',
};

interface Value {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

const EMPTY: Value = { currentPassword: '', newPassword: '', repeat: '' };

function Fields({
  value,
  onChange,
  personal,
}: {
  value: Value;
  onChange: (v: Value) => void;
  personal: string[];
}) {
  const current = useStepField('currentPassword');
  const next = useStepField('newPassword');
  const repeat = useStepField('repeat');
  const set = (k: keyof Value) => (e: ChangeEvent<HTMLInputElement>) =>
    onChange({ ...value, [k]: e.currentTarget.value });
  return (
    <>
      <PasswordField
        {...current}
        label={LABELS.currentPassword}
        autoComplete="current-password"
        value={value.currentPassword}
        onChange={set('currentPassword')}
        maw={480}
      />
      <div>
        <PasswordField
          {...next}
          label={LABELS.newPassword}
          description={PASSWORD_HINT}
          autoComplete="new-password"
          value={value.newPassword}
          onChange={set('newPassword')}
          maw={480}
        />
        <PasswordStrength password={value.newPassword} personal={personal} />
      </div>
      <PasswordField
        {...repeat}
        label={LABELS.repeat}
        autoComplete="new-password"
        value={value.repeat}
        onChange={set('repeat')}
        maw={480}
      />
    </>
  );
}

/** Tab «Пароль»: change the password; the other sessions end. */
export function PasswordSection({ user }: { user: Me }) {
  const queryClient = useQueryClient();
  const stepUp = useStepUp();
  const [value, setValue] = useState<Value>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const personal = [user.phone, user.email, ...(user.fullName?.split(/\s+/) ?? [])].filter(
    (v): v is string => !!v,
  );

  const submit = async () => {
    const local: Record<string, string> = {};
    if (!value.currentPassword) local.currentPassword = 'Введите текущий пароль';
    if (!value.newPassword) local.newPassword = 'Придумайте новый пароль';
    else {
      const verdict = await checkPasswordNow(value.newPassword, personal);
      if (verdict && !verdict.ok && verdict.message) local.newPassword = verdict.message;
      else if (value.newPassword === value.currentPassword)
        local.newPassword = 'Новый пароль совпадает с текущим';
    }
    if (!local.newPassword && value.newPassword !== value.repeat) local.repeat = 'Пароли не совпадают';
    setErrors(local);
    setMessage(null);
    if (Object.keys(local).length) return;
    setSubmitting(true);
    try {
      const result = await stepUp.guard(async () =>
        unwrap(
          await api.POST('/api/auth/password', {
            body: { currentPassword: value.currentPassword, newPassword: value.newPassword },
          }),
        ),
      );
      setValue(EMPTY);
      notify(
        'green',
        'Пароль изменён',
        result.endedSessions > 0
          ? `Завершено других сеансов: ${result.endedSessions}. На других устройствах войдите с новым паролем.`
          : 'Теперь входите с новым паролем.',
      );
      void queryClient.invalidateQueries({ queryKey: authKeys.sessions });
    } catch (error) {
      if (!isStepUpCancelled(error)) {
        setErrors(formErrors(error, ['currentPassword', 'newPassword']).fields);
        setMessage(problemOf(error).detail);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      <FormStep
        title="Смена пароля"
        description="Менять пароль регулярно не нужно — только если он мог стать известен кому-то ещё. После смены все другие сеансы завершатся: на других устройствах нужно будет войти заново."
        errors={errors}
        fieldLabels={LABELS}
        message={message}
        onSubmit={() => void submit()}
        submitLabel="Сменить пароль"
        submitting={submitting}
      >
        <Fields value={value} onChange={setValue} personal={personal} />
      </FormStep>
      <PasswordReminder />
      {stepUp.dialog}
    </>
  );
}

const REMINDER_OPTIONS = [
  { value: 'off', label: 'Не напоминать' },
  { value: '3', label: 'Раз в 3 месяца' },
  { value: '6', label: 'Раз в 6 месяцев' },
  { value: '12', label: 'Раз в год' },
];

/** The reminder the owner may switch on (PRODUCT.md §1): a letter when the password reaches the chosen age. */
function PasswordReminder() {
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const prefs = useLoginMethods();
  const save = useMutation({
    mutationFn: async (months: number | null) =>
      unwrap(await api.PUT('/api/auth/password-reminder', { body: { months } })),
    onSuccess: (data) => {
      queryClient.setQueryData(loginMethodsKey, data);
      notify(
        'green',
        'Настройка сохранена',
        data.passwordReminderMonths ? 'Напомним о смене пароля письмом или SMS.' : 'Напоминаний не будет.',
      );
    },
  });
  if (prefs.isPending) return <Skeleton height={72} radius="md" maw={480} mt="xl" />;
  if (prefs.isError) return null;
  const months = prefs.data.passwordReminderMonths;
  return (
    <Stack gap="xs" mt="xl" maw={480}>
      <Select
        label="Напоминать о смене пароля"
        description="Необязательно: пароль не устаревает сам. Напоминание приходит письмом, если почта подтверждена, иначе по SMS."
        data={REMINDER_OPTIONS}
        value={months ? String(months) : 'off'}
        allowDeselect={false}
        disabled={save.isPending}
        onChange={(v) => v && save.mutate(v === 'off' ? null : Number(v))}
        error={save.isError ? problemOf(save.error).detail : undefined}
      />
      {months && prefs.data.passwordReminderDue ? (
        <Text size="sm" c="dimmed">
          Следующее напоминание — {formatDate(prefs.data.passwordReminderDue, me?.timeZone)}
        </Text>
      ) : null}
    </Stack>
  );
}
