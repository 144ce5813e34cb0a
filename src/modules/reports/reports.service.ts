/**
 * Annual reports: compile from the records, edit the texts and the entered figures, submit, approve and publish
 * (the report becomes a catalog publication of kind annualReport), track who has not published yet, and check
 * an imported report (spec annual-report.md; design docs/design/reports.md).
 */
import { errors, type FieldIssue } from '../../kernel/errors.ts';
import type { Clock } from '../../kernel/clock.ts';
import { newId } from '../../kernel/ids.ts';
import { todayInShanghai } from '../../kernel/calendar/index.ts';
import { canChangeAgency, canSeeAgency, type Agency, type AgencyTree, type Principal } from '../agencies/index.ts';
import type { AgenciesService } from '../agencies/index.ts';
import type { Actor, createAuditService } from '../audit/index.ts';
import type { ApplicationsRepository } from '../applications/index.ts';
import type { PublicationsRepository, PublicationsService } from '../catalog/index.ts';
import { failedChecks } from './checks.ts';
import { allFigureKeys, decimalFigure, formatForYear, signedFigure, type ReportFormat, type ReportJson, type ReportScope } from './format.ts';
import type { CompiledReport, ReportStatus, ReportTexts } from './model.ts';
import { textSections } from './model.ts';
import { formatNumber, resolveText, unknownPlaceholders, type PlaceholderContext } from './placeholders.ts';
import type { ReportRow, ReportsRepository } from './reports.repository.ts';
import { compileReport, feesCollected, type Aggregates, type ReportSubject } from './tables.ts';
import { defaultTexts } from './texts.ts';

type AuditService = ReturnType<typeof createAuditService>;

export interface ReportKey {
  agency: string; // agency code
  year: number;
  scope?: ReportScope;
}

/** The scope a government reports in (its whole level, rolled up) and everyone else (its own records). */
export const defaultScopeOf = (a: Pick<Agency, 'kind'>): ReportScope => (a.kind === 'government' ? 'rollup' : 'agency');

/**
 * The day an agency's report for `year` is due (Art. 49–50): a government's (for everything under it) by 31 March,
 * a department's by 31 January; the regulation sets no date for a township (null). Under the 2007 regulation
 * (reports for 2018 and before) every report was due by 31 March.
 */
export function reportDueOn(a: Pick<Agency, 'kind'>, year: number): string | null {
  if (year <= 2018 || a.kind === 'government') return `${year + 1}-03-31`;
  return a.kind === 'department' ? `${year + 1}-01-31` : null;
}

/** How many years the trend (year-on-year) covers, the report's year included. */
const TREND_YEARS = 5;

