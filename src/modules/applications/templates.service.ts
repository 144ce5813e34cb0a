/**
 * Letter templates edited by an authority (for itself and every agency below it) or by an administrator
 * (scope '*': every agency without its own). A letter uses the nearest template up its agency's path, then
 * '*', then the built-in one (applications.service issueLetter reads them the same way).
 */
import type { Clock } from '../../kernel/clock.ts';
import { todayInShanghai } from '../../kernel/calendar/index.ts';
import { errors } from '../../kernel/errors.ts';
import type { Actor, AuditService } from '../audit/index.ts';
import { isAdmin, type Agency, type AgenciesService, type AgencyTree, type Principal } from '../agencies/index.ts';
import type { ApplicationsRepository } from './applications.repository.ts';
import { emptyState, type CaseState } from './case-state.ts';
import { composeLetter, defaultTemplate, templateKeys, type LetterContent, type LetterKind } from './letters.ts';
import { outcomeRules, type OutcomeCode } from './outcomes.ts';
import type { Applicant } from './types.ts';

/** Every {placeholder} composeLetter fills (letters.ts); anything else in a template is refused. */
export const templatePlaceholders = [
  'applicant', 'trackingCode', 'receivedOn', 'description', 'agency', 'regulation', 'article', 'reasons', 'what', 'until', 'days', 'dueOn',
  'extensionReason', 'amount', 'quantity', 'feeBasis', 'correctionRequestedOn', 'correctionUntil', 'feeNotifiedOn', 'rightAgency',
  'notHeldSentence', 'alreadyPublished', 'reviewBody', 'correctionArticle', 'extensionArticle', 'consultationArticle',
] as const;
const allowed = new Set<string>(templatePlaceholders);
export const TEMPLATE_MAX = 10_000;
/** The scope of the templates an administrator sets for every agency. */
export const ALL_SCOPE = '*';

