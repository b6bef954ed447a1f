import type { paths } from './openapi';
import { ApiError, problemOf } from './problem';

// Types and small helpers of the identity API (login, registration, security settings). The calls
// themselves go through the typed client: `unwrap(await api.POST('/api/auth/login', { body }))`.

type Json<P extends keyof paths, M extends 'get' | 'post' | 'delete'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type LoginStart = Json<'/api/auth/login', 'post'>;
/**
 * The second factors SecondFactor.tsx offers: a code (SMS, e-mail, authenticator app, backup code)
 * or a confirmation on a registered browser (push); a password as a second step (after an SMS
 * login) is not one, and a passkey is proven by the browser's prompt (pages/auth/PasskeyLogin.tsx).
 */
export type SecondFactorType = Exclude<LoginStart['factors'][number]['type'], 'password' | 'passkey'>;
/** A second factor offered at login: its type and where the code goes («+7 900 ***-**-01»). */
export type FactorOption = { type: SecondFactorType; destination: string };
export const codeFactorsOnly = (factors: LoginStart['factors']): FactorOption[] =>
  factors.filter((f): f is FactorOption => f.type !== 'password' && f.type !== 'passkey');
/** Factors whose code the server sends (SMS, e-mail); an app or a backup code needs nothing sent. */
export type CodeFactorType = Extract<SecondFactorType, 'sms' | 'email'>;
export type CodeSent = Json<'/api/auth/login/send', 'post'>;
export type Factors = Json<'/api/auth/factors', 'get'>;
export type TotpSetup = Json<'/api/auth/factors/totp', 'post'>;
export type SessionItem = Json<'/api/auth/sessions', 'get'>['items'][number];
export type HistoryPage = Json<'/api/auth/history', 'get'>;
export type HistoryItem = HistoryPage['items'][number];
/** A request sent to the registered browsers: the number to show and until when it waits. */
export type PushStart = Json<'/api/auth/login/push', 'post'>;
export type PushDevices = Json<'/api/auth/push/devices', 'get'>;
export type PushDeviceItem = PushDevices['items'][number];
export type PendingRequest = Json<'/api/auth/push/device/pending', 'post'>['items'][number];

export const isCodeFactor = (f: SecondFactorType): f is CodeFactorType => f === 'sms' || f === 'email';

/** React Query keys of the security settings. */
export const authKeys = {
  factors: ['auth', 'factors'] as const,
  pushDevices: ['auth', 'factors', 'push'] as const,
  sessions: ['auth', 'sessions'] as const,
  history: (filters: object) => ['auth', 'history', filters] as const,
};

/** How long a code lives and how soon a new one may be asked for (PRODUCT.md §1). */
export const CODE_TTL_MINUTES = 5;
export const RESEND_SECONDS = 60;

/** The problem type of «confirm it is you first» (a critical action older than 15 minutes). */
export const STEP_UP_PROBLEM = 'urn:kabinet:problem:step-up-required';

export function isStepUpRequired(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403 && error.problem.type === STEP_UP_PROBLEM;
}

/** The HTTP status of anything an API call threw (0 for a network failure). */
export const statusOf = (error: unknown): number => problemOf(error).status;

/**
 * Where to go after signing in: a same-site path from `?next=` («/payments?id=1»), never another
 * site («//evil.example», «https://…», «/\\evil.example»), never back to the login pages.
 */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (/\p{Cc}/u.test(next)) return fallback;
  try {
    const url = new URL(next, 'http://kabinet.invalid');
    if (url.origin !== 'http://kabinet.invalid') return fallback;
    if (url.pathname === '/login' || url.pathname === '/register') return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
