import { Anchor } from '@mantine/core';
import { IconBellRinging, IconFileCertificate, IconShieldLock, type Icon } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { RequireLogin } from '../../components/RequireLogin';
import classes from './settings.module.css';

interface Section {
  title: string;
  text: string;
  icon: Icon;
  /** The section's page; a section without one is not built yet and says so. */
  to?: string;
  links?: { label: string; to: string }[];
}

const SECTIONS: Section[] = [
  {
    title: 'Вход и безопасность',
    text: 'Второй фактор и приложения-аутентификаторы, резервные коды, пароль, активные сеансы и история входов.',
    icon: IconShieldLock,
    to: '/settings/security',
    links: [
      { label: 'Сменить пароль', to: '/settings/security?tab=password' },
      { label: 'Сеансы и устройства', to: '/settings/security?tab=sessions' },
      { label: 'История входов', to: '/settings/security?tab=history' },
    ],
  },
  {
    title: 'Уведомления',
    text: 'Какие уведомления и куда присылать: в кабинет, на почту, по SMS. Раздел появится в ближайшее время.',
    icon: IconBellRinging,
  },
  {
    title: 'Согласия на обработку данных',
    text: 'Кому и для чего вы разрешили использовать ваши данные. Раздел появится в ближайшее время.',
    icon: IconFileCertificate,
  },
];

/** `/settings`: the sections of the account settings. */
export function SettingsPage() {
  return (
    <>
      <PageHeader
        title="Настройки"
        description="Вход и безопасность, уведомления, согласия на обработку данных."
        breadcrumbs={[{ label: 'Настройки' }]}
      />
      <RequireLogin what="Настройки учётной записи доступны после входа в личный кабинет.">
        {() => (
          <ul className={classes.sections}>
            {SECTIONS.map((s, i) => (
              <li key={s.title}>
                <section className={classes.sectionCard} aria-labelledby={`settings-section-${i}`}>
                  <div className={classes.sectionIcon} aria-hidden="true">
                    <s.icon size={26} stroke={1.7} />
                  </div>
                  <h2 id={`settings-section-${i}`}>
                    {s.to ? (
                      <Anchor component={Link} to={s.to} inherit>
                        {s.title}
                      </Anchor>
                    ) : (
                      s.title
                    )}
                  </h2>
                  <p className={classes.dimmed}>{s.text}</p>
                  {s.links ? (
                    <ul className={classes.sectionLinks} aria-label={`${s.title}: разделы`}>
                      {s.links.map((l) => (
                        <li key={l.to}>
                          <Anchor component={Link} to={l.to}>
                            {l.label}
                          </Anchor>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </section>
              </li>
            ))}
          </ul>
        )}
      </RequireLogin>
    </>
  );
}
