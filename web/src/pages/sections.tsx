import { IconBell, IconCalendarEvent, IconClockHour4, IconCreditCard, IconFiles } from '@tabler/icons-react';
import { SectionPage } from './SectionPage';

// Sections whose modules are built by other parts of the project. Each says honestly what will be
// here; the module replaces its route element when it lands.

export function HistoryPage() {
  return (
    <SectionPage
      title="История"
      description="Все ваши операции в одном месте: заявления, платежи, записи на приём и входы в кабинет."
      requireLogin="История заявлений и платежей доступна после входа в личный кабинет."
      empty={{
        icon: IconClockHour4,
        title: 'Операций пока нет',
        children:
          'Здесь будут ваши заявления и платежи — с датами, статусами и возможностью выгрузить список.',
        action: { label: 'Найти услугу', to: '/services' },
      }}
    />
  );
}

export function NotificationsPage() {
  return (
    <SectionPage
      title="Уведомления"
      requireLogin="Уведомления о заявлениях, платежах и записях доступны после входа в личный кабинет."
      empty={{
        icon: IconBell,
        title: 'Уведомлений нет',
        children:
          'Здесь появятся сообщения о заявлениях, начислениях, записях на приём и безопасности учётной записи.',
      }}
    />
  );
}

export function DocumentsPage() {
  return (
    <SectionPage
      title="Мои документы"
      description="Документы, которые можно прикладывать к заявлениям без повторной загрузки."
      breadcrumbs={[{ label: 'Профиль', to: '/profile' }, { label: 'Мои документы' }]}
      requireLogin="Ваши документы доступны после входа в личный кабинет."
      empty={{
        icon: IconFiles,
        title: 'Документов пока нет',
        children: 'Здесь будут ваши документы: загруженные вами и полученные в результате услуг.',
      }}
    />
  );
}

export function PaymentsPage() {
  return (
    <SectionPage
      title="Платежи"
      description="Штрафы, налоги, госпошлины и счета за ЖКХ."
      requireLogin="Начисления и история платежей доступны после входа в личный кабинет."
      empty={{
        icon: IconCreditCard,
        title: 'Начислений нет',
        children: 'Здесь появятся начисления к оплате по вашим документам и история платежей с квитанциями.',
      }}
    />
  );
}

export function AppointmentsPage() {
  return (
    <SectionPage
      title="Запись на приём"
      description="В ведомства, МФЦ и поликлиники — в удобное время."
      requireLogin="Запись на приём доступна после входа в личный кабинет."
      empty={{
        icon: IconCalendarEvent,
        title: 'Записей нет',
        children: 'Здесь будут ваши записи на приём: выбор учреждения и времени, перенос и отмена.',
      }}
    />
  );
}
