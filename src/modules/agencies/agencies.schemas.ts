import { z } from 'zod';
import { validateIndexPattern } from '../../kernel/index-pattern.ts';

// Messages are message-catalog keys; forms and the CLI translate them.

/** Names that are page addresses (/admin/agencies/new, /zwgk/apply …), so no agency or user may take them. */
const reservedNames = ['new', 'apply', 'search', 'admin', 'api', 'static'];
const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: 'validation.tooLong' })
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

export const agencyCodeSchema = z
  .string({ message: 'validation.required' })
  .trim()
  .min(1, { message: 'validation.required' })
  .max(64, { message: 'validation.tooLong' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'validation.agencyCode' })
  .refine((v) => !reservedNames.includes(v.toLowerCase()), { message: 'validation.reserved' });

export const agencyInputSchema = z.object({
  code: agencyCodeSchema,
  name: z.string({ message: 'validation.required' }).trim().min(1, { message: 'validation.required' }).max(100, { message: 'validation.tooLong' }),
  nameEn: optText(200),
  shortName: optText(50),
  parent: z
    .string()
    .trim()
    .optional()
    .nullable()
    .transform((v) => (v ? v : null)), // parent agency code
  kind: z.enum(['government', 'department', 'township'], { message: 'validation.invalid' }),
  creditCode: optText(18).refine((v) => v === null || /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(v), { message: 'validation.creditCode' }),
  indexPrefix: optText(40),
  indexPattern: optText(80).superRefine((v, ctx) => {
    const problem = v === null ? null : validateIndexPattern(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  sortOrder: z.coerce.number().int().min(0).max(1_000_000).optional().default(0),
  officeName: optText(100),
  address: optText(200),
  postcode: optText(6).refine((v) => v === null || /^\d{6}$/.test(v), { message: 'validation.invalid' }),
  officeHours: optText(200),
  phone: optText(50).refine((v) => v === null || /^[0-9+()\- ,，、转]{5,50}$/.test(v), { message: 'validation.phone' }),
  fax: optText(50).refine((v) => v === null || /^[0-9+()\- ,，、转]{5,50}$/.test(v), { message: 'validation.phone' }),
  email: optText(100).refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { message: 'validation.email' }),
  website: optText(200).refine((v) => v === null || /^https?:\/\/\S+$/.test(v), { message: 'validation.url' }),
});
export type AgencyInput = z.input<typeof agencyInputSchema>;
export type AgencyData = z.output<typeof agencyInputSchema>;

export const usernameSchema = z
  .string({ message: 'validation.required' })
  .trim()
  .regex(/^[A-Za-z0-9._-]{3,32}$/, { message: 'validation.username' })
  .refine((v) => !reservedNames.includes(v.toLowerCase()), { message: 'validation.reserved' });

export const passwordSchema = z
  .string({ message: 'validation.required' })
  .min(10, { message: 'validation.password' })
  .max(200, { message: 'validation.tooLong' })
  .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), { message: 'validation.password' });

export const roleSchema = z.enum(['admin', 'authority', 'editor', 'handler', 'approver', 'inspector'], { message: 'validation.invalid' });

export const grantInputSchema = z.object({ role: roleSchema, agency: z.string().trim().optional().nullable().transform((v) => (v ? v : null)) });

export const userInputSchema = z.object({
  username: usernameSchema,
  displayName: z.string({ message: 'validation.required' }).trim().min(1, { message: 'validation.required' }).max(50, { message: 'validation.tooLong' }),
  password: passwordSchema,
  grants: z.array(grantInputSchema).default([]), // agency as code
});
export type UserInput = z.input<typeof userInputSchema>;
