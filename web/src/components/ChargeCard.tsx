import { Button, Text, Title } from '@mantine/core';
import { IconDiscount2 } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatDate, formatMoney, formatUin, type ChargeStatus, type DateInput } from '@kabinet/shared';
import { StatusBadge } from './StatusBadge';
import classes from './ChargeCard.module.css';

export interface ChargeDiscount {
  /** Amount to pay while the discount lasts, in kopecks. */
  amount: number;
  /** Last day of the discount. */
  until: DateInput;
  /** «50 %» — shown in the sentence when given. */
  percent?: number;
}

export interface ChargeCardProps {
  /** What the charge is for («Штраф ГИБДД по постановлению № 18810…»). */
  purpose: string;
  /** Who receives the money («УФК по г. Москве (ГУ МВД России по г. Москве)»). */
  payee: string;
  /** 20 or 25 digits; shown in groups of four. */
  uin: string;
  /** Full amount in kopecks. */
  amount: number;
  dueDate?: DateInput | null;
  discount?: ChargeDiscount | null;
  status?: ChargeStatus;
  /** Route of the payment page, or a handler. Without both, no button. */
  payTo?: string;
  onPay?: () => void;
  timeZone?: string;
  headingOrder?: 2 | 3 | 4;
  /** «Сегодня» for the discount and overdue checks (tests). */
  now?: Date;
}

function endOfDay(d: DateInput): number {
  const t = new Date(d);
  return Number.isNaN(t.getTime())
    ? NaN
    : t.getTime() + (typeof d === 'string' && d.length === 10 ? 86_400_000 - 1 : 0);
}

/** A charge to pay: purpose, payee, УИН, amount in ₽, due date, discount with its end date, «Оплатить». */
export function ChargeCard({
  purpose,
  payee,
  uin,
  amount,
  dueDate,
  discount,
  status,
  payTo,
  onPay,
  timeZone,
  headingOrder = 3,
  now = new Date(),
}: ChargeCardProps) {
  const discountActive = discount ? endOfDay(discount.until) >= now.getTime() : false;
  const toPay = discount && discountActive ? discount.amount : amount;
  const payable =
    status === undefined || status === 'unpaid' || status === 'partially_paid' || status === 'overdue';
  const overdue = status === 'overdue' || (payable && dueDate ? endOfDay(dueDate) < now.getTime() : false);
  const buttonLabel = `Оплатить ${formatMoney(toPay)}`;
  return (
    <article className={classes.root}>
      <div className={classes.head}>
        <Title order={headingOrder} size="h4" style={{ flex: '1 1 16rem', minWidth: 0 }}>
          {purpose}
        </Title>
        {status ? <StatusBadge domain="charge" status={status} /> : null}
      </div>
      <dl className={classes.details}>
        <dt>Получатель</dt>
        <dd>{payee}</dd>
        <dt>УИН</dt>
        <dd className={classes.uin}>{formatUin(uin)}</dd>
        {dueDate ? (
          <>
            <dt>Оплатить до</dt>
            <dd className={classes.due} data-overdue={overdue || undefined}>
              {formatDate(dueDate, timeZone)}
              {overdue ? ' — срок прошёл' : ''}
            </dd>
          </>
        ) : null}
      </dl>
      {discount && discountActive ? (
        <div className={classes.discount}>
          <IconDiscount2 size={20} aria-hidden="true" style={{ flex: 'none', marginTop: 2 }} />
          <Text size="sm" c="inherit">
            Скидка{discount.percent ? ` ${discount.percent} %` : ''} при оплате до{' '}
            {formatDate(discount.until, timeZone)}: {formatMoney(discount.amount)} вместо{' '}
            {formatMoney(amount)}
          </Text>
        </div>
      ) : null}
      <div className={classes.pay}>
        <div>
          <Text size="sm" c="dimmed">
            {payable ? 'К оплате' : 'Сумма'}
          </Text>
          <div>
            <span className={classes.amount}>{formatMoney(toPay)}</span>{' '}
            {discount && discountActive ? (
              <span className={classes.old}>
                <span className="kb-visually-hidden">без скидки </span>
                {formatMoney(amount)}
              </span>
            ) : null}
          </div>
        </div>
        {payable && payTo ? (
          <Button component={Link} to={payTo} aria-label={`${buttonLabel}: ${purpose}`}>
            Оплатить
          </Button>
        ) : payable && onPay ? (
          <Button onClick={onPay} aria-label={`${buttonLabel}: ${purpose}`}>
            Оплатить
          </Button>
        ) : null}
      </div>
    </article>
  );
}
