import type { AppContext } from '../../platform/context';
import { appendAudit } from '../../platform/audit';
import { sendEmail, sendSms } from '../../platform/messaging';
import type { IdentityEffects } from './effects';

const codeTexts: Record<string, (code: string) => { sms: string; subject: string }> = {
  login: (c) => ({
    sms: `Код для входа в Кабинет: ${c}. Никому его не сообщайте. Действует 5 минут.`,
    subject: 'Код для входа в Кабинет',
  }),
  register: (c) => ({
    sms: `Код подтверждения регистрации в Кабинете: ${c}. Действует 5 минут.`,
    subject: 'Подтверждение регистрации в Кабинете',
  }),
  recovery: (c) => ({
    sms: `Код для восстановления доступа к Кабинету: ${c}. Если вы не восстанавливаете доступ — никому его не сообщайте.`,
    subject: 'Восстановление доступа к Кабинету',
  }),
  step_up: (c) => ({
    sms: `Код подтверждения действия в Кабинете: ${c}. Если вы ничего не подтверждаете — никому его не сообщайте.`,
    subject: 'Подтверждение действия в Кабинете',
  }),
  contact: (c) => ({
    sms: `Код подтверждения контакта в Кабинете: ${c}. Действует 5 минут.`,
    subject: 'Подтверждение контакта в Кабинете',
  }),
};

/**
 * Identity's effects through the platform's channels and audit log. Every message is queued in
 * the caller's transaction, so a rolled-back login sends nothing.
 */
export function identityEffects(ctx: AppContext): IdentityEffects {
  return {
    async deliverCode(tx, input) {
      const texts = (codeTexts[input.purpose] ?? codeTexts.login!)(input.code);
      if (input.channel === 'sms') {
        await sendSms(ctx, { to: input.to, text: texts.sms, purpose: `code.${input.purpose}` }, tx);
      } else {
        await sendEmail(
          ctx,
          {
            to: input.to,
            subject: texts.subject,
            text: `${texts.sms}\n\nЕсли вы не запрашивали код, просто удалите это письмо.\n\nКабинет`,
            purpose: `code.${input.purpose}`,
          },
          tx,
        );
      }
    },
    async notifyOwner(tx, contacts, notice) {
      // Security notices go to every contact the owner has — a stolen phone must not hide them.
      if (contacts.phone)
        await sendSms(
          ctx,
          {
            to: contacts.phone,
            text: `${notice.subject}. ${notice.text}`.slice(0, 1000),
            purpose: notice.kind,
          },
          tx,
        );
      if (contacts.email)
        await sendEmail(
          ctx,
          {
            to: contacts.email,
            subject: notice.subject,
            text: `${notice.text}\n\nКабинет`,
            purpose: notice.kind,
          },
          tx,
        );
    },
    async audit(tx, entry) {
      await appendAudit(tx, entry);
    },
  };
}
