import { z } from 'zod';

// RFC 9457 «Problem Details for HTTP APIs» — the body of every error response
// (Content-Type: application/problem+json). `title` and `detail` are Russian and shown to the user;
// `errors` carries per-field messages of a rejected form, keyed by the field's path («passport.series»).

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const problemFieldErrorSchema = z.object({
  field: z.string(),
  message: z.string(),
});

export const problemSchema = z.object({
  /** URI reference identifying the problem type; «about:blank» when there is nothing more specific. */
  type: z.string(),
  /** Short, human-readable summary of the problem type. */
  title: z.string(),
  /** The HTTP status code. */
  status: z.number().int().min(100).max(599),
  /** Explanation specific to this occurrence. */
  detail: z.string(),
  /** URI reference of this occurrence (e.g. the request path or a trace id). */
  instance: z.string().optional(),
  errors: z.array(problemFieldErrorSchema).optional(),
});

export type ProblemFieldError = z.infer<typeof problemFieldErrorSchema>;
export type Problem = z.infer<typeof problemSchema>;

/** True if `value` has the problem+json shape (e.g. a parsed error response body). */
export function isProblem(value: unknown): value is Problem {
  return problemSchema.safeParse(value).success;
}
