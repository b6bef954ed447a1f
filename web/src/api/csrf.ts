import { ApiError, toProblem } from './problem';

// Cookie-authenticated writes need the CSRF token from GET /api/csrf in the `x-csrf-token` header.
// The token is fetched once and cached; a 403 on a write refreshes it and repeats the request once
// (the token outlives pages but not a server-side secret rotation or a long idle tab).

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

let cached: Promise<string> | null = null;

async function requestToken(): Promise<string> {
  const response = await fetch('/api/csrf', {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(toProblem(body, response));
  const token = (body as { token?: unknown } | undefined)?.token;
  if (typeof token !== 'string') throw new ApiError(toProblem(undefined, response));
  return token;
}

/** The cached CSRF token; `refresh` asks the server for a new one. */
export function csrfToken(refresh = false): Promise<string> {
  if (!cached || refresh) {
    cached = requestToken().catch((error: unknown) => {
      cached = null;
      throw error;
    });
  }
  return cached;
}

/** Forget the token (e.g. after logout). */
export function resetCsrfToken() {
  cached = null;
}

export const isSafeMethod = (method: string) => SAFE_METHODS.has(method.toUpperCase());

/**
 * A 403 with a specific problem type (e.g. «step-up required») is an answer about the action, not
 * about the token: repeating the request would only ask the server the same question twice.
 */
async function isTypedProblem(response: Response): Promise<boolean> {
  try {
    const body: unknown = await response.clone().json();
    const type = (body as { type?: unknown } | null)?.type;
    return typeof type === 'string' && type !== 'about:blank';
  } catch {
    return false;
  }
}

/** fetch() for the API: adds the CSRF header to every non-GET request, retries once on a CSRF 403. */
export async function csrfFetch(request: Request): Promise<Response> {
  if (isSafeMethod(request.method)) return fetch(request);
  const second = request.clone(); // before the body is read
  request.headers.set(CSRF_HEADER, await csrfToken());
  const response = await fetch(request);
  if (response.status !== 403 || (await isTypedProblem(response))) return response;
  second.headers.set(CSRF_HEADER, await csrfToken(true));
  return fetch(second);
}
