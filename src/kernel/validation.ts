import type { z } from 'zod';
import { AppError, type FieldIssue } from './errors.ts';

/** zod issues → field issues; messages are catalog keys (validation.*) or zod's own text. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    field: i.path.map(String).join('.') || '_',
    message: i.message,
    ...(i.code === 'too_big' && 'maximum' in i ? { params: { max: Number(i.maximum) } } : {}),
  }));
}

/** Parse or throw AppError('validation') carrying every field issue. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new AppError('validation', `Invalid input: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, { issues: toFieldIssues(r.error) });
  return r.data;
}
