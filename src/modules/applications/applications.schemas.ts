import { z } from 'zod';
import { isIsoDate } from '../../kernel/calendar/index.ts';
import { isValidCreditCode, isValidResidentId } from '../../kernel/text/index.ts';
import { outcomeCodes } from './outcomes.ts';
import { applicantTypes, channels, consultationParties, deliveries, idTypes, proceedingKinds, provisionForms } from './types.ts';

/** Limits of what one application may hold (abuse resistance; the form says them). */
export const DESCRIPTION_MAX = 5000;
export const DESCRIPTION_MIN = 5;
export const TEXT_MAX = 2000;

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : typeof v === 'string' ? v.trim() : v);
const optionalText = (max: number) => z.preprocess(blankToNull, z.string().max(max, { message: 'validation.tooLong' }).nullable().optional()).transform((v) => v ?? null);
export const isoDate = z.string().refine(isIsoDate, { message: 'validation.date' });

/** The applicant (Art. 29): who, how to reach them. Personal information: see the service for who may see it. */
export const applicantSchema = z
  .object({
    type: z.enum(applicantTypes, { message: 'applications.validation.applicantType' }),
    name: z.preprocess(blankToNull, z.string({ message: 'validation.required' }).min(1, { message: 'validation.required' }).max(100, { message: 'validation.tooLong' })),
    idType: z.preprocess(blankToNull, z.enum(idTypes).nullable().optional()).transform((v) => v ?? null),
    idNumber: optionalText(40),
    creditCode: z.preprocess((v) => (typeof v === 'string' ? blankToNull(v.toUpperCase()) : v), z.string().nullable().optional()).transform((v) => v ?? null),
    legalRepresentative: optionalText(100),
    contactPerson: optionalText(100),
    phone: z.preprocess(blankToNull, z.string().regex(/^[0-9+\-() ]{5,30}$/, { message: 'validation.phone' }).nullable().optional()).transform((v) => v ?? null),
    email: z.preprocess(blankToNull, z.string().email({ message: 'validation.email' }).max(200).nullable().optional()).transform((v) => v ?? null),
    address: optionalText(300),
    postcode: z.preprocess(blankToNull, z.string().regex(/^\d{6}$/, { message: 'applications.validation.postcode' }).nullable().optional()).transform((v) => v ?? null),
  })
  .superRefine((a, ctx) => {
    if (a.type === 'natural') {
      if (!a.idType) ctx.addIssue({ code: 'custom', path: ['idType'], message: 'validation.required' });
      if (!a.idNumber) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: 'validation.required' });
      else if (a.idType === 'residentId' && !isValidResidentId(a.idNumber)) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: 'applications.validation.residentId' });
    } else {
      if (!a.creditCode) ctx.addIssue({ code: 'custom', path: ['creditCode'], message: 'validation.required' });
      else if (!isValidCreditCode(a.creditCode)) ctx.addIssue({ code: 'custom', path: ['creditCode'], message: 'applications.validation.creditCode' });
      if (!a.contactPerson) ctx.addIssue({ code: 'custom', path: ['contactPerson'], message: 'validation.required' });
    }
    if (!a.phone && !a.email && !a.address) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'applications.validation.contact' });
  });
export type ApplicantInput = z.output<typeof applicantSchema>;

/** An application as the public form (or staff logging a paper one) sends it. */
export const applicationInputSchema = z
  .object({
    applicant: applicantSchema,
    description: z.preprocess(
      blankToNull,
      z.string({ message: 'validation.required' }).min(DESCRIPTION_MIN, { message: 'applications.validation.descriptionShort' }).max(DESCRIPTION_MAX, { message: 'applications.validation.descriptionLong' }),
    ),
    form: z.enum(provisionForms, { message: 'validation.required' }),
    delivery: z.enum(deliveries, { message: 'validation.required' }),
  })
  .superRefine((a, ctx) => {
    if (a.delivery === 'email' && !a.applicant.email) ctx.addIssue({ code: 'custom', path: ['applicant', 'email'], message: 'applications.validation.emailForDelivery' });
    if (a.delivery === 'post' && !a.applicant.address) ctx.addIssue({ code: 'custom', path: ['applicant', 'address'], message: 'applications.validation.addressForDelivery' });
  });
