import { ActionIcon } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { Link } from 'react-router';
import { pluralize } from '@kabinet/shared';
import classes from './AppShell.module.css';

const UNREAD = ['непрочитанное', 'непрочитанных', 'непрочитанных'] as const;

export function notificationsLabel(unread: number): string {
  return unread > 0 ? `Уведомления: ${pluralize(unread, UNREAD)}` : 'Уведомления';
}

/** The bell in the header with the unread count. */
export function NotificationBell({ unread }: { unread: number }) {
  return (
    <ActionIcon
      component={Link}
      to="/notifications"
      variant="subtle"
      color="gray"
      radius="md"
      className={classes.iconButton}
      aria-label={notificationsLabel(unread)}
      pos="relative"
    >
      <IconBell size={24} stroke={1.7} aria-hidden="true" />
      {unread > 0 ? (
        <span className={classes.count} aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </ActionIcon>
  );
}
