import { useId, type ReactNode } from 'react';
import { Skeleton, Stack, Title, VisuallyHidden } from '@mantine/core';
import { IconChevronRight, type Icon } from '@tabler/icons-react';
import { Link } from 'react-router';
import { EmptyState, type EmptyStateProps } from './EmptyState';
import classes from './Widget.module.css';

export interface WidgetProps {
  title: string;
  icon?: Icon;
  /** Route of the full list; shows «Все» in the corner. */
  allTo?: string;
  /** Shown instead of children when `empty` (or when there are no children). */
  emptyState?: Omit<EmptyStateProps, 'compact' | 'titleOrder'>;
  empty?: boolean;
  /** Skeleton lines while the data loads. */
  loading?: boolean;
  /** Controls under the title (filters). */
  toolbar?: ReactNode;
  children?: ReactNode;
}

/** A card of the home page: title with icon, «Все» link, content, or its empty state. */
export function Widget({
  title,
  icon: Icon,
  allTo,
  emptyState,
  empty,
  loading,
  toolbar,
  children,
}: WidgetProps) {
  const titleId = useId();
  const isEmpty = !loading && (empty ?? (children === undefined || children === null || children === false));
  return (
    <section className={classes.root} aria-labelledby={titleId} data-filled={!isEmpty || undefined}>
      <div className={classes.head}>
        {Icon ? (
          <span className={classes.icon} aria-hidden="true">
            <Icon size={22} stroke={1.8} />
          </span>
        ) : null}
        <Title order={2} size="h3" id={titleId} className={classes.title}>
          {title}
        </Title>
        {allTo ? (
          <Link to={allTo} className={classes.all}>
            Все<VisuallyHidden component="span">: {title.toLowerCase()}</VisuallyHidden>
            <IconChevronRight size={18} aria-hidden="true" />
          </Link>
        ) : null}
      </div>
      {toolbar}
      <div className={classes.body}>
        {loading ? (
          <Stack gap="xs" aria-busy="true">
            <VisuallyHidden>Загрузка…</VisuallyHidden>
            <Skeleton height={16} radius="sm" />
            <Skeleton height={16} width="80%" radius="sm" />
            <Skeleton height={16} width="60%" radius="sm" />
          </Stack>
        ) : isEmpty && emptyState ? (
          <EmptyState {...emptyState} compact titleOrder={3} />
        ) : (
          children
        )}
      </div>
    </section>
  );
}