export type ApplicationInput = z.output<typeof applicationInputSchema>;

/** Staff registering an application that arrived by post, letter, fax, e-mail or in person. */
export const registrationSchema = z.object({
  channel: z.enum(channels),
  /** The day it was handed in / the mail arrived (post, letter, fax: the receipt date is confirmed later). */
  on: isoDate,
  ref: optionalText(80),
});

/** Every staff action on a case; each becomes one event (see the service for who may do which). */
export const actionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('confirmReceipt'), on: isoDate }),
  z.object({ action: z.literal('requestCorrection'), on: isoDate, until: isoDate, what: z.string().trim().min(1, { message: 'validation.required' }).max(TEXT_MAX) }),
  z.object({ action: z.literal('recordCorrection'), on: isoDate, text: optionalText(DESCRIPTION_MAX) }),
  z.object({ action: z.literal('startConsultation'), on: isoDate, party: z.enum(consultationParties), with: optionalText(200) }),
  z.object({ action: z.literal('endConsultation'), on: isoDate, result: z.preprocess(blankToNull, z.enum(['agreed', 'objected', 'silent', 'other']).nullable().optional()).transform((v) => v ?? undefined), party: z.preprocess(blankToNull, z.enum(consultationParties).nullable().optional()).transform((v) => v ?? undefined) }),
  z.object({ action: z.literal('requestExtension'), on: isoDate, days: z.coerce.number().int().min(1).max(40), reason: z.string().trim().min(1, { message: 'validation.required' }).max(TEXT_MAX) }),
  z.object({ action: z.literal('approveExtension'), on: isoDate }),
  z.object({ action: z.literal('refuseExtension'), on: isoDate, reason: optionalText(TEXT_MAX) }),
  z.object({ action: z.literal('notifyFee'), on: isoDate, basis: z.enum(['perCase', 'perPage']), quantity: z.coerce.number().int().min(1).max(1_000_000) }),
  z.object({ action: z.literal('recordPayment'), on: isoDate }),
  z.object({
    action: z.literal('answer'),
    on: isoDate,
    outcome: z.enum(outcomeCodes, { message: 'applications.validation.outcome' }),
    detail: z.preprocess(blankToNull, z.string().nullable().optional()).transform((v) => v ?? null),
    reasons: optionalText(TEXT_MAX),
    rightAgency: optionalText(200),
  }),
  z.object({ action: z.literal('recordDelivery'), on: isoDate, method: z.enum([...deliveries, 'inPerson']), note: optionalText(500) }),
  z.object({ action: z.literal('withdraw'), on: isoDate, reason: optionalText(TEXT_MAX) }),
  z.object({ action: z.literal('assign'), handlerId: z.preprocess(blankToNull, z.string().nullable()) }),
  z.object({ action: z.literal('note'), text: z.string().trim().min(1, { message: 'validation.required' }).max(TEXT_MAX) }),
  z.object({ action: z.literal('fileProceeding'), kind: z.enum(proceedingKinds), body: z.string().trim().min(1, { message: 'validation.required' }).max(200), filedOn: isoDate }),
  z.object({
    action: z.literal('decideProceeding'),
    proceedingId: z.string().min(1),
    result: z.enum(['upheld', 'corrected', 'other']),
    decidedOn: isoDate,
    followUpDueOn: z.preprocess(blankToNull, isoDate.nullable().optional()).transform((v) => v ?? null),
  }),
]);
export type ActionInput = z.output<typeof actionSchema>;
export type ActionName = ActionInput['action'];
export const actionNames = actionSchema.options.map((o) => o.shape.action.value) as ActionName[];
