import { Button } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { Link } from 'react-router';
import { MethodCard } from './MethodCard';

/** «Письмо Почтой России» among the ways to confirm identity: opens the letter page. */
export function PostLetterCard() {
  return (
    <MethodCard
      id="confirm-post-title"
      icon={IconMail}
      title="Письмо Почтой России"
      action={
        <Button component={Link} to="/profile/level/post" variant="light">
          Заказать письмо с кодом
        </Button>
      }
    >
      Пришлём заказное письмо с кодом на ваш адрес. Заберите его в отделении с паспортом и введите код — он
      действует 30 дней с отправки.
    </MethodCard>
  );
}
