import type { ReactNode } from 'react';
import { Button, Group, Modal, Text } from '@mantine/core';

export interface ConfirmDialogProps {
  opened: boolean;
  onClose: () => void;
  onConfirm: () => void;
  /** A question with the verb («Отозвать заявление?»). */
  title: string;
  /** What will happen, in one sentence («Ведомство прекратит его рассмотрение, вернуть его будет нельзя.»). */
  children: ReactNode;
  /** The verb of the action («Отозвать»), never «ОК». */
  confirmLabel: string;
  cancelLabel?: string;
  /** Red confirm button for destructive actions. */
  danger?: boolean;
  /** While the action runs: the confirm button spins and the dialog cannot be closed. */
  loading?: boolean;
}

/**
 * Confirms an action that cannot be undone. Focus starts on «Отмена» so that Enter never destroys
 * anything by accident; Escape and the overlay close it unless the action is running.
 */
export function ConfirmDialog({
  opened,
  onClose,
  onConfirm,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Отмена',
  danger,
  loading,
}: ConfirmDialogProps) {
  return (
    <Modal
      opened={opened}
      onClose={loading ? () => undefined : onClose}
      title={title}
      closeOnEscape={!loading}
      closeOnClickOutside={!loading}
      withCloseButton={!loading}
      closeButtonProps={{ 'aria-label': 'Закрыть' }}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-h3-font-size)' } }}
    >
      <Text>{children}</Text>
      <Group justify="flex-end" gap="xs" mt="md">
        <Button variant="default" onClick={onClose} disabled={loading} data-autofocus>
          {cancelLabel}
        </Button>
        <Button color={danger ? 'red' : undefined} onClick={onConfirm} loading={loading}>
          {confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}
