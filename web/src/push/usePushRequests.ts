import { useCallback, useEffect, useRef, useState } from 'react';
import { pushAnswerMessage, pushPollMessage, type PushDecision } from '@kabinet/shared';
import type { PendingRequest } from '../api/auth';
import { api } from '../api/client';
import { ApiError, unwrap } from '../api/problem';
import { DEVICES_CHANGED, forgetLocalDevice, localDevices, signText, type LocalDevice } from './device';

/** How often an open, visible tab of a registered browser asks for requests. */
export const POLL_MS = 4_000;

/** A request to one of this browser's registrations. */
export type DeviceRequest = PendingRequest & { deviceId: string };

const isVisible = () => typeof document === 'undefined' || document.visibilityState === 'visible';

/**
 * The requests waiting for this browser's answer. While `enabled`, this browser holds a registered
 * device key and the tab is visible, every few seconds each registration signs a fresh server nonce
 * and asks for its pending requests — no session needed: the browser may be signed out. A
 * registration the server no longer knows (removed in the settings) is forgotten here too.
 */
export function usePushRequests(enabled = true) {
  const [devices, setDevices] = useState<LocalDevice[] | null>(null);
  const [requests, setRequests] = useState<DeviceRequest[]>([]);
  const [visible, setVisible] = useState(isVisible);
  const nonces = useRef(new Map<string, string>());
  const busy = useRef(false);

  useEffect(() => {
    let alive = true;
    const load = () => void localDevices().then((list) => alive && setDevices(list));
    load();
    const onVisibility = () => setVisible(isVisible());
    window.addEventListener(DEVICES_CHANGED, load);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      alive = false;
      window.removeEventListener(DEVICES_CHANGED, load);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);

  const poll = useCallback(async () => {
    if (!devices?.length || busy.current) return;
    busy.current = true;
    try {
      const found: DeviceRequest[] = [];
      for (const device of devices) {
        try {
          let nonce = nonces.current.get(device.id);
          if (!nonce) nonce = unwrap(await api.POST('/api/auth/push/device/nonce')).nonce;
          const signature = await signText(device.privateKey, pushPollMessage(device.id, nonce));
          const result = unwrap(
            await api.POST('/api/auth/push/device/pending', {
              body: { deviceId: device.id, nonce, signature },
            }),
          );
          nonces.current.set(device.id, result.nonce);
          found.push(...result.items.map((r) => ({ ...r, deviceId: device.id })));
        } catch (error) {
          nonces.current.delete(device.id);
          // Removed on the server, or registered again with another key: this copy is of no use.
          const status = error instanceof ApiError ? error.status : 0;
          if (status === 404 || status === 401) await forgetLocalDevice(device.id);
        }
      }
      setRequests(found);
    } finally {
      busy.current = false;
    }
  }, [devices]);

  const active = enabled && visible && !!devices?.length;
  useEffect(() => {
    if (!active) return;
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    // The service worker tells open tabs when a Web Push message arrives: ask at once.
    const onMessage = (e: MessageEvent) => {
      if ((e.data as { type?: string } | null)?.type === 'kabinet-push') void poll();
    };
    navigator.serviceWorker?.addEventListener('message', onMessage);
    return () => {
      clearInterval(timer);
      navigator.serviceWorker?.removeEventListener('message', onMessage);
    };
  }, [active, poll]);

  /** Answers a request with this browser's key; throws ApiError (wrong number, too late…). */
  const answer = useCallback(
    async (request: DeviceRequest, decision: PushDecision, number: number | null) => {
      const device = devices?.find((d) => d.id === request.deviceId);
      if (!device) throw new Error('Этот браузер больше не зарегистрирован для подтверждения входа.');
      const signature = await signText(
        device.privateKey,
        pushAnswerMessage(device.id, request.id, decision, number),
      );
      const status = unwrap(
        await api.POST('/api/auth/push/device/answer', {
          body: { deviceId: device.id, challengeId: request.id, decision, number, signature },
        }),
      ).status;
      setRequests((list) => list.filter((r) => r.id !== request.id));
      return status;
    },
    [devices],
  );

  return { devices, requests, answer, refresh: poll };
}
