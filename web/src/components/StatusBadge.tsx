import { VisuallyHidden } from '@mantine/core';
import { statusMeta, type StatusDomain, type StatusDomains } from '@kabinet/shared';
import { statusIcon } from './statusIcons';
import classes from './StatusBadge.module.css';

export interface StatusBadgeProps<D extends StatusDomain> {
  /** Which status map: application, charge, document, appointment, ticket, orgVerification, accountLevel. */
  domain: D;
  status: StatusDomains[D];
  size?: 'md' | 'lg';
  /** Text read before the label by screen readers, e.g. «Статус заявления:». */
  srPrefix?: string;
  className?: string;
}

/**
 * A status as word + icon + colour (never colour alone), from STATUS_META in @kabinet/shared.
 * An unknown status (newer server) renders neutral with its raw key instead of failing.
 */
export function StatusBadge<D extends StatusDomain>({
  domain,
  status,
  size = 'md',
  srPrefix,
  className,
}: StatusBadgeProps<D>) {
  const meta = statusMeta(domain, status);
  const Icon = statusIcon(meta.icon);
  return (
    <span
      className={className ? `${classes.badge} ${className}` : classes.badge}
      data-tone={meta.tone}
      data-size={size}
      data-status={String(status)}
    >
      <Icon className={classes.icon} size={size === 'lg' ? 18 : 16} stroke={2} aria-hidden="true" />
      <span className={classes.label}>
        {srPrefix ? <VisuallyHidden component="span">{srPrefix} </VisuallyHidden> : null}
        {meta.label}
      </span>
    </span>
  );
}
