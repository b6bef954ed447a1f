import type { ReactNode } from 'react';
import { EmptyState, type EmptyStateProps } from '../components/EmptyState';
import { PageHeader, type Crumb } from '../components/PageHeader';
import { RequireLogin } from '../components/RequireLogin';

export interface SectionPageProps {
  title: string;
  description?: ReactNode;
  breadcrumbs?: Crumb[];
  /** For personal sections: what a guest will see after signing in. */
  requireLogin?: string;
  /** The honest empty state until the module behind the section exists. */
  empty: EmptyStateProps;
}

/** A section of the account whose module is not built yet: its title and what will appear there. */
export function SectionPage({ title, description, breadcrumbs, requireLogin, empty }: SectionPageProps) {
  const body = <EmptyState {...empty} />;
  return (
    <>
      <PageHeader title={title} description={description} breadcrumbs={breadcrumbs ?? [{ label: title }]} />
      {requireLogin ? <RequireLogin what={requireLogin}>{() => body}</RequireLogin> : body}
    </>
  );
}
