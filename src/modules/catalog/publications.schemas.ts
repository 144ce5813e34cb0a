import { z } from 'zod';
import { isIsoDate } from '../../kernel/calendar/index.ts';
import { audiences, disclosureModes, genres, isTopic, keyAreaCodes, kinds, validityStatuses } from './taxonomy.ts';

// Messages are message-catalog keys.
const text = (max: number) => z.string().trim().max(max, { message: 'validation.tooLong' });
const optText = (max: number) =>
  text(max)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));
const isoDate = z
  .string()
  .trim()
  .refine((v) => isIsoDate(v), { message: 'validation.date' });
const optDate = z
  .union([isoDate, z.literal(''), z.null()])
  .optional()
  .transform((v) => (v ? v : null));
const list = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max, { message: 'validation.tooLong' })
    .default([]);

/** 文号: 〔year〕 with the hexagonal brackets; ASCII/other brackets are normalised. */
export function normaliseDocNo(v: string): string {
  return v.replace(/[\[［【（(]\s*(\d{4})\s*[\]］】）)]/, '〔$1〕');
}

export const validityInputSchema = z.object({
  status: z.enum(validityStatuses, { message: 'validation.invalid' }),
  from: optDate,
  until: optDate,
  replacedBy: optText(80), // index number or ref (imports) / publication id (forms)
});

/** What an editor fills in for a draft (and what an import line carries, minus import-only fields). */
export const publicationInputSchema = z
  .object({
    title: text(300).min(1, { message: 'validation.required' }),
    coIssuers: list(z.string().trim().min(1), 20), // agency codes of further issuing agencies
    docNo: optText(100).transform((v) => (v ? normaliseDocNo(v) : null)),
    writtenOn: optDate,
    topic: optText(100).refine((v) => v === null || isTopic(v), { message: 'catalog.topicUnknown' }),
    genre: z
      .enum(genres, { message: 'validation.invalid' })
      .optional()
      .nullable()
      .transform((v) => v ?? null),
    kind: z.enum(kinds, { message: 'validation.invalid' }),
    audience: list(z.enum(audiences, { message: 'validation.invalid' }), 10),
    keywords: list(text(30).min(1), 20),
    summary: optText(2000),
    columns: list(z.enum(keyAreaCodes as [string, ...string[]], { message: 'validation.invalid' }), 10),
    disclosureMode: z.enum(disclosureModes, { message: 'validation.invalid' }).default('proactive'),
    nonDisclosureReason: optText(500),
    body: text(2_000_000).default(''), // HTML or plain text; sanitised by the service
    validity: validityInputSchema.optional().nullable(),
    interprets: optText(80), // publication id, index number or ref of the interpreted document
  })
  .superRefine((v, ctx) => {
    if (v.disclosureMode !== 'proactive' && !v.nonDisclosureReason) ctx.addIssue({ code: 'custom', path: ['nonDisclosureReason'], message: 'catalog.reasonRequired' });
    if (v.kind === 'interpretation' && !v.interprets) ctx.addIssue({ code: 'custom', path: ['interprets'], message: 'catalog.interpretsRequired' });
    if (v.validity?.from && v.validity.until && v.validity.until < v.validity.from) ctx.addIssue({ code: 'custom', path: ['validity', 'until'], message: 'catalog.untilBeforeFrom' });
  });
export type PublicationInput = z.input<typeof publicationInputSchema>;
export type PublicationData = z.output<typeof publicationInputSchema>;
