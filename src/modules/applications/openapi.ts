/**
 * The applications part of the JSON API: request and response schemas (zod), the shapes the routes
 * (api.routes.ts) send, and their OpenAPI paths and component schemas, merged into the one document
 * (catalog/openapi.ts). Descriptions are message-catalog keys, translated when the document is built.
 */
import { z } from 'zod';
import type { T } from '../../http/i18n/index.ts';
import { caseStatuses } from './case-state.ts';
import { letterKinds } from './letters.ts';
import { outcomeCodes } from './outcomes.ts';
import { applicantTypes, channels, deliveries, eventTypes, idTypes, provisionForms } from './types.ts';

// ---------- query parameters ----------

const int = (min: number, max: number) => z.coerce.number().int({ message: 'api.issue.integer' }).min(min).max(max);

/** The staff queue's filters (the workbench's), with paging by limit and offset. */
export const staffListQuerySchema = z
  .object({
    state: z.enum(['open', 'closed', 'all']).default('open').describe('applicationsApi.param.state'),
    status: z.enum(caseStatuses).optional().describe('applicationsApi.param.status'),
    urgency: z.enum(['overdue', 'dueSoon']).optional().describe('applicationsApi.param.urgency'),
    agency: z.string().trim().min(1).max(64).optional().describe('applicationsApi.param.agency'),
    year: int(1990, 2100).optional().describe('applicationsApi.param.year'),
    q: z.string().trim().max(200).optional().describe('applicationsApi.param.q'),
    limit: int(1, 100).default(20).describe('applicationsApi.param.limit'),
    offset: int(0, 1_000_000).default(0).describe('applicationsApi.param.offset'),
  })
  .strict();
export type StaffListQuery = z.output<typeof staffListQuerySchema>;

// ---------- request bodies (documented; the service validates them with applications.schemas.ts) ----------

const registry = z.registry<{ id: string }>();
function component<S extends z.ZodType>(id: string, schema: S): S {
  registry.add(schema, { id });
  return schema;
}
const date = z.iso.date();
const instant = z.iso.datetime();
const text = z.string();
const nullableText = z.string().nullable();

export const applicantInputDoc = component(
  'ApplicantInput',
  z.object({
    type: z.enum(applicantTypes).describe('applicationsApi.field.applicantType'),
    name: text.describe('applicationsApi.field.applicantName'),
    idType: z.enum(idTypes).nullable().optional().describe('applicationsApi.field.idType'),
    idNumber: nullableText.optional().describe('applicationsApi.field.idNumber'),
    creditCode: nullableText.optional().describe('applicationsApi.field.creditCode'),
    legalRepresentative: nullableText.optional(),
    contactPerson: nullableText.optional().describe('applicationsApi.field.contactPerson'),
    phone: nullableText.optional(),
    email: nullableText.optional(),
    address: nullableText.optional(),
    postcode: nullableText.optional(),
  }),
);

export const applicationSubmitDoc = component(
  'ApplicationSubmit',
  z.object({
    agency: text.describe('applicationsApi.field.agency'),
    applicant: applicantInputDoc,
    description: text.min(5).max(5000).describe('applicationsApi.field.description'),
    form: z.enum(provisionForms).describe('applicationsApi.field.form'),
    delivery: z.enum(deliveries).describe('applicationsApi.field.delivery'),
  }),
);

export const statusRequestDoc = component(
  'ApplicationStatusRequest',
  z.object({ trackingCode: text.describe('applicationsApi.field.trackingCode'), password: text.describe('applicationsApi.field.password') }),
);

/** A staff action: `action` names it, the other fields are the action's (see the description). */
export const actionDoc = component(
  'CaseAction',
  z.looseObject({
    action: z
      .enum(['confirmReceipt', 'requestCorrection', 'recordCorrection', 'startConsultation', 'endConsultation', 'requestExtension', 'approveExtension', 'refuseExtension', 'notifyFee', 'recordPayment', 'answer', 'recordDelivery', 'withdraw', 'assign', 'note', 'fileProceeding', 'decideProceeding'])
      .describe('applicationsApi.field.action'),
    on: date.optional().describe('applicationsApi.field.on'),
    outcome: z.enum(outcomeCodes).optional().describe('applicationsApi.field.outcome'),
  }),
);

// ---------- responses ----------

export const agencyRefSchema = component('AgencyRef', z.object({ code: text, name: text }));