export function createReportsService(deps: {
  repo: ReportsRepository;
  applications: Pick<ApplicationsRepository, 'reportCounts' | 'yearTotals'>;
  catalog: Pick<PublicationsRepository, 'reportCounts'>;
  publications: PublicationsService;
  agencies: AgenciesService;
  audit: AuditService;
  clock: Clock;
  /** The publication body of a published report (HTML the catalog sanitises): sections and tables. */
  catalogBody: (report: CompiledReport) => string;
}) {
  const { repo, agencies, audit, clock } = deps;

  async function subjectOf(principal: Principal, code: string): Promise<{ tree: AgencyTree; agency: Agency }> {
    const tree = await agencies.tree();
    const agency = tree.byCode.get(code);
    if (!agency || !canSeeAgency(principal, tree, agency.id)) throw errors.notFound('agency', code);
    return { tree, agency };
  }

  /** The agencies a report covers: the agency, or (roll-up) it and everything below it. */
  function scopeAgencies(tree: AgencyTree, agency: Agency, scope: ReportScope): ReportSubject[] {
    return (scope === 'rollup' ? tree.subtree(agency.id) : [agency]).map((a) => ({
      id: a.id,
      code: a.code,
      name: a.name,
      parent: a.id === agency.id ? null : (tree.parent(a.id)?.code ?? null),
    }));
  }

  /** Every count a report needs for a year, from the applications and the catalog (each module counts its own). */
  async function aggregates(ids: string[], year: number, format: ReportFormat) {
    const [apps, catalog, figureRows] = await Promise.all([deps.applications.reportCounts(ids, year, { legacy: format === 'legacy' }), deps.catalog.reportCounts(ids, year), repo.figures(ids, year)]);
    const proactive = new Map<string, { items: number; normativeDocuments: number }>();
    const byKind = new Map<string, number>();
    for (const p of catalog.published) {
      const row = proactive.get(p.agencyId) ?? { items: 0, normativeDocuments: 0 };
      row.items += p.n;
      if (p.kind === 'normativeDocument') row.normativeDocuments += p.n;
      proactive.set(p.agencyId, row);
      byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + p.n);
    }
    const agg: Aggregates = {
      // The applications module counts with its stored codes (applicant types, outcomes, kinds, results).
      ...(apps as unknown as Pick<Aggregates, 'received' | 'closed' | 'openAtStart' | 'openAtEnd' | 'proceedingsDecided' | 'proceedingsPending' | 'fees'>),
      documents: catalog.documents,
      documentsDistinct: catalog.documentsDistinct,
      figures: figureRows.map((f) => ({ agencyId: f.agency_id, key: f.key, value: Number(f.value) })),
      proactive: [...proactive].map(([agencyId, v]) => ({ agencyId, ...v })),
    };
    return { agg, figureRows, publishedByKind: [...byKind].map(([kind, n]) => ({ kind, n })).sort((a, b) => b.n - a.n) };
  }

  /**
   * Received, closed and carried forward of the years before: from their published reports, else counted now. A
   * year's carried forward is the next year's carried over (identity 1 walked backwards from this year's table), so
   * only two counts per year are needed (read for all the years at once).
   */
  async function trendBefore(agency: Agency, ids: string[], year: number, scope: ReportScope, carriedOver: number): Promise<CompiledReport['trend']> {
    const out: CompiledReport['trend'] = [];
    const years = Array.from({ length: TREND_YEARS - 1 }, (_, i) => year - 1 - i);
    const [stored, totals] = await Promise.all([repo.findYears(agency.id, years, scope), deps.applications.yearTotals(ids, years)]);
    let carriedForward = carriedOver;
    for (const y of years) {
      const past = stored.find((r) => r.year === y);
      const point =
        past?.status === 'published' && past.snapshot
          ? trendPoint(y, (JSON.parse(past.snapshot) as CompiledReport).json.table3)
          : { year: y, ...(totals.get(y) ?? { received: 0, closed: 0 }), carriedForward };
      out.unshift(point);
      carriedForward = point.carriedForward + point.closed - point.received;
    }
    // Start at the first year with any case.
    const first = out.findIndex((p) => p.received + p.closed + p.carriedForward > 0);
    return first < 0 ? [] : out.slice(first);
  }

  const titleOf = (agency: Agency, year: number) => `${agency.name}${year}年政府信息公开工作年度报告`;

  function parseTexts(row: ReportRow | undefined, format: ReportFormat): ReportTexts {
    const stored = row ? (JSON.parse(row.texts) as Partial<ReportTexts>) : {};
    const defaults = defaultTexts(format);
    return Object.fromEntries(textSections.map((s) => [s, stored[s] ?? defaults[s]])) as ReportTexts;
  }

  function resolveAll(ctx: PlaceholderContext, texts: ReportTexts): ReportTexts {
    const resolved = Object.fromEntries(textSections.map((s) => [s, resolveText(ctx, texts[s])])) as ReportTexts;
    // Section 六 states the fees collected under 国办函〔2020〕109号 (the legacy format has its own fees section).
    if (ctx.json.format !== 'legacy') {
      const fees = ctx.feesCollected > 0 ? `本年度依据《政府信息公开信息处理费管理办法》收取信息处理费${formatNumber(ctx.feesCollected)}元。` : '本年度未收取信息处理费。';
      resolved.other = resolved.other.trim() ? `${resolved.other.trim()}\n\n${fees}` : fees;
    }
    return resolved;
  }

  /** Last year's published report of the same agency and scope (for the carried-over check), if any. */
  async function previousPublished(agencyId: string, year: number, scope: ReportScope): Promise<ReportJson | null> {
    const prev = await repo.find(agencyId, year - 1, scope);
    return prev?.status === 'published' && prev.snapshot ? (JSON.parse(prev.snapshot) as CompiledReport).json : null;
  }

  /** Compiles the report of `agency` for `year` (`row`: its stored state, as the caller has just read it). */
  async function build(tree: AgencyTree, agency: Agency, row: ReportRow | undefined, year: number, scope: ReportScope, format: ReportFormat, opts: { trend: boolean }): Promise<CompiledReport> {
    if (row?.status === 'published' && row.snapshot && row.format === format) return JSON.parse(row.snapshot) as CompiledReport;
    const subjects = scopeAgencies(tree, agency, scope);
    const ids = subjects.map((s) => s.id);
    const [{ agg, figureRows, publishedByKind }, previous] = await Promise.all([aggregates(ids, year, format), previousPublished(agency.id, year, scope)]);
    const json = compileReport({ format, subject: { id: agency.id, code: agency.code, name: agency.name }, year, scope, agencies: subjects, agg, previous });
    const trend = opts.trend ? await trendBefore(agency, ids, year, scope, json.table3.rows.carriedOver?.[6] ?? 0) : [];
    const fees = feesCollected(agg);
    const texts = parseTexts(row, format);
    const ctx: PlaceholderContext = { json, agencyName: agency.name, feesCollected: fees };
    const codeOf = new Map(subjects.map((s) => [s.id, s.code]));
    return {
      json,
      subject: { id: agency.id, code: agency.code, name: agency.name, kind: agency.kind },
      year,
      scope,
      title: titleOf(agency, year),
      texts,
      resolved: resolveAll(ctx, texts),
      feesCollected: fees,
      trend: [...trend, trendPoint(year, json.table3)],
      publishedByKind,
      figures: figureRows.map((f) => ({ agency: codeOf.get(f.agency_id) ?? f.agency_id, key: f.key, value: Number(f.value), source: f.source })),
      id: row?.id ?? null,
      status: (row?.status as ReportStatus | undefined) ?? 'draft',
      returnReason: row?.status === 'draft' ? (row.return_reason ?? null) : null,
      publishedOn: row?.published_on ?? null,
      publication: null,
      frozen: false,
    };
  }

  async function ensureRow(agency: Agency, year: number, scope: ReportScope, actor: Actor): Promise<ReportRow> {
    const existing = await repo.find(agency.id, year, scope);
    if (existing) return existing;
    const at = clock.now().toISOString();
    await repo.insert({ id: newId(), agency_id: agency.id, year, scope, format: formatForYear(year), status: 'draft', texts: '{}', created_at: at, updated_at: at, updated_by: actor.userId });
    return (await repo.find(agency.id, year, scope))!;
  }

  function requireYear(year: number): void {
    if (!Number.isInteger(year) || year < 2008 || year > Number(todayInShanghai(clock.now()).slice(0, 4))) {
      throw errors.validation([{ field: 'year', message: 'reports.validation.year', params: { max: Number(todayInShanghai(clock.now()).slice(0, 4)) } }]);
    }
  }

  async function editable(principal: Principal, key: ReportKey) {
    const { tree, agency } = await subjectOf(principal, key.agency);
    if (!canChangeAgency(principal, tree, agency.id, 'editor')) throw errors.forbidden();
    requireYear(key.year);
    return { tree, agency, scope: key.scope ?? defaultScopeOf(agency) };
  }

  return {
    defaultScopeOf,
    reportDueOn,

    /**
     * The report of an agency for a year: the published one as it was published, otherwise compiled now from the
     * records with the stored texts. `format` overrides the year's format (a published report keeps its own).
     */
    async compile(principal: Principal, key: ReportKey & { format?: ReportFormat; trend?: boolean }): Promise<CompiledReport> {
      const { tree, agency } = await subjectOf(principal, key.agency);
      requireYear(key.year);
      const scope = key.scope ?? defaultScopeOf(agency);
      const stored = await repo.find(agency.id, key.year, scope);
      const format = key.format ?? (stored?.format as ReportFormat | undefined) ?? formatForYear(key.year);
      return build(tree, agency, stored, key.year, scope, format, { trend: key.trend ?? true });
    },

    /** A published report for the public (not found otherwise). */
    async published(code: string, year: number, scope?: ReportScope): Promise<CompiledReport> {
      const tree = await agencies.tree();
      const agency = tree.byCode.get(code);
      if (!agency) throw errors.notFound('report', `${code}/${year}`);
      const row = await repo.find(agency.id, year, scope ?? defaultScopeOf(agency));
      if (row?.status !== 'published' || !row.snapshot) throw errors.notFound('report', `${code}/${year}`);
      return JSON.parse(row.snapshot) as CompiledReport;
    },

    /** Published reports, newest first (an agency's list of reports on the portal). */
    async publishedList(code: string): Promise<{ year: number; scope: string; title: string; publishedOn: string | null }[]> {
      const tree = await agencies.tree();
      const agency = tree.byCode.get(code);
      if (!agency) throw errors.notFound('agency', code);
      return (await repo.published(agency.id)).map((r) => ({ year: r.year, scope: r.scope, title: titleOf(agency, r.year), publishedOn: r.published_on }));
    },

    /** Saves the text sections; every placeholder must name a figure of this report. */
    async saveTexts(principal: Principal, actor: Actor, key: ReportKey, texts: Partial<ReportTexts>): Promise<void> {
      const { tree, agency, scope } = await editable(principal, key);
      const row = await ensureRow(agency, key.year, scope, actor);
      if (row.status !== 'draft') throw errors.conflict('report not a draft', { reason: 'notDraft', status: row.status });
      const report = await build(tree, agency, row, key.year, scope, row.format as ReportFormat, { trend: false });
      const ctx: PlaceholderContext = { json: report.json, agencyName: agency.name, feesCollected: report.feesCollected };
      const issues: FieldIssue[] = [];
      const next = { ...report.texts };
      for (const s of textSections) {
        const t = texts[s];
        if (t === undefined) continue;
        if (t.length > 50_000) issues.push({ field: s, message: 'validation.tooLong' });
        const unknown = unknownPlaceholders(ctx, t);
        if (unknown.length) issues.push({ field: s, message: 'reports.validation.unknownPlaceholder', params: { names: unknown.map((n) => `{${n}}`).join('、') } });
        next[s] = t.replace(/\r\n/g, '\n');
      }
      if (issues.length) throw errors.validation(issues);
      await repo.update(row.id, { texts: JSON.stringify(next), updated_at: clock.now().toISOString(), updated_by: actor.userId });
      await audit.record(actor, { action: 'report.texts', target: { type: 'annualReport', id: row.id, label: titleOf(agency, key.year) }, agencyId: agency.id });
    },

    /** Changes the format of a draft (e.g. a 2019–2020 report in the trial format, or the current one). */
    async setFormat(principal: Principal, actor: Actor, key: ReportKey, format: ReportFormat): Promise<void> {
      const { agency, scope } = await editable(principal, key);
      const row = await ensureRow(agency, key.year, scope, actor);
      if (row.status !== 'draft') throw errors.conflict('report not a draft', { reason: 'notDraft', status: row.status });
      await repo.update(row.id, { format, updated_at: clock.now().toISOString(), updated_by: actor.userId });
    },

    /** The entered figures of an agency and year (table 二 rows that Gongkai does not hold). */
    async figures(principal: Principal, code: string, year: number) {
      const { agency } = await subjectOf(principal, code);
      return (await repo.figures([agency.id], year)).map((f) => ({ key: f.key, value: Number(f.value), source: f.source, updatedAt: f.updated_at }));
    },

    /**
     * Sets figures of an agency and year (value null clears one). Each needs its source (the system or document
     * it comes from). Counts are whole and not negative, except 本年增/减; amounts may have two decimals.
     */
    async saveFigures(principal: Principal, actor: Actor, code: string, year: number, entries: { key: string; value: number | null; source: string }[]): Promise<number> {
      const { agency } = await editable(principal, { agency: code, year });
      const issues: FieldIssue[] = [];
      for (const e of entries) {
        if (!allFigureKeys.includes(e.key)) issues.push({ field: e.key, message: 'reports.validation.figureKey', params: { key: e.key } });
        else if (e.value !== null) {
          if (!Number.isFinite(e.value) || (!signedFigure(e.key) && e.value < 0)) issues.push({ field: e.key, message: 'reports.validation.figureValue' });
          else if (!decimalFigure(e.key) && !Number.isInteger(e.value)) issues.push({ field: e.key, message: 'reports.validation.figureWhole' });
          else if (decimalFigure(e.key) && Math.abs(Math.round(e.value * 100) - e.value * 100) > 1e-6) issues.push({ field: e.key, message: 'reports.validation.figureDecimals' });
          if (!e.source.trim()) issues.push({ field: `${e.key}.source`, message: 'reports.validation.sourceRequired' });
          if (e.source.length > 200) issues.push({ field: `${e.key}.source`, message: 'validation.tooLong' });
        }
      }
      if (issues.length) throw errors.validation(issues);
      await repo.setFigures(agency.id, year, entries.map((e) => ({ ...e, source: e.source.trim() })), clock.now().toISOString(), actor.userId);
      await audit.record(actor, { action: 'report.figures', target: { type: 'agency', id: agency.id, label: agency.name }, agencyId: agency.id, detail: { year, keys: entries.map((e) => e.key) } });
      return entries.length;
    },

    /** Draft → submitted for the authority's approval; refused while any balance check fails. */
    async submit(principal: Principal, actor: Actor, key: ReportKey): Promise<void> {
      const { tree, agency, scope } = await editable(principal, key);
      const row = await ensureRow(agency, key.year, scope, actor);
      if (row.status !== 'draft') throw errors.conflict('report not a draft', { reason: 'notDraft', status: row.status });
      const report = await build(tree, agency, row, key.year, scope, row.format as ReportFormat, { trend: false });
      const failed = failedChecks(report.json.checks);
      if (failed.length) throw errors.conflict('balance checks fail', { reason: 'checksFail', failed: failed.length });
      const at = clock.now().toISOString();
      await repo.update(row.id, { status: 'submitted', submitted_at: at, submitted_by: actor.userId, return_reason: null, updated_at: at, updated_by: actor.userId });
      await audit.record(actor, { action: 'report.submit', target: { type: 'annualReport', id: row.id, label: titleOf(agency, key.year) }, agencyId: agency.id });
    },

    /** Submitted → draft, with the authority's reason. */
    async returnDraft(principal: Principal, actor: Actor, key: ReportKey, reason: string): Promise<void> {
      const { tree, agency } = await subjectOf(principal, key.agency);
      if (!canChangeAgency(principal, tree, agency.id, 'authority')) throw errors.forbidden();
      const row = await repo.find(agency.id, key.year, key.scope ?? defaultScopeOf(agency));
      if (!row || row.status !== 'submitted') throw errors.conflict('report not submitted', { reason: 'notSubmitted', status: row?.status ?? 'none' });
      if (!reason.trim()) throw errors.validation([{ field: 'reason', message: 'validation.required' }]);
      const at = clock.now().toISOString();
      await repo.update(row.id, { status: 'draft', return_reason: reason.trim().slice(0, 1000), updated_at: at, updated_by: actor.userId });
      await audit.record(actor, { action: 'report.return', target: { type: 'annualReport', id: row.id, label: titleOf(agency, key.year) }, agencyId: agency.id, detail: { reason } });
    },

    /**
     * The authority approves a submitted report: it is compiled once more and checked, frozen, and published in
     * the catalog (kind annualReport, with its index number). Returns the publication.
     */
    async approve(principal: Principal, actor: Actor, key: ReportKey): Promise<{ publicationId: string; indexNo: string | null }> {
      const { tree, agency } = await subjectOf(principal, key.agency);
      if (!canChangeAgency(principal, tree, agency.id, 'authority')) throw errors.forbidden();
      const scope = key.scope ?? defaultScopeOf(agency);
      const row = await repo.find(agency.id, key.year, scope);
      if (!row || row.status !== 'submitted') throw errors.conflict('report not submitted', { reason: 'notSubmitted', status: row?.status ?? 'none' });
      const report = await build(tree, agency, row, key.year, scope, row.format as ReportFormat, { trend: true });
      if (failedChecks(report.json.checks).length) throw errors.conflict('balance checks fail', { reason: 'checksFail', failed: failedChecks(report.json.checks).length });
      const today = todayInShanghai(clock.now());
      const frozen: CompiledReport = { ...report, id: row.id, status: 'published', publishedOn: today, frozen: true };
      const draft = await deps.publications.createDraft(principal, actor, agency.code, {
        title: report.title,
        kind: 'annualReport',
        genre: '报告',
        topic: '综合政务/政务公开',
        writtenOn: today,
        keywords: ['政府信息公开', '年度报告'],
        summary: `${report.title}，依据《中华人民共和国政府信息公开条例》编制，由政务公开平台根据办理记录生成。`,
        body: deps.catalogBody(frozen),
      });
      await deps.publications.submit(principal, actor, draft.id);
      const { publication } = await deps.publications.approve(principal, actor, draft.id, { confidentialityReviewed: true, note: 'annual report' });
      frozen.publication = { id: publication.id, indexNo: publication.indexNo };
      const at = clock.now().toISOString();
      await repo.update(row.id, { status: 'published', snapshot: JSON.stringify(frozen), publication_id: publication.id, approved_at: at, approved_by: actor.userId, published_on: today, updated_at: at, updated_by: actor.userId });
      await audit.record(actor, { action: 'report.publish', target: { type: 'annualReport', id: row.id, label: report.title }, agencyId: agency.id, detail: { publication: publication.id, indexNo: publication.indexNo } });
      return { publicationId: publication.id, indexNo: publication.indexNo };
    },

    /**
     * Whose report for `year` is missing (spec: departments by 31 January, governments by 31 March): every agency the
     * principal sees, with its report's status and due date, overdue when not published by then.
     */
    async deadlines(principal: Principal, year: number): Promise<{ agency: Agency; depth: number; scope: ReportScope; dueOn: string | null; status: ReportStatus | 'none'; overdue: boolean; publishedOn: string | null }[]> {
      const tree = await agencies.tree();
      const visible = tree.flatten().filter(({ agency }) => !agency.disabled && canSeeAgency(principal, tree, agency.id));
      const rows = await repo.ofYear(visible.map((v) => v.agency.id), year);
      const byKey = new Map(rows.map((r) => [`${r.agency_id} ${r.scope}`, r]));
      const today = todayInShanghai(clock.now());
      return visible.map(({ agency, depth }) => {
        const scope = defaultScopeOf(agency);
        const r = byKey.get(`${agency.id} ${scope}`);
        const dueOn = reportDueOn(agency, year);
        const status = (r?.status as ReportStatus | undefined) ?? 'none';
        return { agency, depth, scope, dueOn, status, overdue: status !== 'published' && dueOn !== null && today > dueOn, publishedOn: r?.published_on ?? null };
      });
    },
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;

function trendPoint(year: number, t: ReportJson['table3']): CompiledReport['trend'][number] {
  const total = (row: string) => t.rows[row]?.[6] ?? 0;
  return { year, received: total('received'), closed: total('total'), carriedForward: total('carriedForward') };
}
