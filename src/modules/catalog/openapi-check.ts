/**
 * A small, strict JSON Schema check for the subset of keywords the OpenAPI document uses, so tests can
 * validate every API response against the document. A keyword it does not know is an error (the
 * document must not rely on something this check would silently ignore).
 */

type Schema = Record<string, unknown>;
export interface OpenApiDoc {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>>;
  components: { schemas: Record<string, Schema> };
}

const annotations = new Set(['description', 'title', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly', '$comment']);
const known = new Set([...annotations, '$ref', 'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'anyOf', 'oneOf', 'allOf', 'format', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems']);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function isDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
const formats: Record<string, (v: string) => boolean> = {
  date: isDate,
  'date-time': (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && isDate(v.slice(0, 10)) && !Number.isNaN(Date.parse(v)),
  uri: (v) => {
    try {
      return /^[a-z][a-z0-9+.-]*:/i.test(v) && !!new URL(v);
    } catch {
      return false;
    }
  },
};

/** Every way `value` breaks `schema` (empty when it conforms); `$ref`s resolve in the document's components. */
export function schemaErrors(doc: Pick<OpenApiDoc, 'components'>, schema: Schema, value: unknown, at = '$'): string[] {
  const errors: string[] = [];
  for (const k of Object.keys(schema)) if (!known.has(k)) errors.push(`${at}: the check does not support the keyword "${k}"`);
  if (typeof schema.$ref === 'string') {
    const m = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref);
    const target = m ? doc.components.schemas[m[1]] : undefined;
    if (!target) return [...errors, `${at}: unresolvable $ref ${schema.$ref}`];
    errors.push(...schemaErrors(doc, target, value, at));
  }
  const t = typeOf(value);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((ty) => ty === t || (ty === 'number' && t === 'integer'))) return [...errors, `${at}: expected ${types.join('|')}, got ${t}`];
  }
  if (schema.enum && !(schema.enum as unknown[]).some((e) => e === value)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if ('const' in schema && schema.const !== value) errors.push(`${at}: expected ${JSON.stringify(schema.const)}, got ${JSON.stringify(value)}`);
  if (typeof value === 'string') {
    if (schema.format !== undefined) {
      const check = formats[schema.format as string];
      if (!check) errors.push(`${at}: the check does not support the format "${schema.format}"`);
      else if (!check(value)) errors.push(`${at}: "${value}" is not a valid ${schema.format}`);
    }
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${at}: "${value}" does not match ${schema.pattern}`);
    if (typeof schema.minLength === 'number' && [...value].length < schema.minLength) errors.push(`${at}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && [...value].length > schema.maxLength) errors.push(`${at}: longer than ${schema.maxLength}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${at}: ${value} < ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${at}: ${value} > ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) errors.push(`${at}: ${value} <= ${schema.exclusiveMinimum}`);
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) errors.push(`${at}: ${value} >= ${schema.exclusiveMaximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${at}: fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) errors.push(`${at}: more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((v, i) => errors.push(...schemaErrors(doc, schema.items as Schema, v, `${at}[${i}]`)));
  }
  if (t === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) errors.push(`${at}: missing required "${r}"`);
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) errors.push(...schemaErrors(doc, props[k], v, `${at}.${k}`));
      else if (schema.additionalProperties === false) errors.push(`${at}: "${k}" is not in the schema`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') errors.push(...schemaErrors(doc, schema.additionalProperties as Schema, v, `${at}.${k}`));
    }
  }
  if (schema.allOf) for (const s of schema.allOf as Schema[]) errors.push(...schemaErrors(doc, s, value, at));
  if (schema.anyOf && !(schema.anyOf as Schema[]).some((s) => schemaErrors(doc, s, value, at).length === 0)) {
    errors.push(`${at}: matches none of anyOf (${(schema.anyOf as Schema[]).map((s) => schemaErrors(doc, s, value, at)[0]).join(' / ')})`);
  }
  if (schema.oneOf) {
    const results = (schema.oneOf as Schema[]).map((s) => schemaErrors(doc, s, value, at));
    const ok = results.filter((r) => r.length === 0).length;
    if (ok !== 1) errors.push(`${at}: matches ${ok} of oneOf, not exactly one (${results.map((r) => r[0] ?? 'ok').join(' / ')})`);
  }
  return errors;
}

/** The documented path template a concrete path belongs to ('/api/v1/publications/{id}' for '/api/v1/publications/0190…'). */
export function pathTemplateOf(doc: Pick<OpenApiDoc, 'paths'>, path: string): string | undefined {
  const templates = Object.keys(doc.paths);
  const exact = templates.find((tp) => tp === path);
  if (exact) return exact;
  const matches = templates.filter((tp) => {
    const re = new RegExp(`^${tp.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}$/, '(.+)').replace(/\{[^}]+\}/g, '([^/]+)')}$`);
    return re.test(path);
  });
  // The most specific (most static characters) wins: /publications/by-index/{indexNo} over /publications/{id}.
  return matches.sort((a, b) => b.replace(/\{[^}]+\}/g, '').length - a.replace(/\{[^}]+\}/g, '').length)[0];
}

/**
 * Checks a response against the document: its path and status must be documented, and a JSON body must
 * conform to the documented schema. Returns the problems (empty when it conforms).
 */
export function responseErrors(doc: OpenApiDoc, method: string, url: string, status: number, contentType: string | undefined, body: string): string[] {
  const path = new URL(url, 'http://x').pathname;
  const template = pathTemplateOf(doc, path);
  if (!template) return [`${path}: no such path in the document`];
  const op = doc.paths[template][method.toLowerCase()];
  if (!op) return [`${method} ${template}: not documented`];
  const response = op.responses[String(status)];
  if (!response) return [`${method} ${template}: status ${status} not documented`];
  if (status === 304) return body === '' ? [] : [`${template}: a 304 has a body`];
  const mediaType = (contentType ?? '').split(';')[0].trim();
  const content = response.content?.[mediaType];
  if (!content) return [`${method} ${template} ${status}: content type ${mediaType} not documented (${Object.keys(response.content ?? {}).join(', ')})`];
  if (!/json/.test(mediaType)) return [];
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return [`${template} ${status}: the body is not JSON`];
  }
  return schemaErrors(doc, content.schema, value).map((e) => `${method} ${template} ${status}: ${e}`);
}
