import { useSyncExternalStore } from 'react';

// The number a PushFactor in this tab is waiting to be picked. When this very browser is the
// registered device (a step-up, or signing in on the device itself), its request dialog opens over
// the page that shows the number: the dialog repeats it, so nobody has to close one to read the other.

let waiting: number | null = null;
const listeners = new Set<() => void>();

export function setWaitingNumber(number: number | null) {
  waiting = number;
  for (const l of listeners) l();
}

export function useWaitingNumber(): number | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => waiting,
    () => null,
  );
}
