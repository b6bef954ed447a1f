import type { ReactNode } from 'react';
import { Button, type ButtonProps } from '@mantine/core';
import { Link } from 'react-router';

/** An action of a page or component: an in-app route (`to`), an external/special link (`href`) or a callback. */
export interface Action {
  label: string;
  to?: string;
  href?: string;
  onClick?: () => void;
  icon?: ReactNode;
}

/** Renders an Action as a Mantine Button: a router Link, a plain link or a button. */
export function ActionButton({ action, ...props }: { action: Action } & ButtonProps) {
  const left = action.icon;
  if (action.to) {
    return (
      <Button component={Link} to={action.to} leftSection={left} {...props}>
        {action.label}
      </Button>
    );
  }
  if (action.href) {
    return (
      <Button component="a" href={action.href} leftSection={left} {...props}>
        {action.label}
      </Button>
    );
  }
  return (
    <Button type="button" onClick={action.onClick} leftSection={left} {...props}>
      {action.label}
    </Button>
  );
}
