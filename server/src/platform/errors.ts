import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { Problem } from '@kabinet/shared';

export type FieldError = { field: string; message: string };

/**
 * The one way a module refuses a request: an HTTP status, a Russian sentence that says what
 * happened and what to do, and optionally per-field messages that the form shows by its fields.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly type: string = 'about:blank',
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) => new HttpProblem(400, detail, errors);
export const unauthorized = (detail = 'Войдите в личный кабинет, чтобы продолжить') =>
  new HttpProblem(401, detail);
export const forbidden = (detail = 'У вас нет прав на это действие') => new HttpProblem(403, detail);
export const notFound = (detail = 'Запрошенный объект не найден') => new HttpProblem(404, detail);
export const conflict = (detail: string, errors?: FieldError[]) => new HttpProblem(409, detail, errors);

/** Titles are fixed per status (RFC 9457: the title does not change between occurrences). */
const titles: Record<number, string> = {
  400: 'Некорректный запрос',
  401: 'Требуется вход',
  403: 'Доступ запрещён',
  404: 'Не найдено',
  405: 'Метод не поддерживается',
  409: 'Конфликт',
  413: 'Слишком большой запрос',
  415: 'Неподдерживаемый формат',
  422: 'Данные не прошли проверку',
  429: 'Слишком много запросов',
  500: 'Внутренняя ошибка',
  503: 'Сервис временно недоступен',
};

export function problemBody(
  status: number,
  detail: string,
  errors?: FieldError[],
  instance?: string,
  type = 'about:blank',
): Problem {
  return {
    type,
    title: titles[status] ?? (status >= 500 ? titles[500]! : titles[400]!),
    status,
    detail,
    ...(instance ? { instance } : {}),
    ...(errors && errors.length ? { errors } : {}),
  };
}

export function sendProblem(
  reply: FastifyReply,
  status: number,
  detail: string,
  errors?: FieldError[],
  type?: string,
) {
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .send(problemBody(status, detail, errors, reply.request.url.split('?')[0], type));
}

const where: Record<string, string> = {
  body: 'в теле запроса',
  querystring: 'в параметрах адреса',
  params: 'в адресе',
  headers: 'в заголовках',
};

function fieldName(instancePath: string): string {
  return instancePath.replace(/^\//, '').split('/').join('.') || '(запрос)';
}

/** Maps every error Fastify, its plugins or a module can raise to problem+json in Russian. */
export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | HttpProblem, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof HttpProblem) {
      for (const [k, v] of Object.entries(error.headers)) reply.header(k, v);
      return sendProblem(reply, error.status, error.detail, error.errors, error.type);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => ({
        field: fieldName(v.instancePath),
        message: v.message ?? 'Неверное значение',
      }));
      const place = where[(error as { validationContext?: string }).validationContext ?? 'body'] ?? '';
      return sendProblem(
        reply,
        400,
        `Проверьте данные ${place}: ${errors.map((e) => e.message).join('; ')}`.trim(),
        errors,
      );
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response does not match its schema');
      return sendProblem(
        reply,
        500,
        'Сервер подготовил неверный ответ. Мы уже знаем об этом; попробуйте позже.',
      );
    }
    const code = (error as FastifyError).code;
    switch (code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(
          reply,
          400,
          'Тело запроса не является корректным JSON. Проверьте синтаксис и отправьте ещё раз.',
        );
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(reply, 413, 'Запрос слишком большой. Уменьшите объём данных и повторите.');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(
          reply,
          415,
          'Этот формат данных не поддерживается. Отправьте данные в формате JSON (application/json).',
        );
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendProblem(reply, 400, 'Длина запроса не совпадает с заголовком Content-Length.');
      case 'FST_ERR_VALIDATION':
        return sendProblem(reply, 400, 'Проверьте данные запроса.');
      case 'FST_CSRF_INVALID_TOKEN':
      case 'FST_CSRF_MISSING_SECRET':
        return sendProblem(
          reply,
          403,
          'Защитный токен формы устарел или отсутствует. Обновите страницу и повторите действие.',
        );
    }
    const status = (error as FastifyError).statusCode ?? 500;
    if (status === 429)
      return sendProblem(reply, 429, 'Слишком много запросов. Подождите немного и попробуйте снова.');
    if (status >= 400 && status < 500) {
      return sendProblem(
        reply,
        status,
        status === 404
          ? 'Запрошенный объект не найден'
          : 'Запрос не может быть выполнен. Проверьте данные и повторите.',
      );
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(
      reply,
      500,
      'Произошла ошибка на сервере. Попробуйте ещё раз через несколько минут; если не получится — напишите в поддержку.',
    );
  });
}
