import { useEffect, useState } from 'react';
import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconFileText, IconPrinter } from '@tabler/icons-react';
import { Link, useLocation, useNavigate } from 'react-router';
import { formatDateTime } from '@kabinet/shared';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import type { Slip } from './types';
import classes from './operator.module.css';

/**
 * `/operator/slip`: the printable slip for a citizen whose account was created at the desk — the
 * activation link, the temporary password and until when they work. The temporary password is
 * shown once: it lives only in this page's memory and is dropped from the browser history at once.
 */
export function SlipPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const [{ slip, recovery }] = useState(() => {
    const state = location.state as { slip?: Slip; purpose?: 'registration' | 'recovery' } | null;
    return { slip: state?.slip ?? null, recovery: state?.purpose === 'recovery' };
  });

  useEffect(() => {
    // A reload or «Назад» must not show the temporary password again.
    if (location.state) void navigate(location.pathname, { replace: true, state: null });
  }, [location.pathname, location.state, navigate]);

  if (!slip) {
    return (
      <>
        <PageHeader
          title="Памятка для активации"
          breadcrumbs={[{ label: 'Рабочее место оператора', to: '/operator' }, { label: 'Памятка' }]}
        />
        <EmptyState
          icon={IconFileText}
          title="Памятка уже была показана"
          action={{ label: 'Вернуться к поиску', to: '/operator' }}
        >
          Временный пароль показывается один раз. Если гражданин не получил памятку — найдите его и выдайте
          новую ссылку и временный пароль: прежние перестанут действовать.
        </EmptyState>
      </>
    );
  }

  const link = `${window.location.origin}${slip.path}`;
  return (
    <>
      <PageHeader
        title={
          recovery ? 'Памятка для входа после восстановления доступа' : 'Памятка для активации учётной записи'
        }
        description="Распечатайте памятку и передайте гражданину. Временный пароль больше нигде не показывается."
        breadcrumbs={[{ label: 'Рабочее место оператора', to: '/operator' }, { label: 'Памятка' }]}
      />
      <Stack gap="lg">
        <section className={classes.card} aria-labelledby="slip-title">
          <Stack gap="md">
            <Title order={2} id="slip-title">
              {recovery ? 'Кабинет — восстановление доступа' : 'Кабинет — активация учётной записи'}
            </Title>
            {recovery ? (
              <Text>
                Доступ восстановлен по паспорту. Прежние пароль, приложения-аутентификаторы, резервные коды и
                ключи доступа больше не действуют; 24 часа нельзя менять телефон, почту и способы входа.
              </Text>
            ) : null}
            <dl className={classes.facts}>
              <dt>{recovery ? 'Гражданин' : 'Владелец'}</dt>
              <dd>{slip.fullName ?? '—'}</dd>
              <dt>{recovery ? 'Ссылка для входа' : 'Ссылка для активации'}</dt>
              <dd className={classes.link} data-testid="slip-link">
                {link}
              </dd>
              <dt>Временный пароль</dt>
              <dd className={classes.secret} data-testid="slip-password">
                {slip.tempPassword}
              </dd>
              <dt>Действуют до</dt>
              <dd>{formatDateTime(slip.expiresAt)} (72 часа)</dd>
            </dl>
            <Text>Ссылка также отправлена в SMS на номер {slip.phone}.</Text>
            <div>
              <Title order={3} size="h4" mb={4}>
                Что сделать
              </Title>
              <ol className={classes.steps}>
                <li>Откройте ссылку из SMS или наберите её с памятки.</li>
                <li>Введите временный пароль — буквы и цифры, как на памятке, с дефисами.</li>
                <li>Придумайте свой пароль: не короче 12 символов, лучше фразу из нескольких слов.</li>
                <li>Подтвердите номер телефона кодом из SMS — после этого вы войдёте в личный кабинет.</li>
              </ol>
            </div>
            <Alert color="orange" variant="light" icon={<IconAlertTriangle size={20} aria-hidden="true" />}>
              Ссылка и временный пароль действуют один раз. Никому не сообщайте временный пароль, в том числе
              сотрудникам. Если срок истёк — обратитесь в МФЦ с паспортом.
            </Alert>
          </Stack>
        </section>
        <Group gap="sm" className={classes.noPrint}>
          <Button leftSection={<IconPrinter size={18} aria-hidden="true" />} onClick={() => window.print()}>
            Распечатать памятку
          </Button>
          <Button
            component={Link}
            to="/operator"
            variant="default"
            leftSection={<IconArrowLeft size={18} aria-hidden="true" />}
          >
            Вернуться к работе
          </Button>
        </Group>
      </Stack>
    </>
  );
}
