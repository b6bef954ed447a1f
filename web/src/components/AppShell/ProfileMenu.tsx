import { useId } from 'react';
import { Avatar, Menu, Text, UnstyledButton } from '@mantine/core';
import {
  IconCheck,
  IconChevronDown,
  IconId,
  IconLogout,
  IconSettings,
  IconShieldCheck,
  IconUser,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Me } from '../../api/me';
import { useLogout } from '../../api/session';
import classes from './AppShell.module.css';

/** «ИИ» from «Иванов И. И.» / «Иванов Иван Иванович». */
export function initials(name: string): string {
  const letters = name
    .replace(/\./g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toLocaleUpperCase('ru-RU'));
  return letters.join('') || '?';
}

/**
 * The profile menu: the current context («Личный кабинет» + short name) always visible, the account
 * switcher (only the personal account until organisations exist), «Мои данные», «Настройки», «Выйти».
 */
export function ProfileMenu({ user }: { user: Me }) {
  const logout = useLogout();
  const accountsLabel = useId();
  return (
    <Menu position="bottom-end" width={300} offset={6} withinPortal withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <UnstyledButton className={classes.profileTrigger}>
          <Avatar color="blue" radius="xl" size={36} aria-hidden="true">
            {initials(user.shortName)}
          </Avatar>
          <span className={classes.profileText}>
            <span className={classes.profileContext}>Личный кабинет</span>
            <span className={classes.profileName}>{user.shortName}</span>
          </span>
          <span className={classes.profileSr}>Личный кабинет, {user.shortName}</span>
          <span className="kb-visually-hidden">: меню профиля</span>
          <IconChevronDown size={18} className={classes.profileChevron} aria-hidden="true" />
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <div role="group" aria-labelledby={accountsLabel}>
          <Menu.Label id={accountsLabel}>Учётная запись</Menu.Label>
          <Menu.Item
            leftSection={
              <Avatar color="blue" radius="xl" size={32} aria-hidden="true">
                {initials(user.shortName)}
              </Avatar>
            }
            rightSection={<IconCheck size={18} color="var(--mantine-color-blue-6)" aria-hidden="true" />}
            aria-current="true"
          >
            <span className={classes.accountItem}>
              <Text fw={700} size="md" span>
                Личный кабинет
              </Text>
              <Text size="sm" c="dimmed" span>
                {user.shortName}
                <span className="kb-visually-hidden"> (текущая)</span>
              </Text>
            </span>
          </Menu.Item>
        </div>
        <Menu.Divider />
        <Menu.Item component={Link} to="/profile" leftSection={<IconUser size={18} aria-hidden="true" />}>
          Мои данные
        </Menu.Item>
        <Menu.Item
          component={Link}
          to="/settings"
          leftSection={<IconSettings size={18} aria-hidden="true" />}
        >
          Настройки
        </Menu.Item>
        {user.roles.includes('mfc_operator') || user.roles.includes('support') ? (
          <Menu.Item component={Link} to="/operator" leftSection={<IconId size={18} aria-hidden="true" />}>
            Рабочее место оператора
          </Menu.Item>
        ) : null}
        {user.roles.some((r) => r === 'security' || r === 'admin') ? (
          <Menu.Item
            component={Link}
            to="/security"
            leftSection={<IconShieldCheck size={18} aria-hidden="true" />}
          >
            Служба безопасности
          </Menu.Item>
        ) : null}
        <Menu.Divider />
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={18} aria-hidden="true" />}
          onClick={() => logout.mutate()}
          disabled={logout.isPending}
        >
          Выйти
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
