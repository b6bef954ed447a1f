import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { formatDateTime } from '@kabinet/shared';
import { listAuditByActions } from '../../platform/audit';
import type { Api, AppContext } from '../../platform/context';
import { shortName } from './queries';
import { users } from './schema';

const formatNumber = (n: number) => new Intl.NumberFormat('ru-RU').format(n);

/** What the security staff watch (PRODUCT.md §1 «Suspicious logins»), with their Russian titles. */
export const securityEventTitles: Record<string, string> = {
  'identity.login.impossible_travel': 'Невозможное перемещение: вход отклонён, адрес заблокирован',
  'identity.source.blocked': 'Адрес заблокирован: неудачные входы в разные учётные записи',
  'identity.source.unblocked': 'Блокировка адреса снята',
  'identity.account.locked': 'Учётная запись заблокирована после неверных паролей',
};

const EVENT_DAYS = 30;

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);

/** One line a person can read about an event, from its audit details. */
export function describeEvent(action: string, details: Record<string, unknown>): string | null {
  switch (action) {
    case 'identity.login.impossible_travel': {
      const km = num(details.km);
      const hours = num(details.hours);
      const route = `${str(details.from) ?? 'неизвестно'} → ${str(details.to) ?? 'неизвестно'}`;
      if (km === null || hours === null) return route;
      const minutes = Math.max(1, Math.round(hours * 60));
      return `${route}: ${formatNumber(km)} км за ${minutes < 120 ? `${minutes} мин` : `${formatNumber(Math.round(hours))} ч`}`;
    }
    case 'identity.source.blocked': {
      const failures = num(details.failures);
      const until = str(details.until);
      return [
        failures !== null ? `неудачных попыток: ${failures}` : null,
        until ? `до ${formatDateTime(new Date(until))}` : null,
      ]
        .filter(Boolean)
        .join(', ');
    }
    case 'identity.account.locked': {
      const until = str(details.until);
      return until ? `до ${formatDateTime(new Date(until))}` : null;
    }
    case 'identity.source.unblocked':
      return str(details.ip) ? `адрес ${str(details.ip)}` : null;
    default:
      return null;
  }
}

const eventItem = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  ip: z.string().nullable(),
  /** The account concerned, when there is one. */
  account: z.object({ id: z.string(), name: z.string() }).nullable(),
});

/** The security staff's view of suspicious events of the last 30 days, read from the audit log. */
export function securityEventRoutes(app: Api, ctx: AppContext, staff: { roles: readonly string[] }) {
  app.get(
    '/api/security/events',
    {
      config: { access: { roles: [...staff.roles] } },
      schema: {
        tags: ['security'],
        summary: 'Подозрительные события входа за 30 дней (служба безопасности)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(eventItem) }) },
      },
    },
    async (request) => {
      const since = new Date(Date.now() - EVENT_DAYS * 24 * 3600_000);
      const { entries } = await listAuditByActions(ctx.db, Object.keys(securityEventTitles), {
        since,
        limit: request.query.limit,
      });
      const ids = [...new Set(entries.map((e) => e.subjectUserId).filter((id): id is string => !!id))];
      const accounts = ids.length
        ? await ctx.db
            .select({
              id: users.id,
              phone: users.phone,
              email: users.email,
              lastName: users.lastName,
              firstName: users.firstName,
              middleName: users.middleName,
            })
            .from(users)
            .where(inArray(users.id, ids))
        : [];
      const byId = new Map(accounts.map((a) => [a.id, a]));
      return {
        items: entries.map((e) => {
          const account = e.subjectUserId ? byId.get(e.subjectUserId) : undefined;
          return {
            id: e.id,
            at: e.occurredAt.toISOString(),
            action: e.action,
            title: securityEventTitles[e.action] ?? e.action,
            description: describeEvent(e.action, e.details),
            ip: e.ip,
            account: account ? { id: account.id, name: shortName(account) } : null,
          };
        }),
      };
    },
  );
}
