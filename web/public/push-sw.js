// Web Push in Kabinet's service worker (imported by the generated sw.js, vite.config.ts → workbox
// importScripts): a request to confirm a login on this registered browser arrives encrypted
// (RFC 8291), the browser decrypts it, and this shows «Подтвердите вход в Кабинет». The message
// carries only the request's id and a short text — never the number, which only the page that asked
// shows. A click opens the approval page /confirm-login, or focuses a Kabinet tab and takes it there.

const CONFIRM_URL = '/confirm-login';

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  const title = typeof data.title === 'string' ? data.title : 'Подтвердите вход в Кабинет';
  const body =
    typeof data.body === 'string'
      ? data.body
      : 'Откройте, чтобы посмотреть, кто входит, и подтвердить или отклонить.';
  event.waitUntil(
    (async () => {
      // Open tabs ask for their requests at once instead of at the next poll.
      const tabs = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      for (const tab of tabs) tab.postMessage({ type: 'kabinet-push', challenge: data.challenge ?? null });
      // userVisibleOnly: every push shows a notification, even when a tab is open.
      await self.registration.showNotification(title, {
        body,
        tag: 'kabinet-confirmation',
        renotify: true,
        requireInteraction: true,
        icon: '/icon-192.png',
        badge: '/icon-192.png',
        lang: 'ru',
        data: { url: CONFIRM_URL },
      });
    })(),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL(CONFIRM_URL, self.location.origin).href;
  event.waitUntil(
    (async () => {
      const tabs = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const tab =
        tabs.find((t) => t.url === target) ??
        tabs.find((t) => new URL(t.url).origin === self.location.origin);
      if (tab) {
        await tab.focus();
        if (tab.url !== target && 'navigate' in tab) await tab.navigate(target);
        return;
      }
      await self.clients.openWindow(target);
    })(),
  );
});
