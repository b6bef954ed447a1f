import { useState } from 'react';
import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconLifebuoy } from '@tabler/icons-react';
import { formatDateTime, formatPassport, validatePassport, validatePhone } from '@kabinet/shared';
import { api } from '../../api/client';
import { formErrors, problemOf, unwrap } from '../../api/problem';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorSummary } from '../../components/FormStep';
import { StatusBadge } from '../../components/StatusBadge';
import type { Citizen, Slip } from './types';
import classes from './operator.module.css';

const LABELS = { passport: 'Паспорт', phone: 'Новый телефон', request: 'Номер запроса' };
const fieldId = (name: string) => `field-recovery-${name}`;

/**
 * «Восстановление доступа» on the citizen's card (PRODUCT.md §1): the citizen lost the phone and the
 * e-mail; the operator checks the passport at the desk and enters the new number. The open request
 * is completed (or, for a citizen without one, opened and completed here), the old password and
 * factors stop working, and the citizen gets an activation link by SMS + a temporary password on the
 * slip.
 */
export function RecoveryPanel({
  citizen,
  onCompleted,
}: {
  citizen: Citizen;
  onCompleted: (result: { slip: Slip; citizen: Citizen }) => void;
}) {
  const open = citizen.recovery?.status === 'opened' ? citizen.recovery : null;
  const [value, setValue] = useState({ passport: '', phone: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const check = () => {
    const local: Record<string, string> = {};
    if (!value.passport.trim())
      local.passport = 'Введите серию и номер паспорта, который предъявил гражданин';
    else {
      const p = validatePassport(value.passport);
      if (!p.ok) local.passport = p.message;
    }
    if (!value.phone.trim()) local.phone = 'Введите новый номер мобильного телефона гражданина';
    else {
      const p = validatePhone(value.phone);
      if (!p.ok) local.phone = p.message;
    }
    setErrors(local);
    setMessage(null);
    if (!Object.keys(local).length) setConfirming(true);
  };

  const run = async () => {
    setBusy(true);
    try {
      const r = unwrap(
        await api.POST('/api/operator/lookups/{id}/recovery', {
          params: { path: { id: citizen.lookupId } },
          body: { passport: value.passport, phone: value.phone, request: open?.number ?? null },
        }),
      );
      setConfirming(false);
      onCompleted(r);
    } catch (error) {
      setConfirming(false);
      // The detail says what to do next (the passport does not match, the number is taken…): always shown.
      setErrors(formErrors(error, ['passport', 'phone']).fields);
      setMessage(problemOf(error).detail);
    } finally {
      setBusy(false);
    }
  };

  const phoneShown = validatePhone(value.phone);
  return (
    <section className={classes.subcard} aria-labelledby="recovery-title">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Title order={3} size="h4" id="recovery-title">
            <IconLifebuoy
              size={20}
              aria-hidden="true"
              style={{ verticalAlign: 'text-bottom', marginRight: 8 }}
            />
            Восстановление доступа
          </Title>
          {citizen.recovery ? (
            <StatusBadge
              domain="recoveryRequest"
              status={citizen.recovery.status}
              srPrefix="Статус запроса:"
            />
          ) : null}
        </Group>
        {open ? (
          <Text>
            Запрос № <strong data-testid="card-request-number">{open.number}</strong> открыт{' '}
            {formatDateTime(open.openedAt)}
            {open.openedVia === 'online' ? ' на сайте' : ''}, действует до {formatDateTime(open.expiresAt)}.
          </Text>
        ) : (
          <Text>
            Открытого запроса нет. Если у гражданина нет доступа к телефону и почте, запрос оформится здесь,
            после проверки паспорта.
          </Text>
        )}
        <Text size="sm" c="dimmed">
          Прежний пароль, приложения-аутентификаторы, резервные коды и ключи доступа перестанут действовать,
          все сеансы завершатся. На новый номер уйдёт ссылка, временный пароль будет на памятке.
        </Text>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            check();
          }}
        >
          <Stack gap="sm">
            <ErrorSummary
              errors={errors}
              message={message}
              fieldLabels={LABELS}
              fieldId={fieldId}
              headingOrder={3}
            />
            <div className={classes.grid}>
              <TextInput
                id={fieldId('passport')}
                name="passport"
                label="Паспорт, предъявленный гражданином"
                description={`Серия и номер, например ${formatPassport('4506123456')}`}
                value={value.passport}
                onChange={(e) => setValue({ ...value, passport: e.currentTarget.value })}
                error={errors.passport}
                inputMode="numeric"
                autoComplete="off"
              />
              <TextInput
                id={fieldId('phone')}
                name="phone"
                label="Новый номер мобильного телефона"
                description="На него придёт ссылка для входа"
                type="tel"
                value={value.phone}
                onChange={(e) => setValue({ ...value, phone: e.currentTarget.value })}
                error={errors.phone}
                autoComplete="off"
              />
            </div>
            <Group>
              <Button type="submit" loading={busy}>
                Восстановить доступ
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
      <ConfirmDialog
        opened={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => void run()}
        title="Восстановить доступ?"
        confirmLabel="Восстановить доступ"
        loading={busy}
      >
        Прежние пароль и способы входа гражданина перестанут действовать, а ссылка для входа уйдёт на номер{' '}
        {phoneShown.ok ? phoneShown.value : value.phone}.
      </ConfirmDialog>
    </section>
  );
}
