import { Button, Text, Title } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { Link } from 'react-router';
import page from '../pages.module.css';

/** «Письмо Почтой России» among the ways to confirm identity: opens the letter page. */
export function PostLetterCard() {
  return (
    <article className={page.panel} aria-labelledby="confirm-post-title">
      <Title order={3} id="confirm-post-title" size="h4" mb="xs">
        <IconMail size={20} aria-hidden="true" style={{ verticalAlign: 'text-bottom', marginRight: 8 }} />
        Письмо Почтой России
      </Title>
      <Text mb="sm">
        Пришлём заказное письмо с кодом на ваш адрес. Заберите его в отделении с паспортом и введите код — он
        действует 30 дней с отправки.
      </Text>
      <Button component={Link} to="/profile/level/post" variant="light">
        Заказать письмо с кодом
      </Button>
    </article>
  );
}
