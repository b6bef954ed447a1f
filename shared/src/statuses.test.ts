import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ApplicationStatus, StatusDomain, StatusMeta } from './statuses';
import {
  ACCOUNT_LEVELS,
  APPLICATION_STATUSES,
  APPOINTMENT_STATUSES,
  CHARGE_STATUSES,
  DOCUMENT_STATUSES,
  ORG_VERIFICATION_STATUSES,
  RECOVERY_REQUEST_STATUSES,
  STATUS_META,
  TICKET_STATUSES,
  applicationStatusSchema,
  chargeStatusSchema,
  statusMeta,
} from './statuses';

const LABELS: Record<StatusDomain, Record<string, string>> = {
  application: {
    draft: 'Черновик',
    sent: 'Отправлено',
    accepted: 'Принято ведомством',
    in_progress: 'В работе',
    clarification: 'Ожидает уточнения',
    done: 'Услуга оказана',
    approved: 'Одобрено',
    refused: 'Отказано',
    withdrawn: 'Отозвано',
  },
  charge: {
    unpaid: 'К оплате',
    partially_paid: 'Оплачено частично',
    paid: 'Оплачено',
    overdue: 'Просрочено',
    refunded: 'Возвращено',
  },
  document: {
    uploaded: 'Загружено',
    accepted: 'Принят',
    rejected: 'Отклонён',
    signed: 'Подписан',
    archived: 'В архиве',
  },
  appointment: {
    booked: 'Записан',
    rescheduled: 'Перенесено',
    cancelled: 'Отменено',
    attended: 'Состоялся',
    missed: 'Неявка',
  },
  ticket: {
    new: 'Новое',
    in_progress: 'В работе',
    waiting: 'Ожидает ответа',
    resolved: 'Решено',
    closed: 'Закрыто',
  },
  orgVerification: { review: 'На проверке', confirmed: 'Подтверждено', rejected: 'Отклонено' },
  accountLevel: { simplified: 'Упрощённая', standard: 'Стандартная', confirmed: 'Подтверждённая' },
  recoveryRequest: {
    opened: 'Ждёт подтверждения личности',
    completed: 'Выполнен',
    cancelled: 'Отменён',
    expired: 'Срок истёк',
  },
};

const KEYS: Record<StatusDomain, readonly string[]> = {
  application: APPLICATION_STATUSES,
  charge: CHARGE_STATUSES,
  document: DOCUMENT_STATUSES,
  appointment: APPOINTMENT_STATUSES,
  ticket: TICKET_STATUSES,
  orgVerification: ORG_VERIFICATION_STATUSES,
  accountLevel: ACCOUNT_LEVELS,
  recoveryRequest: RECOVERY_REQUEST_STATUSES,
};

const allEntries = (): [StatusDomain, string, StatusMeta][] =>
  (Object.keys(STATUS_META) as StatusDomain[]).flatMap((domain) =>
    Object.entries(STATUS_META[domain] as Record<string, StatusMeta>).map(
      ([status, meta]) => [domain, status, meta] as [StatusDomain, string, StatusMeta],
    ),
  );

describe('STATUS_META', () => {
  it('has exactly the agreed labels for every domain', () => {
    const labels = Object.fromEntries(
      (Object.keys(STATUS_META) as StatusDomain[]).map((domain) => [
        domain,
        Object.fromEntries(
          Object.entries(STATUS_META[domain] as Record<string, StatusMeta>).map(([k, m]) => [k, m.label]),
        ),
      ]),
    );
    expect(labels).toEqual(LABELS);
  });

  it('has the same keys, in the same order, as the exported key tuples', () => {
    for (const domain of Object.keys(KEYS) as StatusDomain[]) {
      expect(Object.keys(STATUS_META[domain])).toEqual([...KEYS[domain]]);
    }
  });

  it('uses only known tones and kebab-case icon names', () => {
    for (const [, , meta] of allEntries()) {
      expect(['success', 'warning', 'danger', 'info', 'neutral']).toContain(meta.tone);
      expect(meta.icon).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('uses sensible tones for the obvious cases', () => {
    expect(STATUS_META.application.refused.tone).toBe('danger');
    expect(STATUS_META.application.done.tone).toBe('success');
    expect(STATUS_META.charge.overdue.tone).toBe('danger');
    expect(STATUS_META.charge.paid.tone).toBe('success');
    expect(STATUS_META.application.clarification.tone).toBe('warning');
  });

  // The web app renders these with @tabler/icons-react; check the names against the installed icon set.
  const tablerIcons = new URL('../../node_modules/@tabler/icons/icons.json', import.meta.url);
  it.skipIf(!existsSync(tablerIcons))('names only icons that exist in Tabler', () => {
    const icons = JSON.parse(readFileSync(tablerIcons, 'utf8')) as Record<string, unknown>;
    const missing = allEntries()
      .map(([, , meta]) => meta.icon)
      .filter((icon) => !(icon in icons));
    expect(missing).toEqual([]);
    expect('help-circle' in icons).toBe(true); // the fallback icon of statusMeta
  });
});

describe('statusMeta', () => {
  it('returns the entry of a domain', () => {
    expect(statusMeta('application', 'clarification')).toEqual({
      label: 'Ожидает уточнения',
      tone: 'warning',
      icon: 'alert-triangle',
    });
    expect(statusMeta('ticket', 'in_progress').label).toBe('В работе');
    expect(statusMeta('accountLevel', 'confirmed').label).toBe('Подтверждённая');
  });

  it('is typed per domain', () => {
    expectTypeOf(statusMeta<'charge'>)
      .parameter(1)
      .toEqualTypeOf<'unpaid' | 'partially_paid' | 'paid' | 'overdue' | 'refunded'>();
    expectTypeOf<ApplicationStatus>().toEqualTypeOf<(typeof APPLICATION_STATUSES)[number]>();
  });

  it('falls back to a neutral badge for a status unknown to this build', () => {
    const fromNewerApi = 'escalated' as ApplicationStatus;
    expect(statusMeta('application', fromNewerApi)).toEqual({
      label: 'escalated',
      tone: 'neutral',
      icon: 'help-circle',
    });
    expect(statusMeta('application', 'toString' as ApplicationStatus).tone).toBe('neutral');
  });
});

describe('status schemas', () => {
  it('accept the keys and nothing else', () => {
    expect(applicationStatusSchema.parse('withdrawn')).toBe('withdrawn');
    expect(applicationStatusSchema.safeParse('paid').success).toBe(false);
    expect(chargeStatusSchema.options).toEqual([...CHARGE_STATUSES]);
  });
});
