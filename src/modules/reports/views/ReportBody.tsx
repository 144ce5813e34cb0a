/**
 * The report itself as HTML: sections 一…六 in the format's order, the texts with their figures resolved, and the
 * official tables (二, 三, 四) or the legacy statistics. The tables are the official Chinese document whatever the
 * interface language (labels.ts). `plain` gives markup that survives the catalog's sanitiser (catalog/sanitize.ts:
 * no class, no div or section, only table/caption/thead/tbody/tr/th/td with colspan, rowspan and scope), for the
 * body of the catalog publication; otherwise wide tables scroll inside their own box on a phone.
 */
import { Fragment, type ComponentChildren } from 'preact';
import type { T } from '../../../http/i18n/index.ts';
import { table4Blocks, type LegacyStats, type ReportJson } from '../format.ts';
import { legacyLayout, legacyValue, sectionHeadings, table2Blocks, table3BalanceNote, table3ColumnLabels, table3Layout, table4Labels, type SectionContent } from '../labels.ts';
import type { CompiledReport } from '../model.ts';
import { formatNumber } from '../placeholders.ts';

interface Opts {
  t: T;
  plain: boolean;
  /** Plain mode: the report's own page. Each wide table's caption links to it, which also gives the table focusable
   * content, so that a keyboard user can scroll it where the catalog page lets wide tables scroll. */
  href?: string;
}

/** A table's caption: in plain mode with a link to the same table on the report's page. */
function Caption({ o, text, anchor }: { o: Opts; text?: string; anchor: string }) {
  if (!o.plain || !o.href) return text ? <caption>{text}</caption> : null;
  return (
    <caption>
      {text ?? ''}
      {text ? ' ' : ''}
      <a href={`${o.href}#${anchor}`}>{o.t('reports.catalog.tableLink')}</a>
    </caption>
  );
}

