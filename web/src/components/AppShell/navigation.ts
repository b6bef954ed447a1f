import {
  IconBell,
  IconClockHour4,
  IconHome,
  IconLayoutGrid,
  IconSettings,
  IconUser,
  type Icon,
} from '@tabler/icons-react';

export interface NavItem {
  label: string;
  to: string;
  icon: Icon;
}

/** The top menu (DESIGN.md): Профиль · Услуги · История · Настройки. */
export const TOP_MENU: NavItem[] = [
  { label: 'Профиль', to: '/profile', icon: IconUser },
  { label: 'Услуги', to: '/services', icon: IconLayoutGrid },
  { label: 'История', to: '/history', icon: IconClockHour4 },
  { label: 'Настройки', to: '/settings', icon: IconSettings },
];

/** The bottom tab bar at phone width. */
export const TAB_BAR: NavItem[] = [
  { label: 'Главная', to: '/', icon: IconHome },
  { label: 'Услуги', to: '/services', icon: IconLayoutGrid },
  { label: 'Уведомления', to: '/notifications', icon: IconBell },
  { label: 'Профиль', to: '/profile', icon: IconUser },
];
