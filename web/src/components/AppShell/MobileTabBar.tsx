import { NavLink } from 'react-router';
import { useUnreadCount } from '../../api/notifications';
import { notificationsLabel } from './NotificationBell';
import { TAB_BAR } from './navigation';
import classes from './AppShell.module.css';

/** The bottom tab bar at phone width: Главная, Услуги, Уведомления, Профиль. Each tab is 64 px high. */
export function MobileTabBar() {
  const unread = useUnreadCount();
  return (
    <nav aria-label="Быстрые разделы" className={classes.tabBar}>
      <ul>
        {TAB_BAR.map((item) => {
          const isBell = item.to === '/notifications';
          return (
            <li key={item.to}>
              <NavLink
                to={item.to}
                end={item.to === '/'}
                className={classes.tab}
                aria-label={isBell && unread > 0 ? notificationsLabel(unread) : undefined}
              >
                <span className={classes.tabIcon} aria-hidden="true">
                  <item.icon size={24} stroke={1.7} />
                  {isBell && unread > 0 ? (
                    <span className={classes.tabCount}>{unread > 99 ? '99+' : unread}</span>
                  ) : null}
                </span>
                {item.label}
              </NavLink>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
