import { Anchor, Title } from '@mantine/core';
import { IconBook2, IconMessageCircle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { SUPPORT_PHONE, SUPPORT_PHONE_HREF } from '../../brand';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { SupportContacts } from '../../components/SupportContacts';
import page from '../pages.module.css';

const phone = (
  <Anchor href={SUPPORT_PHONE_HREF} fw={700}>
    {SUPPORT_PHONE}
  </Anchor>
);

/** `/accessibility`: the accessibility statement. */
export function AccessibilityPage() {
  return (
    <>
      <PageHeader title="Заявление о доступности" breadcrumbs={[{ label: 'Заявление о доступности' }]} />
      <div className={`${page.panel} ${page.prose}`}>
        <p>
          Мы хотим, чтобы Кабинетом могли пользоваться все, в том числе люди с нарушениями зрения, слуха,
          моторики и восприятия. Портал создаётся по требованиям WCAG 2.1 уровня AA и ГОСТ Р 52872-2019.
        </p>
        <Title order={2}>Что сделано</Title>
        <ul>
          <li>Все действия можно выполнить только с клавиатуры; фокус всегда виден.</li>
          <li>
            Страницы размечены заголовками и областями, чтобы по ним было удобно перемещаться с программой
            экранного доступа.
          </li>
          <li>У каждого поля формы есть подпись, ошибки называют причину и связаны со своим полем.</li>
          <li>Статусы показаны словом и значком, а не только цветом. Контраст текста — не меньше 4,5 : 1.</li>
          <li>
            Текст можно увеличить до 200 % без потери содержимого; на телефоне страницы не требуют
            горизонтальной прокрутки.
          </li>
          <li>Если в системе включено уменьшение движения, анимации отключаются.</li>
          <li>Каждая страница проверяется автоматически средством axe при каждом изменении портала.</li>
        </ul>
        <Title order={2}>Если что-то недоступно</Title>
        <p>
          Позвоните по номеру {phone} (бесплатно по России, круглосуточно) или напишите{' '}
          <Anchor component={Link} to="/support">
            в чат поддержки
          </Anchor>
          . Расскажите, на какой странице возникла трудность и какой программой или устройством вы
          пользуетесь. Мы поможем завершить дело и исправим ошибку.
        </p>
      </div>
    </>
  );
}

/** `/privacy`: privacy policy in plain words. */
export function PrivacyPage() {
  return (
    <>
      <PageHeader
        title="Политика конфиденциальности"
        breadcrumbs={[{ label: 'Политика конфиденциальности' }]}
      />
      <div className={`${page.panel} ${page.prose}`}>
        <p>
          Кабинет обрабатывает персональные данные по Федеральному закону № 152-ФЗ «О персональных данных» и
          только для тех целей, на которые вы дали согласие.
        </p>
        <Title order={2}>Какие данные мы храним</Title>
        <ul>
          <li>
            Данные, которые вы указали сами: ФИО, контакты, документы, адреса, сведения о семье и транспорте.
          </li>
          <li>
            Сведения, полученные из государственных реестров при проверке данных и оказании услуг, — с вашего
            согласия.
          </li>
          <li>Журнал входов (время, адрес, устройство) — 90 дней, чтобы вы могли заметить чужой вход.</li>
        </ul>
        <Title order={2}>Кто видит ваши данные</Title>
        <p>
          Только ведомства, в которые вы подали заявление, и только в объёме, нужном для услуги. Каждое
          обращение сотрудника к вашим данным записывается; список обращений вы видите в разделе «Мои данные».
        </p>
        <Title order={2}>Ваши права</Title>
        <ul>
          <li>Посмотреть и выгрузить все свои данные и историю их изменений.</li>
          <li>Отозвать согласие на обработку данных для любой услуги или внешней системы.</li>
          <li>Потребовать удалить учётную запись — запрос рассматривается не дольше 30 дней.</li>
        </ul>
        <Title order={2}>Файлы cookie</Title>
        <p>
          Мы используем только файлы cookie, без которых не работает вход в кабинет. Рекламных и сторонних
          счётчиков нет.
        </p>
      </div>
    </>
  );
}

/** `/terms`: user agreement in plain words. */
export function TermsPage() {
  return (
    <>
      <PageHeader
        title="Пользовательское соглашение"
        breadcrumbs={[{ label: 'Пользовательское соглашение' }]}
      />
      <div className={`${page.panel} ${page.prose}`}>
        <p>
          Регистрируясь в Кабинете, вы принимаете условия ниже. Об их изменении мы заранее сообщим в
          уведомлениях.
        </p>
        <Title order={2}>Учётная запись</Title>
        <ul>
          <li>
            Одна учётная запись — для одного человека. Не передавайте пароль и коды подтверждения никому, в
            том числе сотрудникам поддержки.
          </li>
          <li>Вход защищён вторым фактором; отключить его нельзя.</li>
          <li>Вы отвечаете за достоверность сведений, которые указываете в профиле и заявлениях.</li>
        </ul>
        <Title order={2}>Заявления и платежи</Title>
        <ul>
          <li>
            Заявления передаются в ведомства в электронном виде; сроки их рассмотрения устанавливают
            ведомства.
          </li>
          <li>Платёж по начислению проводится один раз; квитанция сохраняется в истории платежей.</li>
        </ul>
        <Title order={2}>Работа портала</Title>
        <p>
          Мы можем ненадолго приостанавливать работу портала для обновлений, предупреждая об этом заранее.
          Вопросы по соглашению задавайте в поддержку по телефону {phone}.
        </p>
      </div>
    </>
  );
}

/** `/help`: the help centre (guides and FAQ come with the support module). */
export function HelpPage() {
  return (
    <>
      <PageHeader
        title="Справочный центр"
        description="Пошаговые инструкции и ответы на частые вопросы."
        breadcrumbs={[{ label: 'Справочный центр' }]}
      />
      <div className={page.stack}>
        <EmptyState
          icon={IconBook2}
          title="Статей пока нет"
          secondaryAction={{ label: 'Чат с поддержкой', to: '/support' }}
        >
          Здесь будут инструкции с иллюстрациями и ответы на частые вопросы по темам. А пока вам поможет
          поддержка.
        </EmptyState>
        <section className={page.panel} aria-labelledby="help-contacts">
          <Title order={2} id="help-contacts" className={page.h2}>
            Связаться с поддержкой
          </Title>
          <SupportContacts />
        </section>
      </div>
    </>
  );
}

/** `/support`: support contacts and chat (the chat comes with the support module). */
export function SupportPage() {
  return (
    <>
      <PageHeader
        title="Поддержка"
        description="Ответим в чате в течение 30 минут, по телефону — сразу."
        breadcrumbs={[{ label: 'Поддержка' }]}
      />
      <div className={page.stack}>
        <section className={page.panel} aria-labelledby="support-phone">
          <Title order={2} id="support-phone" className={page.h2}>
            Телефон
          </Title>
          <SupportContacts />
        </section>
        <section aria-labelledby="support-chat">
          <Title order={2} id="support-chat" className={page.h2}>
            Чат с поддержкой
          </Title>
          <EmptyState icon={IconMessageCircle}>
            Здесь будет чат с оператором и ваши обращения в поддержку со статусами. Пока позвоните нам — это
            бесплатно.
          </EmptyState>
        </section>
      </div>
    </>
  );
}