export const deadlineStepSchema = component(
  'DeadlineStep',
  z.looseObject({
    kind: z.enum(['receipt', 'rules', 'correction', 'pause', 'extension', 'due']).describe('applicationsApi.field.stepKind'),
    text: text.describe('applicationsApi.field.stepText'),
  }),
);
export const deadlineSchema = component(
  'Deadline',
  z.object({
    rules: text,
    countFrom: date.nullable(),
    normalDueOn: date.nullable(),
    dueOn: date.nullable().describe('applicationsApi.field.dueOn'),
    provisional: z.boolean().describe('applicationsApi.field.provisional'),
    pausedDays: z.int().min(0),
    extensionDays: z.int().min(0),
    pausedNow: z.boolean(),
    waitingForCorrection: z.boolean(),
    daysLeft: z.int().nullable(),
    steps: z.array(deadlineStepSchema).describe('applicationsApi.field.steps'),
  }),
);
export type DeadlineOut = z.output<typeof deadlineSchema>;

export const submittedSchema = component(
  'ApplicationSubmitted',
  z.object({
    trackingCode: text.describe('applicationsApi.field.trackingCode'),
    password: text.describe('applicationsApi.field.passwordOnce'),
    agency: agencyRefSchema,
    receivedOn: date.describe('applicationsApi.field.receivedOn'),
    dueOn: date.nullable().describe('applicationsApi.field.dueOn'),
    provisional: z.boolean().describe('applicationsApi.field.provisional'),
    deadline: deadlineSchema,
  }),
);
export type SubmittedOut = z.output<typeof submittedSchema>;

const eventBase = {
  type: z.enum(eventTypes).describe('applicationsApi.field.eventType'),
  label: text,
  on: date,
  at: instant,
  data: z.looseObject({}).describe('applicationsApi.field.eventData'),
};
export const applicantEventSchema = component('ApplicantEvent', z.object(eventBase));
export const caseEventSchema = component('CaseEvent', z.object({ id: text, seq: z.int().min(1), ...eventBase, actor: text }));
export type CaseEventOut = z.output<typeof caseEventSchema>;

export const letterContentSchema = component(
  'LetterContent',
  z.object({ title: text, number: text, addressee: text, paragraphs: z.array(text), agencyName: text, issuedOn: date }),
);
export const letterSchema = component(
  'Letter',
  z.object({ id: text, kind: z.enum(letterKinds), number: text, issuedOn: date, content: letterContentSchema.optional() }),
);
export type LetterOut = z.output<typeof letterSchema>;

export const answerSchema = component('Answer', z.object({ on: date, outcome: z.enum(outcomeCodes), outcomeName: text, detail: nullableText, late: z.boolean() }));

export const applicantViewSchema = component(
  'ApplicantCaseView',
  z.object({
    trackingCode: text,
    agency: agencyRefSchema,
    status: z.enum(caseStatuses).describe('applicationsApi.field.status'),
    statusName: text,
    submittedOn: date,
    receivedOn: date.nullable(),
    dueOn: date.nullable(),
    provisional: z.boolean(),
    description: text,
    form: z.enum(provisionForms),
    delivery: z.enum(deliveries),
    answer: answerSchema.nullable(),
    events: z.array(applicantEventSchema),
    letters: z.array(letterSchema),
    files: z.array(z.object({ name: text, size: z.int().min(0), mime: text })),
  }),
);
export type ApplicantViewOut = z.output<typeof applicantViewSchema>;

export const caseStateSchema = component(
  'CaseState',
  z.object({
    status: z.enum(caseStatuses),
    statusName: text,
    rules: nullableText,
    receivedOn: date.nullable(),
    dueOn: date.nullable(),
    provisional: z.boolean(),
    daysLeft: z.int().nullable(),
    urgency: z.enum(['overdue', 'dueSoon', 'normal', 'paused', 'none']).describe('applicationsApi.field.urgency'),
    late: z.boolean(),
    handler: z.object({ id: text, name: nullableText }).nullable(),
    answer: answerSchema.nullable(),
    withdrawnOn: date.nullable(),
    duplicateOf: z.array(text),
    deadline: deadlineSchema.nullable(),
  }),
);
export type CaseStateOut = z.output<typeof caseStateSchema>;

export const maskedApplicantSchema = component(
  'MaskedApplicant',
  z
    .object({
      type: z.enum(applicantTypes),
      name: text,
      idType: z.enum(idTypes).nullable(),
      idNumber: nullableText,
      creditCode: nullableText,
      legalRepresentative: nullableText,
      contactPerson: nullableText,
      phone: nullableText,
      email: nullableText,
      address: nullableText,
      postcode: nullableText,
    })
    .describe('applicationsApi.field.maskedApplicant'),
);