/** Placeholders of a template body that composeLetter would leave unfilled. */
export function unknownPlaceholders(body: string): string[] {
  return [...new Set([...body.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((n) => !allowed.has(n)))];
}

export type TemplateSource = 'own' | 'inherited' | 'default';
export interface TemplateItem {
  key: string;
  kind: LetterKind;
  outcome: OutcomeCode | null;
  body: string;
  source: TemplateSource;
  /** Where an inherited template was set: an agency's name, or null for '*'. */
  from: { scope: string; agency: Agency | null } | null;
  updatedAt: string | null;
}

/** One editable scope: an agency (its authority) or '*' (administrators). */
export interface TemplateScope {
  scope: string;
  agency: Agency | null;
}

export function kindOfKey(key: string): { kind: LetterKind; outcome: OutcomeCode | null } {
  if (key.startsWith('answer.')) return { kind: 'answer', outcome: key.slice('answer.'.length) as OutcomeCode };
  return { kind: key as LetterKind, outcome: null };
}

export function createLetterTemplatesService(deps: { repo: ApplicationsRepository; agencies: AgenciesService; audit: AuditService; clock: Clock }) {
  const { repo, audit, clock } = deps;

  /** Scopes the principal may edit: its authority agencies (and, for administrators, '*' and every agency). */
  function scopesOf(p: Principal, tree: AgencyTree): TemplateScope[] {
    if (isAdmin(p)) return [{ scope: ALL_SCOPE, agency: null }, ...tree.flatten().map(({ agency }) => ({ scope: agency.id, agency }))];
    const out: TemplateScope[] = [];
    for (const g of p.grants) {
      if (g.role !== 'authority' || !g.agencyId) continue;
      const a = tree.byId.get(g.agencyId);
      if (a && !out.some((s) => s.scope === a.id)) out.push({ scope: a.id, agency: a });
    }
    return out;
  }

  /** The scope asked for (an agency code, '*', or nothing: the first the principal may edit). */
  async function resolve(p: Principal, scopeCode?: string | null) {
    const tree = await deps.agencies.tree();
    const scopes = scopesOf(p, tree);
    if (!scopes.length) throw errors.forbidden('Only an authority or an administrator edits letter templates');
    let scope = scopes[0];
    if (scopeCode) {
      const wanted = scopeCode === ALL_SCOPE ? ALL_SCOPE : tree.byCode.get(scopeCode)?.id;
      const hit = scopes.find((s) => s.scope === wanted);
      if (!hit) throw errors.notFound('templateScope', scopeCode);
      scope = hit;
    }
    return { tree, scopes, scope };
  }

  function requireKey(key: string): void {
    if (!templateKeys.includes(key)) throw errors.notFound('letterTemplate', key);
  }

  /** Each template key as it applies at a scope: its own, inherited from above, or the built-in one. */
  async function itemsAt(tree: AgencyTree, scope: string): Promise<TemplateItem[]> {
    const chain = scope === ALL_SCOPE ? [ALL_SCOPE] : [...tree.path(scope).map((a) => a.id).reverse(), ALL_SCOPE];
    const rows = await repo.templates(chain);
    return templateKeys.map((key) => {
      const { kind, outcome } = kindOfKey(key);
      for (const s of chain) {
        const hit = rows.find((r) => r.scope === s && r.kind === key);
        if (hit) {
          return { key, kind, outcome, body: hit.body, source: s === scope ? 'own' : 'inherited', from: { scope: s, agency: s === ALL_SCOPE ? null : (tree.byId.get(s) ?? null) }, updatedAt: hit.updated_at } satisfies TemplateItem;
        }
      }
      return { key, kind, outcome, body: defaultTemplate(key), source: 'default', from: null, updatedAt: null } satisfies TemplateItem;
    });
  }

  function validate(body: string): string {
    const text = body.replace(/\r\n?/g, '\n').trim();
    if (!text) throw errors.validation([{ field: 'body', message: 'validation.required' }]);
    if (text.length > TEMPLATE_MAX) throw errors.validation([{ field: 'body', message: 'validation.tooLong', params: { max: TEMPLATE_MAX } }]);
    const unknown = unknownPlaceholders(text);
    if (unknown.length) throw errors.validation([{ field: 'body', message: 'applicationsLetters.template.unknownPlaceholder', params: { names: unknown.map((n) => `{${n}}`).join('、') } }]);
    return text;
  }

  return {
    scopesOf,

    async list(principal: Principal, scopeCode?: string | null) {
      const { tree, scopes, scope } = await resolve(principal, scopeCode);
      return { scopes, scope, items: await itemsAt(tree, scope.scope) };
    },

    async get(principal: Principal, key: string, scopeCode?: string | null) {
      requireKey(key);
      const { tree, scopes, scope } = await resolve(principal, scopeCode);
      const item = (await itemsAt(tree, scope.scope)).find((i) => i.key === key)!;
      return { scopes, scope, item };
    },

    /** Stores the scope's own template for a key; placeholders must be ones composeLetter fills. */
    async save(principal: Principal, actor: Actor, key: string, body: string, scopeCode?: string | null) {
      requireKey(key);
      const { scope } = await resolve(principal, scopeCode);
      const text = validate(body);
      await repo.upsertTemplate(scope.scope, key, text, clock.now().toISOString(), actor.userId);
      await audit.record(actor, { action: 'letterTemplate.save', target: { type: 'letterTemplate', id: key, label: key }, agencyId: scope.agency?.id ?? null, detail: { scope: scope.agency?.code ?? ALL_SCOPE, length: text.length } });
      return { scope };
    },

    /** Removes the scope's own template for a key: the one above (or the built-in one) applies again. */
    async reset(principal: Principal, actor: Actor, key: string, scopeCode?: string | null) {
      requireKey(key);
      const { scope } = await resolve(principal, scopeCode);
      await repo.deleteTemplate(scope.scope, key);
      await audit.record(actor, { action: 'letterTemplate.reset', target: { type: 'letterTemplate', id: key, label: key }, agencyId: scope.agency?.id ?? null, detail: { scope: scope.agency?.code ?? ALL_SCOPE } });
      return { scope };
    },

    /** The letter a template gives for a sample case of the scope's agency (validated like save). */
    async preview(principal: Principal, key: string, body: string, scopeCode?: string | null): Promise<LetterContent> {
      requireKey(key);
      const { tree, scope } = await resolve(principal, scopeCode);
      const text = validate(body);
      return sampleLetter(key, text, scope.agency ?? tree.roots()[0] ?? null, clock.now());
    },
  };
}
export type LetterTemplatesService = ReturnType<typeof createLetterTemplatesService>;

/** A letter composed from a template for an invented case (the preview while editing). */
export function sampleLetter(key: string, body: string, agency: Agency | null, now: Date): LetterContent {
  const { kind, outcome } = kindOfKey(key);
  const today = todayInShanghai(now);
  const a: Agency = agency ?? ({ id: 'sample', code: 'sample', name: '示例市示例局', shortName: '示例', kind: 'department', parentId: null } as Agency);
  const applicant: Applicant = { type: 'natural', name: '张三', idType: 'residentId', idNumber: null, creditCode: null, legalRepresentative: null, contactPerson: null, phone: null, email: null, address: null, postcode: null };
  const state: CaseState = {
    ...emptyState(),
    status: 'inProgress',
    receivedOn: today,
    rules: 'cn-2019',
    dueOn: today,
    correction: { requestedOn: today, until: today, correctedOn: null },
    extension: { days: 20, reason: '需要进一步核实相关信息', requestedOn: today, approvedOn: today, refused: false },
    fee: { notifiedOn: today, amount: 100, basis: 'perCase', quantity: 11, paidOn: null, lapsesAfter: today },
  };
  const data: Record<string, unknown> =
    kind === 'answer'
      ? { outcome, detail: outcome ? (outcomeRules[outcome].details?.[0] ?? null) : null, reasons: '（此处为答复理由示例）', rightAgency: '示例市某某局' }
      : kind === 'correction'
        ? { until: today, what: '请明确所需信息的名称、文号或者形成时间' }
        : kind === 'extension'
          ? { days: 20 }
          : kind === 'fee'
            ? { amount: 100, basis: 'perCase', quantity: 11 }
            : { party: 'thirdParty', with: '某某有限公司' };
  return composeLetter({
    kind,
    row: { tracking_code: 'YS2026SAMPLE00', description: '（示例）2025年度本机关部门预算及“三公”经费支出情况', received_on: today, submitted_on: today, rules: 'cn-2019' },
    applicant,
    state,
    event: { type: kind === 'answer' ? 'answered' : 'note', on: today, data } as never,
    agency: a,
    parentGovernment: null,
    serial: 1,
    year: Number(today.slice(0, 4)),
    template: (k) => (k === key ? body : null),
  });
}

