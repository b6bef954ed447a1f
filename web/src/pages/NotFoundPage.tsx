import { Button, Group, List, Title } from '@mantine/core';
import { IconHome, IconSearch } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader';
import { SearchForm } from '../components/SearchForm';
import page from './pages.module.css';

/** `*`: the address does not exist. */
export function NotFoundPage() {
  return (
    <>
      <PageHeader
        title="Страница не найдена"
        description="Возможно, в адресе опечатка или страница переехала."
      />
      <div className={page.stack}>
        <section className={page.panel} aria-labelledby="nf-what">
          <Title order={2} id="nf-what" className={page.h2}>
            Что можно сделать
          </Title>
          <List spacing="xs" mb="md">
            <List.Item>Проверьте адрес страницы, если вы вводили его вручную.</List.Item>
            <List.Item>Вернитесь на главную и найдите нужный раздел в меню.</List.Item>
            <List.Item>Воспользуйтесь поиском по порталу.</List.Item>
          </List>
          <SearchForm
            landmarkLabel="Поиск на странице"
            label="Поиск по порталу"
            labelHidden={false}
            placeholder="Например, загранпаспорт"
          />
          <Group gap="xs" mt="md">
            <Button component={Link} to="/" leftSection={<IconHome size={18} aria-hidden="true" />}>
              На главную
            </Button>
            <Button
              component={Link}
              to="/search"
              variant="default"
              leftSection={<IconSearch size={18} aria-hidden="true" />}
            >
              Поиск по порталу
            </Button>
          </Group>
        </section>
      </div>
    </>
  );
}
