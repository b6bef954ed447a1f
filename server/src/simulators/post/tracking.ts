// How a letter moves, computed from the moment it was accepted and the simulated day length fixed
// then (stepMs): no background job has to push it, and every app instance answers alike.
import type { SimPostAddress } from './schema';

export const trackingStatuses = ['accepted', 'in_transit', 'arrived', 'delivered', 'returned'] as const;
export type TrackingStatus = (typeof trackingStatuses)[number];

/** Simulated days from acceptance: sorting the next day, at the recipient's office on the third. */
export const IN_TRANSIT_AFTER_DAYS = 1;
export const ARRIVED_AFTER_DAYS = 3;
/** A registered letter waits at the office 30 days, then goes back to the sender. */
export const STORAGE_DAYS = 30;

export interface TrackingEvent {
  status: TrackingStatus;
  at: string;
  /** «101000 Москва» — where it happened. */
  place: string;
}

export interface LetterClock {
  acceptedAt: Date;
  stepMs: number;
  collectedAt: Date | null;
  senderIndex: string;
  recipientAddress: SimPostAddress;
}

export const arrivedAt = (l: LetterClock) => new Date(l.acceptedAt.getTime() + ARRIVED_AFTER_DAYS * l.stepMs);
export const returnAt = (l: LetterClock) => new Date(arrivedAt(l).getTime() + STORAGE_DAYS * l.stepMs);

/** Every event that has happened by `now`, oldest first. */
export function trackingEvents(l: LetterClock, now: Date): TrackingEvent[] {
  const t = now.getTime();
  const events: TrackingEvent[] = [
    { status: 'accepted', at: l.acceptedAt.toISOString(), place: `${l.senderIndex}, место приёма` },
  ];
  const transit = new Date(l.acceptedAt.getTime() + IN_TRANSIT_AFTER_DAYS * l.stepMs);
  if (transit.getTime() <= t)
    events.push({
      status: 'in_transit',
      at: transit.toISOString(),
      place: `Сортировочный центр ${l.recipientAddress.index.slice(0, 3)}960`,
    });
  const arrived = arrivedAt(l);
  const office = `${l.recipientAddress.index}, ${l.recipientAddress.city}`;
  if (arrived.getTime() <= t) events.push({ status: 'arrived', at: arrived.toISOString(), place: office });
  const back = returnAt(l);
  if (l.collectedAt && l.collectedAt.getTime() <= t && l.collectedAt < back)
    events.push({ status: 'delivered', at: l.collectedAt.toISOString(), place: office });
  else if (back.getTime() <= t) events.push({ status: 'returned', at: back.toISOString(), place: office });
  return events;
}

/** Whether the recipient can collect it now: at the office and not yet sent back. */
export function collectable(l: LetterClock, now: Date) {
  return !l.collectedAt && arrivedAt(l) <= now && now < returnAt(l);
}
