import { isProblem, type Problem } from '@kabinet/shared';

// Every error the API returns is RFC 9457 problem+json with a Russian `detail` (and per-field
// `errors` for a rejected form). These helpers turn anything a request can fail with — a problem
// body, a non-JSON error page from a proxy, a network failure — into one Problem the UI can show.

export type { Problem };

const NETWORK_DETAIL = 'Нет связи с сервером. Проверьте подключение к интернету и повторите попытку.';

function fallbackDetail(status: number): string {
  if (status === 0) return NETWORK_DETAIL;
  if (status === 401) return 'Войдите в личный кабинет, чтобы продолжить.';
  if (status === 403) return 'У вас нет прав на это действие.';
  if (status === 404) return 'Запрошенный объект не найден.';
  if (status === 429) return 'Слишком много запросов. Подождите немного и попробуйте снова.';
  if (status >= 500) return 'Сервис временно недоступен. Попробуйте ещё раз через несколько минут.';
  return 'Не удалось выполнить запрос. Проверьте данные и повторите попытку.';
}

/** A failed API call. `problem.detail` is a Russian sentence ready to be shown to the user. */
export class ApiError extends Error {
  readonly problem: Problem;
  /** Seconds from the `Retry-After` header of a 429/423/503 answer, when the server sent one. */
  readonly retryAfter: number | null;

  constructor(problem: Problem, retryAfter: number | null = null) {
    super(problem.detail);
    this.name = 'ApiError';
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  get status(): number {
    return this.problem.status;
  }
}

/** The problem behind an error body (parsed by openapi-fetch) and its response. */
export function toProblem(body: unknown, response?: Response): Problem {
  if (isProblem(body)) return body;
  const status = response?.status ?? 0;
  return {
    type: 'about:blank',
    title: status ? `Ошибка ${status}` : 'Нет связи',
    status,
    detail: fallbackDetail(status),
  };
}

/** Seconds to wait from a `Retry-After` header (seconds or an HTTP date), or null. */
export function retryAfterOf(response?: Response): number | null {
  const value = response?.headers.get('retry-after');
  if (!value) return null;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : null;
}

/** The problem behind anything thrown by an API call (ApiError, network TypeError, abort…). */
export function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  if (isProblem(error)) return error;
  return toProblem(undefined);
}

/** The data of an openapi-fetch result, or an ApiError with the problem. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok)
    throw new ApiError(toProblem(result.error, result.response), retryAfterOf(result.response));
  return result.data as T;
}

export interface FormErrors {
  /** Messages by field name («passport.series»), shown under the fields and in the error summary. */
  fields: Record<string, string>;
  /** The sentence for the top of the form when the problem is not about particular fields. */
  message: string | null;
}

/**
 * For forms: maps a problem's `errors` to field messages; shows `detail` when there are none or when
 * some of them are about fields this form does not have (pass `knownFields` to check that).
 */
export function formErrors(error: unknown, knownFields?: readonly string[]): FormErrors {
  const problem = problemOf(error);
  const fields: Record<string, string> = {};
  let unplaced = false;
  for (const e of problem.errors ?? []) {
    if (knownFields && !knownFields.includes(e.field)) {
      unplaced = true;
      continue;
    }
    fields[e.field] ??= e.message;
  }
  const message = Object.keys(fields).length === 0 || unplaced ? problem.detail : null;
  return { fields, message };
}
