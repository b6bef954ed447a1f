import { useEffect } from 'react';
import { ActionIcon, Avatar, Burger, Button, Divider, Drawer, Skeleton, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconHome, IconLogout, IconSearch, IconBell } from '@tabler/icons-react';
import { Link, NavLink, useLocation } from 'react-router';
import { useMe } from '../../api/me';
import { useUnreadCount } from '../../api/notifications';
import { useLogout } from '../../api/session';
import { SUPPORT_PHONE, SUPPORT_PHONE_HREF } from '../../brand';
import { SearchForm } from '../SearchForm';
import { loginHref } from '../RequireLogin';
import { Logo } from './Logo';
import { NotificationBell, notificationsLabel } from './NotificationBell';
import { initials, ProfileMenu } from './ProfileMenu';
import { TOP_MENU } from './navigation';
import classes from './AppShell.module.css';

/**
 * Header: emblem and name, the top menu, search, the bell and the profile menu (or «Войти» /
 * «Зарегистрироваться» for a guest). Below 992 px the menu folds into a burger and a drawer.
 */
export function Header() {
  const me = useMe();
  const user = me.data ?? null;
  const unread = useUnreadCount();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const logout = useLogout();
  const next = location.pathname + location.search;

  // the drawer closes when a link in it navigates
  useEffect(() => close(), [location.pathname, location.search, close]);

  return (
    <header className={classes.header}>
      <div className={`kb-container ${classes.headerInner}`}>
        <Burger
          opened={opened}
          onClick={toggle}
          hiddenFrom="md"
          size="sm"
          className={classes.iconButton}
          aria-label={opened ? 'Закрыть меню' : 'Открыть меню'}
          aria-expanded={opened}
        />
        <Logo />
        <nav aria-label="Основное меню" className={classes.topNav}>
          <ul>
            {TOP_MENU.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className={classes.spacer} />
        <div className={classes.headerSearch}>
          <SearchForm placeholder="Найти услугу" />
        </div>
        <ActionIcon
          component={Link}
          to="/search"
          variant="subtle"
          color="gray"
          radius="md"
          className={classes.iconButton}
          hiddenFrom="lg"
          aria-label="Поиск"
        >
          <IconSearch size={24} stroke={1.7} aria-hidden="true" />
        </ActionIcon>
        {me.isPending ? (
          <Skeleton width={44} height={44} radius="xl" />
        ) : user ? (
          <>
            <NotificationBell unread={unread} />
            <ProfileMenu user={user} />
          </>
        ) : (
          <div className={classes.guestButtons}>
            <Button component={Link} to={loginHref(next)}>
              Войти
            </Button>
            <Button component={Link} to="/register" variant="default" visibleFrom="sm">
              Зарегистрироваться
            </Button>
          </div>
        )}
      </div>

      <Drawer.Root opened={opened} onClose={close} size="min(22rem, 88vw)">
        <Drawer.Overlay />
        <Drawer.Content>
          {/* role="none": Mantine renders a <header>, which would be a second banner landmark */}
          <Drawer.Header role="none">
            <Drawer.Title fw={700} fz="h3">
              Меню
            </Drawer.Title>
            <Drawer.CloseButton aria-label="Закрыть меню" size={44} iconSize={22} />
          </Drawer.Header>
          <Drawer.Body>
            <Stack gap="md">
              {user ? (
                <div className={classes.drawerAccount}>
                  <Avatar color="blue" radius="xl" size={40} aria-hidden="true">
                    {initials(user.shortName)}
                  </Avatar>
                  <div>
                    <Text size="sm" c="dimmed">
                      Личный кабинет
                    </Text>
                    <Text fw={700}>{user.shortName}</Text>
                  </div>
                </div>
              ) : null}
              <SearchForm placeholder="Найти услугу" />
              <nav aria-label="Меню разделов" className={classes.drawerNav}>
                <ul>
                  {[
                    { label: 'Главная', to: '/', icon: IconHome },
                    ...TOP_MENU,
                    { label: 'Уведомления', to: '/notifications', icon: IconBell },
                  ].map((item) => (
                    <li key={item.to}>
                      <NavLink
                        to={item.to}
                        end={item.to === '/'}
                        aria-label={item.to === '/notifications' ? notificationsLabel(unread) : undefined}
                      >
                        <item.icon size={22} stroke={1.7} aria-hidden="true" />
                        {item.label}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </nav>
              <Divider />
              {user ? (
                <Button
                  variant="default"
                  color="red"
                  leftSection={<IconLogout size={18} aria-hidden="true" />}
                  onClick={() => logout.mutate()}
                  loading={logout.isPending}
                  fullWidth
                >
                  Выйти
                </Button>
              ) : (
                <Stack gap="xs">
                  <Button component={Link} to={loginHref(next)} fullWidth>
                    Войти
                  </Button>
                  <Button component={Link} to="/register" variant="default" fullWidth>
                    Зарегистрироваться
                  </Button>
                </Stack>
              )}
              <div>
                <Text size="sm" c="dimmed">
                  Служба поддержки
                </Text>
                <a href={SUPPORT_PHONE_HREF} className={classes.phone} style={{ fontSize: 20 }}>
                  {SUPPORT_PHONE}
                </a>
              </div>
            </Stack>
          </Drawer.Body>
        </Drawer.Content>
      </Drawer.Root>
    </header>
  );
}
