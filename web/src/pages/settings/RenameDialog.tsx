import { useEffect, useState } from 'react';
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { formErrors, problemOf } from '../../api/problem';

/** Renames a passkey or a registered browser: one field, its error inline. */
export function RenameDialog({
  item,
  title,
  description,
  onClose,
  onSave,
  saving,
  error,
}: {
  /** What is renamed; the dialog is open while it is set. */
  item: { label: string } | null;
  title: string;
  /** An example of a good name. */
  description: string;
  onClose: () => void;
  onSave: (label: string) => void;
  saving: boolean;
  error: unknown;
}) {
  const [label, setLabel] = useState('');
  useEffect(() => setLabel(item?.label ?? ''), [item]);
  const fieldError = error ? (formErrors(error, ['label']).fields.label ?? problemOf(error).detail) : null;
  return (
    <Modal
      opened={!!item}
      onClose={onClose}
      title={title}
      centered
      closeButtonProps={{ 'aria-label': 'Закрыть' }}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSave(label.trim());
        }}
      >
        <Stack gap="md">
          <TextInput
            label="Название"
            description={description}
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
            maxLength={60}
            error={fieldError}
            data-autofocus
          />
          <Group gap="sm">
            <Button type="submit" loading={saving}>
              Сохранить
            </Button>
            <Button variant="default" onClick={onClose} disabled={saving}>
              Отмена
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
