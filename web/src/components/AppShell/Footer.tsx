import { useId } from 'react';
import { Text } from '@mantine/core';
import { IconAccessible, IconBook2, IconFileText, IconLock, IconMessageCircle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { SUPPORT_PHONE, SUPPORT_PHONE_HREF } from '../../brand';
import { Logo } from './Logo';
import classes from './AppShell.module.css';

/** Footer: support phone and chat, help centre, accessibility statement, privacy policy, user agreement. */
export function Footer() {
  const supportId = useId();
  const aboutId = useId();
  return (
    <footer className={classes.footer}>
      <div className="kb-container">
        <div className={classes.footerGrid}>
          <div className={classes.footerAbout}>
            <Logo tagline={false} />
            <Text c="dimmed" mt="xs" maw={360}>
              Личный кабинет портала государственных услуг: заявления, платежи, запись на приём и документы —
              онлайн и без очередей.
            </Text>
          </div>
          <section aria-labelledby={supportId}>
            <h2 id={supportId} className={classes.footerTitle}>
              Поддержка
            </h2>
            <a href={SUPPORT_PHONE_HREF} className={classes.phone}>
              {SUPPORT_PHONE}
            </a>
            <Text size="sm" c="dimmed">
              Бесплатно по России, круглосуточно
            </Text>
            <ul className={classes.footerLinks}>
              <li>
                <Link to="/support">
                  <IconMessageCircle size={20} aria-hidden="true" />
                  Чат с поддержкой
                </Link>
              </li>
              <li>
                <Link to="/help">
                  <IconBook2 size={20} aria-hidden="true" />
                  Справочный центр
                </Link>
              </li>
            </ul>
          </section>
          <section aria-labelledby={aboutId}>
            <h2 id={aboutId} className={classes.footerTitle}>
              О портале
            </h2>
            <ul className={classes.footerLinks}>
              <li>
                <Link to="/accessibility">
                  <IconAccessible size={20} aria-hidden="true" />
                  Заявление о доступности
                </Link>
              </li>
              <li>
                <Link to="/privacy">
                  <IconLock size={20} aria-hidden="true" />
                  Политика конфиденциальности
                </Link>
              </li>
              <li>
                <Link to="/terms">
                  <IconFileText size={20} aria-hidden="true" />
                  Пользовательское соглашение
                </Link>
              </li>
            </ul>
          </section>
        </div>
        <div className={classes.footerBottom}>
          <span>© {new Date().getFullYear()} Kabinet</span>
          <span>Открытый исходный код</span>
        </div>
      </div>
    </footer>
  );
}
