import { Title } from '@mantine/core';
import { IconLayoutGrid } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { SearchForm } from '../../components/SearchForm';
import { CategoryGrid } from './CategoryGrid';
import { categoryBySlug } from './categories';
import page from '../pages.module.css';

/** `/services` and `/services?category=<slug>`: the catalogue. */
export function ServicesPage() {
  const [params] = useSearchParams();
  const slug = params.get('category');
  const category = categoryBySlug(slug);

  const empty = category ? (
    <EmptyState
      icon={category.icon}
      title={`В разделе «${category.title}» пока нет услуг`}
      action={{ label: 'Все услуги', to: '/services' }}
    >
      Здесь будут услуги этого раздела — с ведомством, стоимостью и сроком оказания каждой.
    </EmptyState>
  ) : slug ? (
    <EmptyState
      icon={IconLayoutGrid}
      title="Такого раздела нет"
      action={{ label: 'Все услуги', to: '/services' }}
    >
      Возможно, ссылка устарела. Выберите тему из списка или воспользуйтесь поиском.
    </EmptyState>
  ) : (
    <EmptyState icon={IconLayoutGrid} title="Каталог пока пуст">
      Здесь будут государственные услуги по темам — с ведомством, стоимостью, сроком оказания и нужным уровнем
      учётной записи.
    </EmptyState>
  );

  return (
    <>
      <PageHeader
        title={category ? category.title : 'Услуги'}
        documentTitle={category ? `${category.title} — услуги` : 'Услуги'}
        description={
          category
            ? category.hint
            : 'Государственные услуги онлайн: выберите тему или найдите услугу по названию.'
        }
        breadcrumbs={
          category ? [{ label: 'Услуги', to: '/services' }, { label: category.title }] : [{ label: 'Услуги' }]
        }
      />
      <div className={page.stack}>
        <div className={page.panel}>
          <SearchForm
            landmarkLabel="Поиск услуг"
            label="Найти услугу"
            labelHidden={false}
            placeholder="Например, загранпаспорт"
          />
        </div>
        {category || slug ? (
          <section aria-labelledby="services-list">
            <Title order={2} id="services-list" className={page.h2}>
              {category ? 'Услуги раздела' : 'Раздел не найден'}
            </Title>
            {empty}
          </section>
        ) : null}
        <section aria-labelledby="services-topics">
          <Title order={2} id="services-topics" className={page.h2}>
            {category ? 'Другие темы' : 'Темы услуг'}
          </Title>
          <CategoryGrid current={category?.slug} label="Темы услуг" />
        </section>
        {category || slug ? null : (
          <section aria-labelledby="services-all">
            <Title order={2} id="services-all" className={page.h2}>
              Все услуги
            </Title>
            {empty}
          </section>
        )}
      </div>
    </>
  );
}
