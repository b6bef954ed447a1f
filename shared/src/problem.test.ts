import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { Problem } from './problem';
import { PROBLEM_CONTENT_TYPE, isProblem, problemSchema } from './problem';

const validation: Problem = {
  type: 'about:blank',
  title: 'Данные не прошли проверку',
  status: 422,
  detail: 'Проверьте поля формы',
  instance: '/api/applications',
  errors: [{ field: 'snils', message: 'Неверное контрольное число СНИЛС — проверьте цифры' }],
};

describe('problemSchema', () => {
  it('accepts a full and a minimal problem', () => {
    expect(problemSchema.parse(validation)).toEqual(validation);
    const minimal = { type: 'about:blank', title: 'Не найдено', status: 404, detail: 'Заявление не найдено' };
    expect(problemSchema.parse(minimal)).toEqual(minimal);
  });

  it('rejects what is not a problem', () => {
    expect(problemSchema.safeParse({ title: 'x', status: 400, detail: 'y' }).success).toBe(false); // no type
    expect(problemSchema.safeParse({ ...validation, status: 42 }).success).toBe(false);
    expect(problemSchema.safeParse({ ...validation, status: 422.5 }).success).toBe(false);
    expect(problemSchema.safeParse({ ...validation, errors: [{ field: 'a' }] }).success).toBe(false);
    expect(isProblem('Internal Server Error')).toBe(false);
    expect(isProblem(null)).toBe(false);
    expect(isProblem(validation)).toBe(true);
  });

  it('has the RFC 9457 shape as its type', () => {
    expectTypeOf<Problem>().toEqualTypeOf<{
      type: string;
      title: string;
      status: number;
      detail: string;
      instance?: string | undefined;
      errors?: { field: string; message: string }[] | undefined;
    }>();
    expect(PROBLEM_CONTENT_TYPE).toBe('application/problem+json');
  });

  it('can be described as JSON Schema (OpenAPI)', () => {
    const schema = z.toJSONSchema(problemSchema) as { required?: string[] };
    expect(schema.required).toEqual(['type', 'title', 'status', 'detail']);
  });
});