/** A wide table: in its own scrolling region on the web page, bare in the catalog body. */
function Wide({ o, label, children }: { o: Opts; label: string; children: ComponentChildren }) {
  if (o.plain) return <>{children}</>;
  return (
    <div class="table-wrap report-table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** A text section: paragraphs at blank lines, line breaks kept. */
export function TextParagraphs({ text }: { text: string }) {
  const paras = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {paras.map((p, i) => (
        <p key={i}>
          {p.split('\n').map((line, j) => (
            <Fragment key={j}>
              {j > 0 && <br />}
              {line}
            </Fragment>
          ))}
        </p>
      ))}
    </>
  );
}

const n = (v: number | undefined) => formatNumber(v ?? 0);

export function Table2View({ json, o }: { json: ReportJson; o: Opts }) {
  if (json.format === 'legacy') return null;
  const t2 = json.table2 ?? {};
  return (
    <>
      {table2Blocks(json.format).map((b) => (
        <Wide key={b.heading} o={o} label={b.heading}>
          <table class={o.plain ? undefined : 'report-table'}>
            <Caption o={o} text={b.heading} anchor="sec-table2" />
            <thead>
              <tr>
                <th scope="col">{b.contentLabel}</th>
                {b.columns.map((c) => (
                  <th key={c.key} scope="col">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {b.rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.label}</th>
                  {b.columns.map((c, i) => (
                    <td key={c.key} class={o.plain ? undefined : 'num'}>
                      {n(t2[r.key]?.[i])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </Wide>
      ))}
    </>
  );
}

export function Table3View({ json, o, caption }: { json: ReportJson; o: Opts; caption?: string }) {
  const L = table3ColumnLabels;
  const rows = json.table3.rows;
  return (
    <Wide o={o} label={caption ?? o.t('reports.table3.label')}>
      <table class={o.plain ? undefined : 'report-table report-table3'}>
        <Caption o={o} text={caption ?? (o.plain ? o.t('reports.table3.label') : undefined)} anchor="sec-table3" />
        <thead>
          <tr>
            <th rowSpan={3} scope="col">
              {table3BalanceNote}
            </th>
            <th colSpan={7} scope="colgroup">
              {L.applicants}
            </th>
          </tr>
          <tr>
            <th rowSpan={2} scope="col">
              {L.natural}
            </th>
            <th colSpan={5} scope="colgroup">
              {L.organisations}
            </th>
            <th rowSpan={2} scope="col">
              {L.total}
            </th>
          </tr>
          <tr>
            <th scope="col">{L.commercial}</th>
            <th scope="col">{L.research}</th>
            <th scope="col">{L.publicInterest}</th>
            <th scope="col">{L.legalService}</th>
            <th scope="col">{L.otherOrg}</th>
          </tr>
        </thead>
        <tbody>
          {table3Layout(json.format).map((line) => (
            <tr key={line.key} class={o.plain ? undefined : `level-${line.level}${line.heading ? ' row-heading' : ''}`}>
              <th scope="row">{line.label}</th>
              {Array.from({ length: 7 }, (_, i) => (
                <td key={i} class={o.plain ? undefined : 'num'}>
                  {line.heading ? '' : n(rows[line.key]?.[i])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Wide>
  );
}

export function Table4View({ json, o }: { json: ReportJson; o: Opts }) {
  const cols = table4Labels.columns;
  return (
    <Wide o={o} label={o.t('reports.table4.label')}>
      <table class={o.plain ? undefined : 'report-table report-table4'}>
        <Caption o={o} text={o.plain ? o.t('reports.table4.label') : undefined} anchor="sec-table4" />
        <thead>
          <tr>
            <th colSpan={5} scope="colgroup">
              {table4Labels.reconsideration}
            </th>
            <th colSpan={10} scope="colgroup">
              {table4Labels.litigation}
            </th>
          </tr>
          <tr>
            {cols.map((c) => (
              <th key={c} rowSpan={2} scope="col">
                {c}
              </th>
            ))}
            <th colSpan={5} scope="colgroup">
              {table4Labels.litigationDirect}
            </th>
            <th colSpan={5} scope="colgroup">
              {table4Labels.litigationAfterReconsideration}
            </th>
          </tr>
          <tr>
            {[...cols, ...cols].map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {table4Blocks.flatMap((b) =>
              Array.from({ length: 5 }, (_, i) => (
                <td key={`${b}${i}`} class={o.plain ? undefined : 'num'}>
                  {n(json.table4[b]?.[i])}
                </td>
              )),
            )}
          </tr>
        </tbody>
      </table>
    </Wide>
  );
}

/** Which legacy lines each legacy section shows. */
const legacyGroups: Record<string, (key: string) => boolean> = {
  legacyProactive: (k) => k.startsWith('proactive.'),
  legacyApplications: (k) => !k.startsWith('proactive.') && !k.startsWith('reconsideration') && !k.startsWith('litigation') && k !== 'fees',
  legacyFees: (k) => k === 'fees',
  legacyProceedings: (k) => k.startsWith('reconsideration') || k.startsWith('litigation'),
};

export function LegacyView({ stats, o, section }: { stats: LegacyStats; o: Opts; section: string }) {
  const lines = legacyLayout().filter((l) => legacyGroups[section]?.(l.key));
  const label = o.t('reports.legacy.label');
  return (
    <Wide o={o} label={label}>
      <table class={o.plain ? undefined : 'report-table report-legacy'}>
        <thead>
          <tr>
            <th scope="col">{o.t('reports.legacy.item')}</th>
            <th scope="col">{o.t('reports.legacy.unit')}</th>
            <th scope="col">{o.t('reports.legacy.value')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.key} class={o.plain ? undefined : `level-${l.level}`}>
              <th scope="row">{l.label}</th>
              <td>{l.unit}</td>
              <td class={o.plain ? undefined : 'num'}>{n(legacyValue(stats, l.key))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Wide>
  );
}

function SectionContentView({ report, content, o }: { report: CompiledReport; content: SectionContent; o: Opts }) {
  const { json } = report;
  switch (content) {
    case 'overview':
    case 'problems':
    case 'other':
      return <TextParagraphs text={report.resolved[content]} />;
    case 'table2':
      return <Table2View json={json} o={o} />;
    case 'table3':
      return <Table3View json={json} o={o} />;
    case 'table4':
      return <Table4View json={json} o={o} />;
    default:
      if (!json.legacy) return null;
      return (
        <>
          <LegacyView stats={json.legacy} o={o} section={content} />
          {content === 'legacyApplications' && <Table3View json={json} o={o} caption={o.t('reports.legacy.mapping')} />}
        </>
      );
  }
}

/** Sections 一…六 with their headings (h2 on the page; `level` shifts them). */
export function ReportBody({ report, t, plain = false, level = 2, href }: { report: CompiledReport; t: T; plain?: boolean; level?: 2 | 3; href?: string }) {
  const o: Opts = { t, plain, href };
  const H = level === 2 ? 'h2' : 'h3';
  const sections = sectionHeadings(report.json.format);
  if (plain) {
    return (
      <>
        {sections.map((s) => (
          <Fragment key={s.content}>
            <H>{s.heading}</H>
            <SectionContentView report={report} content={s.content} o={o} />
          </Fragment>
        ))}
      </>
    );
  }
  return (
    <div class="report-document">
      {sections.map((s) => (
        <section key={s.content} aria-labelledby={`sec-${s.content}`} class="report-section">
          <H id={`sec-${s.content}`}>{s.heading}</H>
          <SectionContentView report={report} content={s.content} o={o} />
        </section>
      ))}
    </div>
  );
}
