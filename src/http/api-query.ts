/** Query parameters of the JSON API (catalog, applications): parsed by a zod schema, every problem a field issue. */
import type { z } from 'zod';
import { errors, type FieldIssue } from '../kernel/errors.ts';

const isMessageKey = (s: string) => /^[a-z][A-Za-z]*\.[A-Za-z][\w.]*$/.test(s);

/** Parses query parameters; every problem becomes a field issue (unknown, repeated, out of range …). Empty values count as absent. */
export function parseApiQuery<S extends z.ZodObject>(schema: S, raw: unknown): z.output<S> {
  const query = Object.fromEntries(Object.entries((raw ?? {}) as Record<string, unknown>).filter(([, v]) => v !== ''));
  const r = schema.safeParse(query);
  if (r.success) return r.data;
  const issues: FieldIssue[] = [];
  for (const i of r.error.issues) {
    if (i.code === 'unrecognized_keys') {
      for (const key of i.keys) issues.push({ field: key, message: 'api.issue.unknownParam' });
      continue;
    }
    const field = i.path.length ? String(i.path[0]) : '_';
    if (i.code === 'invalid_type' && Array.isArray(query[field])) issues.push({ field, message: 'api.issue.repeated' });
    else if (isMessageKey(i.message)) issues.push({ field, message: i.message });
    else if (i.code === 'invalid_type' && i.expected === 'number') issues.push({ field, message: 'api.issue.integer' });
    else if (i.code === 'invalid_value') issues.push({ field, message: 'api.issue.enum', params: { values: i.values.map(String).join(', ') } });
    else if (i.code === 'too_small') issues.push({ field, message: i.origin === 'string' ? 'validation.required' : 'api.issue.min', params: { min: Number(i.minimum) } });
    else if (i.code === 'too_big') issues.push({ field, message: i.origin === 'string' ? 'validation.tooLong' : 'api.issue.max', params: { max: Number(i.maximum) } });
    else issues.push({ field, message: 'validation.invalid' });
  }
  throw errors.validation(issues, `Invalid query: ${issues.map((i) => i.field).join(', ')}`);
}
