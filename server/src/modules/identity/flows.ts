import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db, Tx } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import { sessionCookieName } from '../../platform/sessions';
import { authFlows } from './schema';
import { FLOW_TTL_MS } from './policy';
import type { AttemptCte } from './history';

export type AuthFlow = typeof authFlows.$inferSelect;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const cookieName = (secure: boolean) => `${sessionCookieName(secure)}-flow`;

/** A new flow's secret for the browser's cookie, and the id (its hash) the table keeps. */
export function newFlowToken() {
  const token = randomBytes(32).toString('base64url');
  return { token, id: hash(token) };
}

export function setFlowCookie(
  reply: FastifyReply,
  secure: boolean,
  token: string,
  maxAgeSeconds = FLOW_TTL_MS / 1000,
) {
  // Path=/ because browsers refuse a __Host- cookie with any other path.
  reply.setCookie(cookieName(secure), token, {
    httpOnly: true,
    secure,
    sameSite: 'strict',
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

export type NewFlow = Pick<AuthFlow, 'kind' | 'method'> &
  /** `expiresAt`: a flow that outlives the usual 10 minutes (a recovery request bound to the browser). */
  Partial<Pick<AuthFlow, 'userId' | 'proven' | 'data' | 'ip' | 'userAgent' | 'expiresAt'>>;

/** Writes a flow whose token the caller gives the browser (`setFlowCookie`). */
export async function insertFlow(
  tx: Tx,
  id: string,
  input: NewFlow,
  now = new Date(),
  /** A login-history record to write in the same statement. */
  attempt?: AttemptCte,
): Promise<AuthFlow> {
  const [flow] = await (attempt ? tx.with(attempt) : tx)
    .insert(authFlows)
    .values({
      id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + FLOW_TTL_MS),
      proven: [],
      data: {},
      ...input,
    })
    .returning();
  return flow!;
}

export async function startFlow(
  tx: Tx,
  reply: FastifyReply,
  secure: boolean,
  input: NewFlow,
  now = new Date(),
): Promise<AuthFlow> {
  const { token, id } = newFlowToken();
  const flow = await insertFlow(tx, id, input, now);
  setFlowCookie(
    reply,
    secure,
    token,
    Math.max(1, Math.round((flow.expiresAt.getTime() - now.getTime()) / 1000)),
  );
  return flow;
}

/** The flow of this browser, locked for the rest of the transaction. */
export async function currentFlow(
  tx: Tx,
  request: FastifyRequest,
  secure: boolean,
  kind: AuthFlow['kind'],
  now = new Date(),
): Promise<AuthFlow> {
  const token = request.cookies[cookieName(secure)];
  const [flow] = token
    ? await tx
        .select()
        .from(authFlows)
        .where(
          and(
            eq(authFlows.id, hash(token)),
            eq(authFlows.kind, kind),
            isNull(authFlows.completedAt),
            gt(authFlows.expiresAt, now),
          ),
        )
        .limit(1)
        .for('update')
    : [];
  if (!flow) {
    throw new HttpProblem(
      409,
      kind === 'login'
        ? 'Время на вход истекло или вход уже завершён. Начните вход заново.'
        : kind === 'registration'
          ? 'Время на регистрацию истекло. Начните заново.'
          : kind === 'recovery_request'
            ? 'В этом браузере нет открытого запроса на восстановление доступа, или время на ответ истекло. Откройте запрос заново: паспорт, дата рождения и ответ на контрольный вопрос.'
            : 'Время на восстановление истекло. Начните заново.',
    );
  }
  return flow;
}

/**
 * The latest flow of this browser even when it has ended or expired (not locked): to tell the page
 * why it ended — the owner refused the login on a registered device. Null when there is none.
 */
export async function endedFlow(
  tx: Tx,
  request: FastifyRequest,
  secure: boolean,
  kind: AuthFlow['kind'],
): Promise<AuthFlow | null> {
  const token = request.cookies[cookieName(secure)];
  if (!token) return null;
  const [flow] = await tx
    .select()
    .from(authFlows)
    .where(and(eq(authFlows.id, hash(token)), eq(authFlows.kind, kind)))
    .limit(1);
  return flow ?? null;
}

export async function updateFlow(
  tx: Tx,
  id: string,
  patch: Partial<Pick<AuthFlow, 'proven' | 'data' | 'userId' | 'completedAt'>>,
) {
  await tx.update(authFlows).set(patch).where(eq(authFlows.id, id));
}

export async function completeFlow(
  tx: Tx,
  reply: FastifyReply,
  secure: boolean,
  id: string,
  now = new Date(),
) {
  await tx.update(authFlows).set({ completedAt: now }).where(eq(authFlows.id, id));
  reply.clearCookie(cookieName(secure), { path: '/', secure, httpOnly: true, sameSite: 'strict' });
}

export async function purgeFlows(db: Db, now = new Date()) {
  const gone = await db
    .delete(authFlows)
    .where(lt(authFlows.expiresAt, new Date(now.getTime() - 24 * 3600_000)))
    .returning({ id: authFlows.id });
  return gone.length;
}
