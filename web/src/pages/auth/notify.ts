import { notifications } from '@mantine/notifications';

/** A toast (DESIGN.md: toasts for success) whose close button says what it does. */
export function notify(color: 'green' | 'red' | 'blue', title: string, message: string) {
  notifications.show({ color, title, message, closeButtonProps: { 'aria-label': 'Закрыть уведомление' } });
}
