/**
 * Unread notifications for the bell and the tab bar. The notifications module (in-app centre, live
 * over SSE) replaces this with its query; until it exists there is nothing unread.
 */
export function useUnreadCount(): number {
  return 0;
}
