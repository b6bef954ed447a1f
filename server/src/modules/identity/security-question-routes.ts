import { z } from 'zod';
import type { Api, AppContext } from '../../platform/context';
import type { IdentityEffects } from './effects';
import { authRateLimit, clientOf } from './http';
import { confirmedContacts, loadUser } from './login';
import {
  ANSWER_MAX,
  ANSWER_MIN,
  hashAnswer,
  loadSecurityQuestion,
  normaliseAnswer,
  OWN_QUESTION,
  OWN_QUESTION_MAX,
  OWN_QUESTION_MIN,
  questionKeys,
  questionText,
  saveSecurityQuestion,
  SECURITY_QUESTIONS,
} from './security-questions';
import { requireNotFrozen, requireRecentAuth } from './security-routes';

const viewSchema = z.object({
  question: z
    .object({ key: z.string(), text: z.string(), own: z.boolean(), updatedAt: z.string() })
    .nullable(),
  options: z.array(z.object({ key: z.string(), text: z.string() })),
  limits: z.object({
    answerMin: z.number().int(),
    answerMax: z.number().int(),
    ownQuestionMin: z.number().int(),
    ownQuestionMax: z.number().int(),
  }),
});

const bodySchema = z
  .object({
    questionKey: z.enum(questionKeys, { error: 'Выберите вопрос из списка или «Свой вопрос»' }),
    ownQuestion: z.string().max(1000, `Вопрос — не длиннее ${OWN_QUESTION_MAX} символов`).nullish(),
    answer: z.string({ error: 'Введите ответ' }).max(1000, `Ответ — не длиннее ${ANSWER_MAX} символов`),
  })
  .superRefine((b, c) => {
    const issue = (path: string, message: string) => c.addIssue({ code: 'custom', path: [path], message });
    const answer = normaliseAnswer(b.answer);
    if (answer.length < ANSWER_MIN) issue('answer', `Ответ — не короче ${ANSWER_MIN} символов`);
    else if (answer.length > ANSWER_MAX) issue('answer', `Ответ — не длиннее ${ANSWER_MAX} символов`);
    if (b.questionKey !== OWN_QUESTION) return;
    const own = questionText(OWN_QUESTION, b.ownQuestion);
    if (own.length < OWN_QUESTION_MIN)
      issue('ownQuestion', `Вопрос — не короче ${OWN_QUESTION_MIN} символов`);
    else if (own.length > OWN_QUESTION_MAX)
      issue('ownQuestion', `Вопрос — не длиннее ${OWN_QUESTION_MAX} символов`);
    else if (!/\p{L}/u.test(own)) issue('ownQuestion', 'Сформулируйте вопрос словами');
    // Control characters or markup have no place in a question shown back to staff and to the owner.
    else if (/[\p{Cc}<>]/u.test((b.ownQuestion ?? '').trim()))
      issue('ownQuestion', 'Уберите из вопроса символы < > и переводы строк');
    // A question that gives its answer away protects nothing.
    else if (answer.length >= ANSWER_MIN && normaliseAnswer(own).includes(answer))
      issue('answer', 'Ответ не должен содержаться в самом вопросе');
  });

/** Settings → Вход и безопасность → «Контрольный вопрос». */
export function securityQuestionRoutes(app: Api, ctx: AppContext, effects: IdentityEffects) {
  const pepper = ctx.config.secrets.pepper;

  app.get(
    '/api/auth/security-question',
    {
      config: { access: 'user' },
      schema: {
        tags: ['security'],
        summary: 'Контрольный вопрос учётной записи (без ответа) и список вопросов',
        security: [{ session: [] }],
        response: { 200: viewSchema },
      },
    },
    async (request) => {
      const row = await loadSecurityQuestion(ctx.db, request.principal!.userId);
      return {
        question: row
          ? {
              key: row.questionKey,
              text: row.questionText,
              own: row.questionKey === OWN_QUESTION,
              updatedAt: row.updatedAt.toISOString(),
            }
          : null,
        options: SECURITY_QUESTIONS.map((q) => ({ key: q.key, text: q.text })),
        limits: {
          answerMin: ANSWER_MIN,
          answerMax: ANSWER_MAX,
          ownQuestionMin: OWN_QUESTION_MIN,
          ownQuestionMax: OWN_QUESTION_MAX,
        },
      };
    },
  );

  app.put(
    '/api/auth/security-question',
    {
      config: { access: 'user', rateLimit: authRateLimit(ctx.config) },
      schema: {
        tags: ['security'],
        summary: 'Задать или сменить контрольный вопрос (нужно недавнее подтверждение входа)',
        security: [{ session: [], csrf: [] }],
        body: bodySchema,
        response: { 200: z.object({ status: z.literal('saved'), updatedAt: z.string() }) },
      },
    },
    async (request) => {
      const principal = request.principal!;
      requireRecentAuth(principal);
      const { questionKey, ownQuestion, answer } = request.body;
      const text = questionText(questionKey, ownQuestion);
      // argon2 outside the transaction: no row lock is held while it runs.
      const answerHash = await hashAnswer(answer, pepper);
      const now = new Date();
      await ctx.db.transaction(async (tx) => {
        const user = await loadUser(tx, principal.userId);
        requireNotFrozen(user, now);
        const { replaced } = await saveSecurityQuestion(
          tx,
          { userId: user.id, questionKey, questionText: text, answerHash },
          now,
        );
        await effects.audit(tx, {
          action: replaced ? 'identity.security_question.changed' : 'identity.security_question.set',
          actorUserId: user.id,
          subjectUserId: user.id,
          ...clientOf(request),
          details: { questionKey },
        });
        await effects.notifyOwner(tx, confirmedContacts(user), {
          kind: 'security.question_changed',
          subject: replaced ? 'Контрольный вопрос изменён' : 'Контрольный вопрос задан',
          text: replaced
            ? 'В вашей учётной записи изменён контрольный вопрос. Если это были не вы — срочно смените пароль и обратитесь в поддержку.'
            : 'В вашей учётной записи задан контрольный вопрос. Если это были не вы — срочно смените пароль и обратитесь в поддержку.',
        });
      });
      return { status: 'saved' as const, updatedAt: now.toISOString() };
    },
  );
}
