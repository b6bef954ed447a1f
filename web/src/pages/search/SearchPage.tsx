import { IconSearch } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { SearchForm } from '../../components/SearchForm';
import page from '../pages.module.css';

/** `/search?q=…`: search over services and help. */
export function SearchPage() {
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  return (
    <>
      <PageHeader
        title="Поиск"
        documentTitle={q ? `«${q}» — поиск` : 'Поиск'}
        description="Ищите услуги, инструкции и ответы на вопросы. Подойдут часть слова и запрос с опечаткой."
        breadcrumbs={[{ label: 'Поиск' }]}
      />
      <div className={page.stack}>
        <div className={page.panel}>
          {/* key: the field follows the address when a new search comes from the header */}
          <SearchForm
            key={q}
            size="lg"
            landmarkLabel="Поиск на странице"
            label="Что вы ищете?"
            labelHidden={false}
            defaultValue={q}
            placeholder="Например, справка о несудимости"
            autoFocus={!q}
          />
        </div>
        <section aria-label="Результаты поиска">
          {q ? (
            <EmptyState
              icon={IconSearch}
              title={`По запросу «${q}» пока ничего не найдено`}
              action={{ label: 'Открыть каталог услуг', to: '/services' }}
            >
              Здесь будут услуги, инструкции и ответы на вопросы. Попробуйте поискать услугу в каталоге по
              темам.
            </EmptyState>
          ) : (
            <EmptyState icon={IconSearch} title="Введите запрос">
              Например, «загранпаспорт», «штраф ГИБДД» или «запись к врачу». Результаты появятся здесь.
            </EmptyState>
          )}
        </section>
      </div>
    </>
  );
}
