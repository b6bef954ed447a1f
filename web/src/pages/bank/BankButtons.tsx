import { useState } from 'react';
import { Alert, Button, Checkbox, Stack, Text, Title } from '@mantine/core';
import { IconBuildingBank } from '@tabler/icons-react';
import { problemOf } from '../../api/problem';
import { goToBank, type BankPurpose } from './bank';
import { MethodCard } from '../identity/MethodCard';
import page from '../pages.module.css';

function useGo(purpose: BankPurpose) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const go = async (consent?: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await goToBank(purpose, consent);
    } catch (e) {
      setError(problemOf(e).detail);
      setBusy(false);
    }
  };
  return { busy, error, go };
}

const bankIcon = <IconBuildingBank size={20} aria-hidden="true" />;

/** «Войти через банк» under the password form. */
export function BankLoginButton() {
  const { busy, error, go } = useGo('login');
  return (
    <>
      <Button
        variant="default"
        size="md"
        leftSection={bankIcon}
        fullWidth
        maw={480}
        loading={busy}
        onClick={() => void go()}
      >
        Войти через банк
      </Button>
      {error ? (
        <Alert color="red" role="alert" maw={480}>
          {error}
        </Alert>
      ) : null}
    </>
  );
}

/** «Зарегистрироваться через банк» on the registration page: the bank's verified data, with consent. */
export function BankRegisterEntry() {
  const { busy, error, go } = useGo('register');
  const [consent, setConsent] = useState(false);
  const [missing, setMissing] = useState(false);
  return (
    <section aria-labelledby="bank-register-title" className={page.panel} style={{ maxWidth: 480 }}>
      <Title order={2} size="h4" id="bank-register-title" mb="xs">
        Зарегистрироваться через банк
      </Title>
      <Stack gap="sm">
        <Text>
          Банк передаст ФИО, дату рождения, телефон, паспорт и СНИЛС, которые проверил при личной встрече.
          Паспорт и СНИЛС сразу уйдут на проверку в ведомства.
        </Text>
        <Checkbox
          checked={consent}
          onChange={(e) => {
            setConsent(e.currentTarget.checked);
            setMissing(false);
          }}
          error={missing ? 'Нужно ваше согласие' : undefined}
          label="Принимаю пользовательское соглашение и политику конфиденциальности"
        />
        <Button
          variant="default"
          size="md"
          leftSection={bankIcon}
          loading={busy}
          onClick={() => (consent ? void go(true) : setMissing(true))}
        >
          Зарегистрироваться через банк
        </Button>
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
      </Stack>
    </section>
  );
}

/** «Через банк» among the ways to confirm identity. */
export function BankConfirmationCard() {
  const { busy, error, go } = useGo('confirm');
  return (
    <MethodCard
      id="confirm-bank-title"
      icon={IconBuildingBank}
      title="Через банк"
      action={
        <>
          <Button variant="light" loading={busy} onClick={() => void go()}>
            Подтвердить через банк
          </Button>
          {error ? (
            <Alert color="red" role="alert" mt="sm">
              {error}
            </Alert>
          ) : null}
        </>
      }
    >
      Войдите в свой банк: он передаст ФИО, дату рождения, паспорт и СНИЛС, которые проверил при личной
      встрече. Если они совпадают с вашими данными, личность подтвердится сразу, а входить можно будет и через
      банк.
    </MethodCard>
  );
}
