import { CSRF_HEADER, csrfToken } from './csrf';
import { ApiError, toProblem } from './problem';

export interface UploadOptions {
  /** Form field of the file, «file» by default. */
  field?: string;
  /** Other form fields sent with the file. */
  fields?: Record<string, string>;
  /** Upload progress, 0–100. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

function send<T>(
  url: string,
  file: File,
  token: string,
  o: UploadOptions,
): Promise<{ status: number; body: T | unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) o.onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown = undefined;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new ApiError(toProblem(undefined)));
    xhr.onabort = () => reject(new DOMException('Загрузка отменена', 'AbortError'));
    o.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    for (const [k, v] of Object.entries(o.fields ?? {})) form.append(k, v);
    form.append(o.field ?? 'file', file, file.name);
    xhr.send(form);
  });
}

/**
 * Uploads one file as multipart/form-data with progress (fetch cannot report upload progress).
 * Same CSRF rules as the API client: header on the request, one retry with a fresh token on 403.
 */
export async function uploadFile<T = unknown>(
  url: string,
  file: File,
  options: UploadOptions = {},
): Promise<T> {
  let result = await send<T>(url, file, await csrfToken(), options);
  if (result.status === 403) result = await send<T>(url, file, await csrfToken(true), options);
  if (result.status < 200 || result.status >= 300) {
    throw new ApiError(toProblem(result.body, new Response(null, { status: result.status })));
  }
  return result.body as T;
}
