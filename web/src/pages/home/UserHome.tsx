import { useState } from 'react';
import { NativeSelect, Title } from '@mantine/core';
import {
  IconActivity,
  IconBell,
  IconCalendarEvent,
  IconClipboardList,
  IconCreditCard,
  IconFiles,
  IconReceipt,
  IconStar,
  IconUser,
  IconBolt,
  IconCalendarPlus,
  IconCircleCheck,
  IconFileDescription,
  IconHistory,
  IconMailOpened,
  IconSparkles,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Me } from '../../api/me';
import { SearchForm } from '../../components/SearchForm';
import { StatusBadge } from '../../components/StatusBadge';
import { Widget } from '../../components/Widget';
import classes from './Home.module.css';

const QUICK_LINKS = [
  { label: 'Мои данные', to: '/profile', icon: IconUser },
  { label: 'Мои документы', to: '/documents', icon: IconFiles },
  { label: 'Платежи', to: '/payments', icon: IconCreditCard },
  { label: 'Запись на приём', to: '/appointments', icon: IconCalendarEvent },
];

const ACTION_TYPES = [
  { value: 'all', label: 'Все действия' },
  { value: 'applications', label: 'Заявления' },
  { value: 'payments', label: 'Платежи' },
  { value: 'appointments', label: 'Записи на приём' },
  { value: 'documents', label: 'Документы' },
  { value: 'security', label: 'Вход и безопасность' },
];

const PERIODS = [
  { value: '7', label: 'За неделю' },
  { value: '30', label: 'За месяц' },
  { value: '365', label: 'За год' },
  { value: 'all', label: 'За всё время' },
];

/** «Последние действия» with its filters. Empty until the history of operations exists. */
function RecentActions() {
  const [type, setType] = useState('all');
  const [period, setPeriod] = useState('30');
  const typeLabel = ACTION_TYPES.find((t) => t.value === type)!.label.toLocaleLowerCase('ru-RU');
  const periodLabel = PERIODS.find((p) => p.value === period)!.label.toLocaleLowerCase('ru-RU');
  return (
    <Widget
      title="Последние действия"
      icon={IconActivity}
      allTo="/history"
      toolbar={
        <div className={classes.filters}>
          <NativeSelect
            label="Тип действия"
            data={ACTION_TYPES}
            value={type}
            onChange={(e) => setType(e.currentTarget.value)}
          />
          <NativeSelect
            label="Период"
            data={PERIODS}
            value={period}
            onChange={(e) => setPeriod(e.currentTarget.value)}
          />
        </div>
      }
      empty
      emptyState={{
        icon: IconHistory,
        children:
          type === 'all'
            ? `Действий ${periodLabel} нет. Здесь будут ваши заявления, платежи, записи на приём и входы в кабинет.`
            : `Действий типа «${typeLabel}» ${periodLabel} нет.`,
      }}
    />
  );
}

/** Home for a signed-in user: greeting and the widgets of PRODUCT.md §11. */
export function UserHome({ user }: { user: Me }) {
  return (
    <>
      <div className={classes.greeting}>
        <div>
          <Title order={1} tabIndex={-1}>
            Здравствуйте, {user.shortName}
          </Title>
          <p className={classes.level}>
            Учётная запись: <StatusBadge domain="accountLevel" status={user.level} />{' '}
            {user.level === 'confirmed' ? null : <Link to="/profile/level">Повысить уровень</Link>}
          </p>
        </div>
      </div>

      <div className={classes.userSearch}>
        <SearchForm
          size="lg"
          landmarkLabel="Поиск услуг"
          label="Какая услуга вам нужна?"
          labelHidden={false}
          placeholder="Например, замена паспорта"
        />
      </div>

      <div className={classes.widgets}>
        <Widget
          title="Уведомления"
          icon={IconBell}
          allTo="/notifications"
          emptyState={{
            icon: IconMailOpened,
            children: 'Новых уведомлений нет. Здесь появятся сообщения о заявлениях, платежах и записях.',
          }}
        />
        <Widget
          title="Мои заявления"
          icon={IconClipboardList}
          allTo="/history"
          emptyState={{
            icon: IconFileDescription,
            children: 'Здесь будут ваши заявления и их статусы.',
            action: { label: 'Найти услугу', to: '/services' },
          }}
        />
        <Widget
          title="Начисления к оплате"
          icon={IconReceipt}
          allTo="/payments"
          emptyState={{
            icon: IconCircleCheck,
            children: 'Неоплаченных начислений нет. Здесь появятся штрафы, налоги и счета за ЖКХ.',
          }}
        />
        <Widget
          title="Ближайшие записи"
          icon={IconCalendarEvent}
          allTo="/appointments"
          emptyState={{
            icon: IconCalendarPlus,
            children: 'Записей на приём нет.',
            action: { label: 'Записаться на приём', to: '/appointments' },
          }}
        />
        <Widget
          title="Популярные услуги"
          icon={IconStar}
          emptyState={{
            icon: IconSparkles,
            children: 'Здесь появятся услуги, которые чаще всего заказывают, и те, что подходят вам.',
            action: { label: 'Открыть каталог', to: '/services' },
          }}
        />
        <Widget title="Быстрый доступ" icon={IconBolt}>
          <ul className={classes.quick}>
            {QUICK_LINKS.map((l) => (
              <li key={l.to}>
                <Link to={l.to}>
                  <l.icon size={26} stroke={1.6} aria-hidden="true" />
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
        </Widget>
        <div className={classes.wide}>
          <RecentActions />
        </div>
      </div>
    </>
  );
}
