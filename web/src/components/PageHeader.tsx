import type { ReactNode } from 'react';
import { Group, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useDocumentTitle } from '../lib/title';
import classes from './PageHeader.module.css';

export interface Crumb {
  label: string;
  /** Route of the crumb; the last crumb (the current page) has none. */
  to?: string;
}

export interface PageHeaderProps {
  /** The page's one h1: what the citizen does or sees here («Оплата штрафа»). */
  title: string;
  /** A sentence under the title. */
  description?: ReactNode;
  /** From the home page to the current page; «Главная» is added in front. */
  breadcrumbs?: Crumb[];
  /** Buttons on the right of the title (wrap under it on phones). */
  actions?: ReactNode;
  /** Shown next to the title, e.g. a StatusBadge. */
  badge?: ReactNode;
  /** Browser tab title when it differs from `title`. */
  documentTitle?: string;
}

/** The h1 of a page with optional breadcrumbs, description and actions; also sets the tab title. */
export function PageHeader({
  title,
  description,
  breadcrumbs,
  actions,
  badge,
  documentTitle,
}: PageHeaderProps) {
  useDocumentTitle(documentTitle ?? title);
  const crumbs = breadcrumbs ? [{ label: 'Главная', to: '/' }, ...breadcrumbs] : null;
  return (
    <div className={classes.root}>
      {crumbs ? (
        <nav aria-label="Навигационная цепочка" className={classes.crumbs}>
          <ol>
            {crumbs.map((c, i) => (
              <li key={`${c.label}-${i}`}>
                {c.to && i < crumbs.length - 1 ? (
                  <Link to={c.to}>{c.label}</Link>
                ) : (
                  <span aria-current={i === crumbs.length - 1 ? 'page' : undefined}>{c.label}</span>
                )}
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      <div className={classes.titleRow}>
        <Group gap="sm" wrap="wrap">
          <Title order={1} className={classes.title} tabIndex={-1}>
            {title}
          </Title>
          {badge}
        </Group>
        {actions ? <Group gap="xs">{actions}</Group> : null}
      </div>
      {description ? <p className={classes.description}>{description}</p> : null}
    </div>
  );
}
