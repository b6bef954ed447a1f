import { Tabs } from '@mantine/core';
import {
  IconClockHour4,
  IconDevices,
  IconKey,
  IconMessageQuestion,
  IconShieldLock,
} from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { RequireLogin } from '../../components/RequireLogin';
import { FactorsSection } from './FactorsSection';
import { HistorySection } from './HistorySection';
import { PasswordSection } from './PasswordSection';
import { SessionsSection } from './SessionsSection';
import { SecurityQuestionSection } from './SecurityQuestionSection';
import classes from './settings.module.css';

const TABS = [
  { value: 'factors', label: 'Способы входа и второй фактор', icon: IconShieldLock },
  { value: 'password', label: 'Пароль', icon: IconKey },
  { value: 'sessions', label: 'Сеансы и устройства', icon: IconDevices },
  { value: 'history', label: 'История входов', icon: IconClockHour4 },
  { value: 'question', label: 'Контрольный вопрос', icon: IconMessageQuestion },
] as const;

type Tab = (typeof TABS)[number]['value'];
const isTab = (v: string | null): v is Tab => TABS.some((t) => t.value === v);

/** `/settings/security` (Настройки → Вход и безопасность), one tab per task; `?tab=` keeps the tab in the address. */
export function SecurityPage() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = isTab(raw) ? raw : 'factors';
  return (
    <>
      <PageHeader
        title="Вход и безопасность"
        description="Как вы входите в кабинет, пароль, устройства и история входов."
        breadcrumbs={[{ label: 'Настройки', to: '/settings' }, { label: 'Вход и безопасность' }]}
      />
      <RequireLogin what="Настройки безопасности доступны после входа в личный кабинет.">
        {(user) => (
          <Tabs
            value={tab}
            onChange={(v) => {
              if (isTab(v)) setParams(v === 'factors' ? {} : { tab: v }, { replace: true });
            }}
            keepMounted={false}
            classNames={{ list: classes.tabList, tab: classes.tab, tabLabel: classes.tabLabel }}
          >
            <Tabs.List aria-label="Разделы безопасности">
              {TABS.map((t) => (
                <Tabs.Tab key={t.value} value={t.value} leftSection={<t.icon size={20} aria-hidden="true" />}>
                  {t.label}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="factors" className={classes.panel}>
              <FactorsSection />
            </Tabs.Panel>
            <Tabs.Panel value="password" className={classes.panel}>
              <PasswordSection user={user} />
            </Tabs.Panel>
            <Tabs.Panel value="sessions" className={classes.panel}>
              <SessionsSection timeZone={user.timeZone} />
            </Tabs.Panel>
            <Tabs.Panel value="question" className={classes.panel}>
              <SecurityQuestionSection user={user} />
            </Tabs.Panel>
            <Tabs.Panel value="history" className={classes.panel}>
              <HistorySection timeZone={user.timeZone} />
            </Tabs.Panel>
          </Tabs>
        )}
      </RequireLogin>
    </>
  );
}
