/**
 * What the office enters for a website (form, CLI, demo), validated. Messages are catalog keys; forms show them
 * next to the field (columns.2.url …).
 */
import { z } from 'zod';
import { columnKinds, defaultCrawlBounds, type SiteConfig } from './monitor-types.ts';

const httpUrl = z
  .string()
  .trim()
  .min(1, { message: 'validation.required' })
  .max(2000)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
    } catch {
      return false;
    }
  }, { message: 'validation.url' });

const pattern = z
  .string()
  .max(200)
  .refine((s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  }, { message: 'oversight.validation.pattern' });

const dateSource = z.discriminatedUnion('type', [
  z.object({ type: z.literal('meta') }),
  z.object({ type: z.literal('selector'), selector: z.string().trim().min(1, { message: 'validation.required' }).max(200), onItemPage: z.boolean().optional() }),
  z.object({ type: z.literal('pattern'), pattern: pattern.optional() }),
]);

const name = z.string().trim().min(1, { message: 'validation.required' }).max(100);
const selector = z.string().trim().max(200).optional().transform((s) => s || undefined);

export const siteInputSchema = z.object({
  name,
  homepage: httpUrl,
  columns: z.array(z.object({ name, url: httpUrl, kind: z.enum(columnKinds as [string, ...string[]]).transform((k) => k as SiteConfig['columns'][number]['kind']), itemSelector: selector, date: dateSource })).max(200).default([]),
  interaction: z
    .array(z.object({ name, url: httpUrl, itemSelector: selector, date: dateSource, unansweredPattern: pattern.optional().transform((s) => s || undefined) }))
    .max(50)
    .default([]),
  guides: z.array(z.object({ name, url: httpUrl })).max(200).default([]),
  ignoreRobots: z.boolean().default(false),
  maxDepth: z.number().int().min(0).max(10).default(defaultCrawlBounds.maxDepth),
  maxPages: z.number().int().min(1).max(10_000).default(defaultCrawlBounds.maxPages),
  maxExternalLinks: z.number().int().min(0).max(10_000).default(defaultCrawlBounds.maxExternalLinks),
});
export type SiteInput = z.input<typeof siteInputSchema>;
export type ParsedSiteInput = z.output<typeof siteInputSchema>;

/** The stored configuration of a parsed input. */
export function siteConfigOf(input: ParsedSiteInput): SiteConfig {
  return {
    homepage: input.homepage,
    columns: input.columns,
    interaction: input.interaction,
    guides: input.guides,
    ignoreRobots: input.ignoreRobots,
    maxDepth: input.maxDepth,
    maxPages: input.maxPages,
    maxExternalLinks: input.maxExternalLinks,
  };
}

export const rectificationInputSchema = z.object({
  dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' }),
  note: z.string().trim().max(2000).optional().transform((s) => s || null),
});

export const rectificationReplySchema = z.object({
  reply: z.string().trim().min(1, { message: 'validation.required' }).max(4000),
});
