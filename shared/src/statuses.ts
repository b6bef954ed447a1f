import { z } from 'zod';

// The single source of truth for every status the portal shows as a badge: its Russian label, the
// badge tone and a Tabler icon (kebab-case name, e.g. 'circle-check' → IconCircleCheck).
// Key tuples are exported too, so the server can build zod enums / DB checks from the same lists.

export type StatusTone = 'success' | 'warning' | 'danger' | 'info' | 'neutral';

export interface StatusMeta {
  label: string;
  tone: StatusTone;
  icon: string;
}

export const APPLICATION_STATUSES = [
  'draft',
  'sent',
  'accepted',
  'in_progress',
  'clarification',
  'done',
  'approved',
  'refused',
  'withdrawn',
] as const;
export const CHARGE_STATUSES = ['unpaid', 'partially_paid', 'paid', 'overdue', 'refunded'] as const;
export const DOCUMENT_STATUSES = ['uploaded', 'accepted', 'rejected', 'signed', 'archived'] as const;
export const APPOINTMENT_STATUSES = ['booked', 'rescheduled', 'cancelled', 'attended', 'missed'] as const;
export const TICKET_STATUSES = ['new', 'in_progress', 'waiting', 'resolved', 'closed'] as const;
export const ORG_VERIFICATION_STATUSES = ['review', 'confirmed', 'rejected'] as const;
export const ACCOUNT_LEVELS = ['simplified', 'standard', 'confirmed'] as const;
/** A contacts-lost recovery request (identity): opened → completed | cancelled | expired. */
export const RECOVERY_REQUEST_STATUSES = ['opened', 'completed', 'cancelled', 'expired'] as const;

export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export type ChargeStatus = (typeof CHARGE_STATUSES)[number];
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type OrgVerificationStatus = (typeof ORG_VERIFICATION_STATUSES)[number];
export type AccountLevel = (typeof ACCOUNT_LEVELS)[number];
export type RecoveryRequestStatus = (typeof RECOVERY_REQUEST_STATUSES)[number];

export const applicationStatusSchema = z.enum(APPLICATION_STATUSES);
export const chargeStatusSchema = z.enum(CHARGE_STATUSES);
export const documentStatusSchema = z.enum(DOCUMENT_STATUSES);
export const appointmentStatusSchema = z.enum(APPOINTMENT_STATUSES);
export const ticketStatusSchema = z.enum(TICKET_STATUSES);
export const orgVerificationStatusSchema = z.enum(ORG_VERIFICATION_STATUSES);
export const accountLevelSchema = z.enum(ACCOUNT_LEVELS);
export const recoveryRequestStatusSchema = z.enum(RECOVERY_REQUEST_STATUSES);

/** Status keys of each domain. */
export interface StatusDomains {
  application: ApplicationStatus;
  charge: ChargeStatus;
  document: DocumentStatus;
  appointment: AppointmentStatus;
  ticket: TicketStatus;
  orgVerification: OrgVerificationStatus;
  accountLevel: AccountLevel;
  recoveryRequest: RecoveryRequestStatus;
}

export type StatusDomain = keyof StatusDomains;

export const STATUS_META: { readonly [D in StatusDomain]: Readonly<Record<StatusDomains[D], StatusMeta>> } = {
  application: {
    draft: { label: 'Черновик', tone: 'neutral', icon: 'pencil' },
    sent: { label: 'Отправлено', tone: 'info', icon: 'send' },
    accepted: { label: 'Принято ведомством', tone: 'info', icon: 'inbox' },
    in_progress: { label: 'В работе', tone: 'info', icon: 'clock' },
    clarification: { label: 'Ожидает уточнения', tone: 'warning', icon: 'alert-triangle' },
    done: { label: 'Услуга оказана', tone: 'success', icon: 'circle-check' },
    approved: { label: 'Одобрено', tone: 'success', icon: 'thumb-up' },
    refused: { label: 'Отказано', tone: 'danger', icon: 'circle-x' },
    withdrawn: { label: 'Отозвано', tone: 'neutral', icon: 'arrow-back-up' },
  },
  charge: {
    unpaid: { label: 'К оплате', tone: 'warning', icon: 'receipt' },
    partially_paid: { label: 'Оплачено частично', tone: 'warning', icon: 'coins' },
    paid: { label: 'Оплачено', tone: 'success', icon: 'circle-check' },
    overdue: { label: 'Просрочено', tone: 'danger', icon: 'alert-triangle' },
    refunded: { label: 'Возвращено', tone: 'neutral', icon: 'receipt-refund' },
  },
  document: {
    uploaded: { label: 'Загружено', tone: 'info', icon: 'upload' },
    accepted: { label: 'Принят', tone: 'success', icon: 'file-check' },
    rejected: { label: 'Отклонён', tone: 'danger', icon: 'file-x' },
    signed: { label: 'Подписан', tone: 'success', icon: 'signature' },
    archived: { label: 'В архиве', tone: 'neutral', icon: 'archive' },
  },
  appointment: {
    booked: { label: 'Записан', tone: 'info', icon: 'calendar-event' },
    rescheduled: { label: 'Перенесено', tone: 'warning', icon: 'calendar-time' },
    cancelled: { label: 'Отменено', tone: 'neutral', icon: 'calendar-x' },
    attended: { label: 'Состоялся', tone: 'success', icon: 'calendar-check' },
    missed: { label: 'Неявка', tone: 'danger', icon: 'user-x' },
  },
  ticket: {
    new: { label: 'Новое', tone: 'info', icon: 'mail' },
    in_progress: { label: 'В работе', tone: 'info', icon: 'clock' },
    waiting: { label: 'Ожидает ответа', tone: 'warning', icon: 'message-question' },
    resolved: { label: 'Решено', tone: 'success', icon: 'circle-check' },
    closed: { label: 'Закрыто', tone: 'neutral', icon: 'lock' },
  },
  orgVerification: {
    review: { label: 'На проверке', tone: 'info', icon: 'hourglass' },
    confirmed: { label: 'Подтверждено', tone: 'success', icon: 'shield-check' },
    rejected: { label: 'Отклонено', tone: 'danger', icon: 'shield-x' },
  },
  accountLevel: {
    simplified: { label: 'Упрощённая', tone: 'neutral', icon: 'user' },
    standard: { label: 'Стандартная', tone: 'info', icon: 'user-check' },
    confirmed: { label: 'Подтверждённая', tone: 'success', icon: 'shield-check' },
  },
  recoveryRequest: {
    opened: { label: 'Ждёт подтверждения личности', tone: 'info', icon: 'hourglass' },
    completed: { label: 'Выполнен', tone: 'success', icon: 'circle-check' },
    cancelled: { label: 'Отменён', tone: 'neutral', icon: 'circle-x' },
    expired: { label: 'Срок истёк', tone: 'neutral', icon: 'clock-x' },
  },
};

/** Shown for a status this build does not know yet (e.g. a newer server): its raw key, neutral. */
const UNKNOWN_ICON = 'help-circle';

/**
 * Badge meta of a status. Typed callers can only pass known keys; at run time an unknown key (data
 * from a newer API version) yields a neutral badge with the raw key rather than a crash.
 */
export function statusMeta<D extends StatusDomain>(domain: D, status: StatusDomains[D]): StatusMeta {
  const table = STATUS_META[domain] as Readonly<Record<string, StatusMeta>> | undefined;
  const meta = table && Object.hasOwn(table, status) ? table[status] : undefined;
  return meta ?? { label: String(status), tone: 'neutral', icon: UNKNOWN_ICON };
}
