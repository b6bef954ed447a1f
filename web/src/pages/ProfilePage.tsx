import { Anchor, Title } from '@mantine/core';
import { Link } from 'react-router';
import { IconId } from '@tabler/icons-react';
import { formatPhone } from '@kabinet/shared';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { RequireLogin } from '../components/RequireLogin';
import { StatusBadge } from '../components/StatusBadge';
import page from './pages.module.css';

/** `/profile` (Мои данные): what the account already knows; the profile module fills in the rest. */
export function ProfilePage() {
  return (
    <>
      <PageHeader
        title="Мои данные"
        description="Личные данные, документы и контакты, которые подставляются в заявления."
        breadcrumbs={[{ label: 'Профиль' }]}
      />
      <RequireLogin what="Ваши личные данные доступны после входа в личный кабинет.">
        {(user) => (
          <div className={page.stack}>
            <section className={page.panel} aria-labelledby="profile-account">
              <Title order={2} id="profile-account" className={page.h2}>
                Учётная запись
              </Title>
              <dl className={page.facts}>
                <dt>ФИО</dt>
                <dd>{user.fullName ?? user.shortName}</dd>
                <dt>Уровень учётной записи</dt>
                <dd>
                  <StatusBadge domain="accountLevel" status={user.level} />{' '}
                  <Anchor component={Link} to="/profile/level" fw={400}>
                    {user.level === 'confirmed' ? 'Что даёт уровень' : 'Повысить уровень'}
                  </Anchor>
                </dd>
                <dt>Телефон</dt>
                <dd>{user.phone ? formatPhone(user.phone) : 'Не указан'}</dd>
                <dt>Электронная почта</dt>
                <dd>{user.email ?? 'Не указана'}</dd>
              </dl>
            </section>
            <section aria-labelledby="profile-docs">
              <Title order={2} id="profile-docs" className={page.h2}>
                Документы и адреса
              </Title>
              <EmptyState icon={IconId}>
                Здесь будут паспорт, СНИЛС, ИНН, адреса, сведения о семье и транспорте — с историей изменений.
              </EmptyState>
            </section>
          </div>
        )}
      </RequireLogin>
    </>
  );
}