export const caseSummarySchema = component(
  'CaseSummary',
  z.object({
    id: text,
    trackingCode: text,
    ref: nullableText,
    agency: agencyRefSchema,
    channel: z.enum(channels),
    submittedOn: date,
    receivedOn: date.nullable(),
    status: z.enum(caseStatuses),
    statusName: text,
    open: z.boolean(),
    dueOn: date.nullable(),
    provisional: z.boolean(),
    paused: z.boolean(),
    daysLeft: z.int().nullable(),
    urgency: z.enum(['overdue', 'dueSoon', 'normal', 'paused', 'none']),
    handler: z.object({ id: text, name: nullableText }).nullable(),
    applicantType: z.enum(applicantTypes),
    applicantName: text.describe('applicationsApi.field.maskedName'),
    description: text,
    outcome: z.enum(outcomeCodes).nullable(),
    answeredOn: date.nullable(),
    late: z.boolean(),
    extended: z.boolean(),
    duplicateSuspected: z.boolean(),
  }),
);
export type CaseSummaryOut = z.output<typeof caseSummarySchema>;

export const caseListSchema = component(
  'CaseList',
  z.object({
    total: z.int().min(0),
    limit: z.int().min(1),
    offset: z.int().min(0),
    today: date,
    items: z.array(caseSummarySchema),
    counts: z.array(z.object({ agency: agencyRefSchema, open: z.int().min(0), overdue: z.int().min(0), dueSoon: z.int().min(0) })).describe('applicationsApi.field.counts'),
  }),
);
export type CaseListOut = z.output<typeof caseListSchema>;

export const fileSchema = component('CaseFile', z.object({ id: text, name: text, mime: text, size: z.int().min(0), role: text, createdAt: instant }));

export const caseSchema = component(
  'Case',
  z.object({
    id: text,
    trackingCode: text,
    ref: nullableText,
    agency: agencyRefSchema,
    channel: z.enum(channels),
    submittedOn: date,
    description: text,
    form: z.enum(provisionForms),
    delivery: z.enum(deliveries),
    applicant: maskedApplicantSchema,
    state: caseStateSchema,
    events: z.array(caseEventSchema),
    letters: z.array(letterSchema),
    files: z.array(fileSchema),
    may: z.object({ handle: z.boolean(), approve: z.boolean(), reveal: z.boolean() }).describe('applicationsApi.field.may'),
  }),
);
export type CaseOut = z.output<typeof caseSchema>;

export const caseEventsSchema = component('CaseEvents', z.object({ events: z.array(caseEventSchema) }));
export const actionResultSchema = component(
  'CaseActionResult',
  z.object({ events: z.array(caseEventSchema).describe('applicationsApi.field.newEvents'), state: caseStateSchema, letters: z.array(letterSchema).describe('applicationsApi.field.newLetters') }),
);
export type ActionResultOut = z.output<typeof actionResultSchema>;

// ---------- operations and the document part ----------

type JsonSchema = Record<string, unknown>;
interface Operation {
  method: 'get' | 'post';
  path: string;
  id: string;
  tag: 'applications' | 'staff';
  staff?: boolean;
  query?: z.ZodObject;
  pathId?: boolean;
  body?: string;
  responses: Record<number, string>;
  /** example request: path and query, and a JSON body for POST */
  example: { path: string; body?: unknown };
}

