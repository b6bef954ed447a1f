import { useEffect, useRef } from 'react';
import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { problemOf } from '../../api/problem';
import { isStepUpCancelled } from '../../components/StepUpDialog';

/**
 * An error of an action, in words, next to the thing it is about; it takes the focus so that it is
 * read at once. Nothing when there is none or the person closed the step-up dialog.
 */
export function ActionError({
  error,
  describe = (e) => problemOf(e).detail,
}: {
  error: unknown;
  /** The sentence for an error that is not an API problem (a browser's prompt, WebCrypto…). */
  describe?: (error: unknown) => string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [error]);
  if (!error || isStepUpCancelled(error)) return null;
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      role="alert"
      color="red"
      variant="light"
      icon={<IconAlertTriangle aria-hidden="true" />}
      title="Не получилось"
    >
      {describe(error)}
    </Alert>
  );
}
