import type { ReactNode } from 'react';
import { formatDateTime, type DateInput, type StatusDomain, type StatusDomains } from '@kabinet/shared';
import { StatusBadge } from './StatusBadge';
import classes from './Timeline.module.css';

export interface TimelineEvent<D extends StatusDomain = StatusDomain> {
  id: string;
  time: DateInput;
  /** What happened («Заявление отправлено в ведомство»). */
  title: string;
  /** Who did it («Вы», «МВД России», «Оператор МФЦ Петрова А. В.»). */
  author?: string;
  /** Status reached at this step, shown as a badge. */
  status?: { domain: D; value: StatusDomains[D] };
  comment?: ReactNode;
}

export interface TimelineProps {
  /** Oldest first or newest first, as given; the first item is marked current when `newestFirst`. */
  events: TimelineEvent[];
  newestFirst?: boolean;
  timeZone?: string;
  /** Accessible name of the list («История заявления»). */
  label: string;
}

/** The history of an application, a payment or a ticket: time, author, status, comment. */
export function Timeline({ events, newestFirst = true, timeZone, label }: TimelineProps) {
  const currentIndex = newestFirst ? 0 : events.length - 1;
  return (
    <ol className={classes.list} aria-label={label}>
      {events.map((e, i) => {
        const iso = new Date(e.time);
        return (
          <li key={e.id} className={classes.item} data-current={i === currentIndex || undefined}>
            <span className={classes.dot} aria-hidden="true" />
            <div>
              <div className={classes.meta}>
                <time dateTime={Number.isNaN(iso.getTime()) ? undefined : iso.toISOString()}>
                  {formatDateTime(e.time, timeZone)}
                </time>
                {e.author ? (
                  <>
                    <span aria-hidden="true">·</span>
                    <span>{e.author}</span>
                  </>
                ) : null}
              </div>
              <p className={classes.title}>{e.title}</p>
              {e.status ? (
                <div className={classes.status}>
                  <StatusBadge domain={e.status.domain} status={e.status.value} srPrefix="Статус:" />
                </div>
              ) : null}
              {e.comment ? <div className={classes.comment}>{e.comment}</div> : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
