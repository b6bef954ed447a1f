import { Button, Group, Text, Title } from '@mantine/core';
import { IconHome, IconRefresh } from '@tabler/icons-react';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { SupportContacts } from '../components/SupportContacts';
import { useDocumentTitle } from '../lib/title';
import { NotFoundPage } from './NotFoundPage';
import page from './pages.module.css';
import frame from '../components/AppShell/AppShell.module.css';

function isChunkError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /dynamically imported module|Failed to fetch|Importing a module script failed/i.test(error.message)
  );
}

function ErrorContent() {
  const error = useRouteError();
  useDocumentTitle('Что-то пошло не так');
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  if (import.meta.env.DEV) console.error(error);
  return (
    <div className={page.stack}>
      <div>
        <Title order={1} tabIndex={-1}>
          Что-то пошло не так
        </Title>
        <Text size="lg" c="dimmed" mt="xs" maw="48rem">
          {isChunkError(error)
            ? 'Страница не загрузилась: похоже, пропала связь или вышла новая версия портала. Обновите страницу.'
            : 'Страница не загрузилась из-за ошибки. Обычно помогает обновить страницу.'}
        </Text>
        <Group gap="xs" mt="md">
          <Button
            leftSection={<IconRefresh size={18} aria-hidden="true" />}
            onClick={() => window.location.reload()}
          >
            Обновить страницу
          </Button>
          <Button
            component={Link}
            to="/"
            reloadDocument
            variant="default"
            leftSection={<IconHome size={18} aria-hidden="true" />}
          >
            На главную
          </Button>
        </Group>
      </div>
      <section className={page.panel} aria-labelledby="error-support">
        <Title order={2} id="error-support" className={page.h2}>
          Если ошибка повторяется
        </Title>
        <Text mb="sm">Позвоните или напишите в поддержку — расскажите, что вы делали, и мы поможем.</Text>
        <SupportContacts />
      </section>
    </div>
  );
}

/** Error boundary of the pages: inside the frame, the header and footer keep working. */
export function PageErrorBoundary() {
  return <ErrorContent />;
}

/** Error boundary of the whole app (the frame itself failed): a minimal frame of its own. */
export function RootErrorBoundary() {
  return (
    <div className={frame.page}>
      <header className={frame.header}>
        <div className={`kb-container ${frame.headerInner}`}>
          <a href="/" className={frame.logo}>
            <img src="/emblem.svg" alt="" width={40} height={40} />
            <span className={frame.logoText}>
              <span className={frame.logoName}>Кабинет</span>
            </span>
          </a>
        </div>
      </header>
      <main id="main" className={`kb-container ${frame.main}`}>
        <ErrorContent />
      </main>
      <footer className={frame.footer}>
        <div className="kb-container">
          <Text size="sm" c="dimmed">
            © {new Date().getFullYear()} Kabinet
          </Text>
        </div>
      </footer>
    </div>
  );
}
