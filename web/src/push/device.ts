// This browser as a device that confirms logins («push to a registered browser», PRODUCT.md §1).
// Its ECDSA P-256 private key is made by WebCrypto as non-extractable and kept in IndexedDB: the
// page can sign with it, but nobody — not even this page — can read it out. The server keeps only
// the public key and, when the browser's push service can be reached, a Web Push subscription.

const DB_NAME = 'kabinet-push';
const STORE = 'devices';
/** Tells the parts of the app that poll for requests that this browser's devices changed. */
export const DEVICES_CHANGED = 'kabinet-push-devices-changed';

/** A registration of this browser for one account. */
export interface LocalDevice {
  /** The id the server gave. */
  id: string;
  userId: string;
  privateKey: CryptoKey;
  createdAt: string;
}

export const deviceKeysSupported = () =>
  typeof window !== 'undefined' && !!window.crypto?.subtle && typeof indexedDB !== 'undefined';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore<T>(
  mode: IDBTransactionMode,
  run: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = run(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** The registrations this browser holds (usually one; one per account that registered it). */
export async function localDevices(): Promise<LocalDevice[]> {
  if (!deviceKeysSupported()) return [];
  try {
    return await withStore('readonly', (s) => s.getAll() as IDBRequest<LocalDevice[]>);
  } catch {
    return [];
  }
}

export async function saveLocalDevice(device: LocalDevice) {
  await withStore('readwrite', (s) => s.put(device));
  window.dispatchEvent(new Event(DEVICES_CHANGED));
}

export async function forgetLocalDevice(id: string) {
  await withStore('readwrite', (s) => s.delete(id)).catch(() => undefined);
  window.dispatchEvent(new Event(DEVICES_CHANGED));
}

/** A new key pair; the private half never leaves WebCrypto (extractable: false). */
export async function newDeviceKey(): Promise<{ privateKey: CryptoKey; publicJwk: JsonWebKey }> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ]);
  const publicJwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { privateKey: pair.privateKey, publicJwk };
}

const base64url = (bytes: ArrayBuffer | Uint8Array) => {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = '';
  for (const b of u8) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const fromBase64url = (text: string) => {
  const s = atob(
    text
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(text.length / 4) * 4, '='),
  );
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
};

/** ECDSA P-256 / SHA-256 over the UTF-8 text: r‖s (IEEE P1363), base64url — what the server verifies. */
export async function signText(key: CryptoKey, text: string): Promise<string> {
  const signature = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    key,
    new TextEncoder().encode(text),
  );
  return base64url(signature);
}

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms)),
  ]);

export interface WebPushSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/**
 * Subscribes this browser to Web Push with the server's VAPID key (userVisibleOnly: every message
 * shows a notification). Null when the browser has no Push API, the person refused notifications or
 * no push service answers (a closed network): the device then gets requests while a tab is open.
 */
export async function subscribeWebPush(vapidPublicKey: string): Promise<WebPushSubscription | null> {
  if (!('serviceWorker' in navigator) || !('PushManager' in window)) return null;
  try {
    const registration = await withTimeout(navigator.serviceWorker.ready, 5_000);
    const subscription = await withTimeout(
      registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: fromBase64url(vapidPublicKey),
      }),
      15_000,
    );
    const json = subscription.toJSON();
    if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) return null;
    return { endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } };
  } catch {
    return null;
  }
}

/** Ends this browser's Web Push subscription (after its last registration is removed). */
export async function unsubscribeWebPush() {
  if (!('serviceWorker' in navigator)) return;
  try {
    const registration = await withTimeout(navigator.serviceWorker.ready, 2_000);
    await (await registration.pushManager.getSubscription())?.unsubscribe();
  } catch {
    // Nothing to end.
  }
}
