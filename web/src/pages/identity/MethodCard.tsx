import type { ReactNode } from 'react';
import { Text, Title } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import page from '../pages.module.css';

/** One way to confirm identity on «Уровень учётной записи»: a title with its icon, what happens, the action. */
export function MethodCard({
  id,
  icon: IconComponent,
  title,
  children,
  action,
}: {
  id: string;
  icon: Icon;
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <article className={page.panel} aria-labelledby={id}>
      <Title order={3} id={id} size="h4" mb="xs">
        <IconComponent
          size={20}
          aria-hidden="true"
          style={{ verticalAlign: 'text-bottom', marginRight: 8 }}
        />
        {title}
      </Title>
      <Text mb={action ? 'sm' : 0}>{children}</Text>
      {action}
    </article>
  );
}
