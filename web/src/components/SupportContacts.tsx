import { Anchor, Group, Stack, Text } from '@mantine/core';
import { IconMessageCircle, IconPhone } from '@tabler/icons-react';
import { Link } from 'react-router';
import { SUPPORT_PHONE, SUPPORT_PHONE_HREF } from '../brand';

/** Support phone and chat, for the error page and help pages. */
export function SupportContacts() {
  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="nowrap">
        <IconPhone size={20} aria-hidden="true" color="var(--mantine-color-blue-6)" />
        <div>
          <Anchor href={SUPPORT_PHONE_HREF} fw={700} size="lg">
            {SUPPORT_PHONE}
          </Anchor>
          <Text size="sm" c="dimmed">
            Бесплатно по России, круглосуточно
          </Text>
        </div>
      </Group>
      <Group gap="xs" wrap="nowrap">
        <IconMessageCircle size={20} aria-hidden="true" color="var(--mantine-color-blue-6)" />
        <Anchor component={Link} to="/support" fw={700}>
          Чат с поддержкой
        </Anchor>
      </Group>
    </Stack>
  );
}