export const applicationOperations: Operation[] = [
  {
    method: 'post', path: '/api/v1/applications', id: 'submitApplication', tag: 'applications', body: 'ApplicationSubmit', responses: { 201: 'ApplicationSubmitted', 400: 'Error', 404: 'Error', 429: 'Error' },
    example: { path: '/api/v1/applications', body: { agency: '{agency}', applicant: { type: 'natural', name: '张三', idType: 'residentId', idNumber: '…', phone: '13800000000' }, description: '请公开……', form: 'electronic', delivery: 'online' } },
  },
  {
    method: 'post', path: '/api/v1/applications/status', id: 'applicationStatus', tag: 'applications', body: 'ApplicationStatusRequest', responses: { 200: 'ApplicantCaseView', 400: 'Error', 404: 'Error', 429: 'Error' },
    example: { path: '/api/v1/applications/status', body: { trackingCode: 'YS2026K7M3Q9PX', password: '…' } },
  },
  { method: 'get', path: '/api/v1/staff/applications', id: 'listCases', tag: 'staff', staff: true, query: staffListQuerySchema, responses: { 200: 'CaseList', 400: 'Error', 401: 'Error' }, example: { path: '/api/v1/staff/applications?urgency=overdue' } },
  { method: 'get', path: '/api/v1/staff/applications/{id}', id: 'getCase', tag: 'staff', staff: true, pathId: true, responses: { 200: 'Case', 401: 'Error', 404: 'Error' }, example: { path: '/api/v1/staff/applications/{id}' } },
  { method: 'get', path: '/api/v1/staff/applications/{id}/events', id: 'listCaseEvents', tag: 'staff', staff: true, pathId: true, responses: { 200: 'CaseEvents', 401: 'Error', 404: 'Error' }, example: { path: '/api/v1/staff/applications/{id}/events' } },
  {
    method: 'post', path: '/api/v1/staff/applications/{id}/actions', id: 'actOnCase', tag: 'staff', staff: true, pathId: true, body: 'CaseAction', responses: { 201: 'CaseActionResult', 400: 'Error', 401: 'Error', 403: 'Error', 404: 'Error', 409: 'Error' },
    example: { path: '/api/v1/staff/applications/{id}/actions', body: { action: 'answer', on: '2026-03-20', outcome: 'disclose' } },
  },
];

function strip(schema: JsonSchema): JsonSchema {
  const { $schema, $id, ...rest } = schema;
  void $schema;
  void $id;
  return rest;
}

function translate(node: unknown, t: T): unknown {
  if (Array.isArray(node)) return node.map((n) => translate(n, t));
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = (k === 'description' || k === 'summary') && typeof v === 'string' ? t(v) : translate(v, t);
    return out;
  }
  return node;
}

let cached: Record<string, JsonSchema> | undefined;
/** The component schemas of the applications API (not translated). The catalog's Error schema is shared. */
export function applicationSchemas(): Record<string, JsonSchema> {
  if (!cached) {
    const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, JsonSchema> };
    cached = Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, strip(v)]));
  }
  return cached;
}

function parameters(op: Operation): JsonSchema[] {
  const out: JsonSchema[] = [];
  if (op.pathId) out.push({ name: 'id', in: 'path', required: true, description: 'applicationsApi.param.id', schema: { type: 'string' } });
  if (op.query) {
    for (const [name, field] of Object.entries(op.query.shape as Record<string, z.ZodType>)) {
      const { description, ...schema } = strip(z.toJSONSchema(field, { io: 'input' }) as JsonSchema);
      if (schema.maximum === Number.MAX_SAFE_INTEGER) delete schema.maximum;
      out.push({ name, in: 'query', required: !field.safeParse(undefined).success, description: String(description ?? ''), schema });
    }
  }
  return out;
}

/**
 * The applications paths, component schemas and tags of the OpenAPI document, translated. Staff
 * operations carry the bearer security requirement (`securitySchemes.bearerToken`).
 */
export function applicationsOpenApi(opts: { base: string; t: T; samples?: Record<string, string> }) {
  const { base, t } = opts;
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (m, k: string) => opts.samples?.[k] ?? m);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of applicationOperations) {
    const responses: Record<string, unknown> = {};
    for (const [status, schema] of Object.entries(op.responses)) {
      responses[status] = { description: `applicationsApi.response.${status}`, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } };
    }
    const url = `${base}${fill(op.example.path)}`;
    const auth = op.staff ? ` -H 'Authorization: Bearer gk_…'` : '';
    const body = op.example.body ? ` -H 'Content-Type: application/json' -d '${fill(JSON.stringify(op.example.body))}'` : '';
    (paths[op.path] ??= {})[op.method] = {
      operationId: op.id,
      tags: [op.tag],
      summary: `applicationsApi.op.${op.id}`,
      description: `applicationsApi.op.${op.id}.desc`,
      parameters: parameters(op),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${op.body}` } } } } } : {}),
      ...(op.staff ? { security: [{ bearerToken: [] }] } : {}),
      responses,
      'x-codeSamples': [{ lang: 'Shell', label: 'curl', source: `curl${op.method === 'post' ? ' -X POST' : ''} '${url}'${auth}${body}` }],
    };
  }
  return {
    paths: translate(paths, t) as Record<string, Record<string, any>>,
    schemas: translate(applicationSchemas(), t) as Record<string, JsonSchema>,
    tags: ['applications', 'staff'].map((name) => ({ name, description: t(`applicationsApi.tag.${name}`) })),
    securitySchemes: { bearerToken: { type: 'http', scheme: 'bearer', description: t('applicationsApi.doc.bearer') } },
  };
}
