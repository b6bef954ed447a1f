import type { ReactNode } from 'react';
import { Title } from '@mantine/core';
import { IconInbox, type Icon } from '@tabler/icons-react';
import { ActionButton, type Action } from './ActionButton';
import classes from './EmptyState.module.css';

export interface EmptyStateProps {
  /** What this place will hold, in one short sentence («Здесь будут ваши заявления и платежи»). */
  children: ReactNode;
  /** Optional heading above the sentence. */
  title?: string;
  /** Heading level of the title; 2 on a page, 3 inside a widget. */
  titleOrder?: 2 | 3 | 4;
  icon?: Icon;
  /** The action that fills the place («Найти услугу»). */
  action?: Action;
  secondaryAction?: Action;
  /** Small variant without its own card, for widgets and table bodies. */
  compact?: boolean;
}

/** A short sentence and the action that fills an empty page, list or widget. */
export function EmptyState({
  children,
  title,
  titleOrder = 2,
  icon: Icon = IconInbox,
  action,
  secondaryAction,
  compact,
}: EmptyStateProps) {
  return (
    <div className={classes.root} data-compact={compact || undefined}>
      <div className={classes.icon} aria-hidden="true">
        <Icon size={compact ? 24 : 36} stroke={1.6} />
      </div>
      {title ? (
        <Title order={titleOrder} size={compact ? 'h4' : 'h3'}>
          {title}
        </Title>
      ) : null}
      <p className={classes.text}>{children}</p>
      {action || secondaryAction ? (
        <div className={classes.actions}>
          {action ? <ActionButton action={action} variant={compact ? 'light' : 'filled'} /> : null}
          {secondaryAction ? <ActionButton action={secondaryAction} variant="default" /> : null}
        </div>
      ) : null}
    </div>
  );
}
