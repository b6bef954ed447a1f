import { Button, Title } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatMoney, STATUS_META, type AccountLevel } from '@kabinet/shared';
import classes from './ServiceCard.module.css';

export interface ServiceCardProps {
  /** Service name as the citizen knows it («Замена паспорта РФ в 20 и 45 лет»). */
  title: string;
  /** Route of the service page. */
  to: string;
  /** Agency that provides it («МВД России»). */
  agency: string;
  /** State duty or fee in kopecks; 0 or null — «Бесплатно». */
  cost?: number | null;
  /** Term of the service as text («до 10 рабочих дней»). */
  deadline?: string;
  /** Minimum account level the service needs. */
  level?: AccountLevel;
  /** Short description under the agency. */
  description?: string;
  /** Heading level of the title (3 in a list under an h2). */
  headingOrder?: 2 | 3 | 4;
  actionLabel?: string;
}

const LEVEL_HINT: Record<AccountLevel, string> = {
  simplified: 'Достаточно упрощённой учётной записи',
  standard: 'Нужна стандартная учётная запись',
  confirmed: 'Нужна подтверждённая учётная запись',
};

/** A service in the catalogue, search results and «Популярные услуги»: what, who, how much, how long. */
export function ServiceCard({
  title,
  to,
  agency,
  cost,
  deadline,
  level,
  description,
  headingOrder = 3,
  actionLabel = 'Получить услугу',
}: ServiceCardProps) {
  return (
    <article className={classes.root}>
      <div>
        <Title order={headingOrder} size="h4" className={classes.title}>
          <Link to={to}>{title}</Link>
        </Title>
        <p className={classes.agency}>{agency}</p>
      </div>
      {description ? <p style={{ margin: 0 }}>{description}</p> : null}
      <dl className={classes.facts}>
        <div>
          <dt>Стоимость</dt>
          <dd>{cost ? formatMoney(cost) : 'Бесплатно'}</dd>
        </div>
        {deadline ? (
          <div>
            <dt>Срок оказания</dt>
            <dd>{deadline}</dd>
          </div>
        ) : null}
      </dl>
      <div className={classes.footer}>
        {level ? (
          <span
            className={classes.level}
            title={`Уровень учётной записи: ${STATUS_META.accountLevel[level].label}`}
          >
            <IconShieldCheck size={16} aria-hidden="true" />
            {LEVEL_HINT[level]}
          </span>
        ) : (
          <span />
        )}
        <Button component={Link} to={to} aria-label={`${actionLabel}: ${title}`}>
          {actionLabel}
        </Button>
      </div>
    </article>
  );
}
