/** /api: the open data interface explained for people — endpoints, parameters, examples, feeds. */
import type { ComponentChildren } from 'preact';
import type { RequestContext } from '../../../../http/context.ts';
import { translator } from '../../../../http/i18n/index.ts';
import { Layout } from '../../../../http/views/Layout.tsx';
import { keyAreaNames, kindNames, topicTree, validityNames } from '../../taxonomy.ts';

interface Param {
  name: string;
  in: 'query' | 'path';
  required: boolean;
  description: string;
  schema: Record<string, unknown>;
}
interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  parameters: Param[];
  responses: Record<string, { description: string; content?: Record<string, { schema: { $ref?: string } }> }>;
  'x-codeSamples': { source: string }[];
}

/** Names shown beside codes of the controlled vocabularies. */
const valueNames: Record<string, Record<string, string>> = { kind: kindNames, column: keyAreaNames, validity: validityNames };

/** A URL path with break opportunities after each '/', so it wraps on a phone. */
function Breakable({ text }: { text: string }) {
  const parts = text.split('/');
  return (
    <>
      {parts.map((p, i) => (
        <span key={i}>
          {p}
          {i < parts.length - 1 && (
            <>
              /<wbr />
            </>
          )}
        </span>
      ))}
    </>
  );
}

/** What a parameter accepts: its values (with their names), or its type and range, and its default. */
function Values({ ctx, param }: { ctx: RequestContext; param: Param }) {
  const { t } = ctx;
  const multiple = param.schema.type === 'array';
  const s = multiple ? (param.schema.items as Record<string, unknown>) : param.schema;
  const parts: ComponentChildren[] = [];
  if (multiple) parts.push(<p>{t('catalogApi.page.multiple')}</p>);
  const values = Array.isArray(s.enum) ? (s.enum as string[]) : undefined;
  const names = valueNames[param.name];
  if (values && values.length > 20) {
    parts.push(
      <details>
        <summary>{t('catalogApi.page.values', { count: values.length })}</summary>
        <p>
          {values.map((v, i) => (
            <span key={v}>
              {i > 0 && '、'}
              <code>{v}</code>
            </span>
          ))}
        </p>
      </details>,
    );
  } else if (values && names) {
    parts.push(
      <ul class="plain-list">
        {values.map((v) => (
          <li key={v}>
            <code>{v}</code> {names[v] ?? ''}
          </li>
        ))}
      </ul>,
    );
  } else if (values) {
    parts.push(
      <p>
        {values.map((v, i) => (
          <span key={v}>
            {i > 0 && '、'}
            <code>{v}</code>
          </span>
        ))}
      </p>,
    );
  } else if (s.type === 'integer') {
    parts.push(<p>{s.maximum !== undefined ? t('catalogApi.page.intRange', { min: String(s.minimum ?? 0), max: String(s.maximum) }) : t('catalogApi.page.int')}</p>);
  } else if (s.format === 'date') {
    parts.push(<p>YYYY-MM-DD</p>);
  }
  if (param.schema.default !== undefined) parts.push(<p class="muted">{t('catalogApi.page.default', { value: String(param.schema.default) })}</p>);
  return <>{parts}</>;
}

function Endpoint({ ctx, path, op }: { ctx: RequestContext; path: string; op: Operation }) {
  const { t } = ctx;
  const id = `op-${op.operationId}`;
  return (
    <section aria-labelledby={id} class="api-endpoint">
      <h3 id={id}>{op.summary}</h3>
      <p>
        <code>
          GET <Breakable text={path} />
        </code>
      </p>
      <p>{op.description}</p>
      {op.parameters.length > 0 && (
        // Focusable: on a phone the table may scroll sideways, and keyboard users must be able to scroll it.
        <div class="table-wrap" role="region" tabIndex={0} aria-label={`${op.summary} ${t('catalogApi.page.params')}`}>
          <table>
            <caption>{t('catalogApi.page.params')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('catalogApi.page.param.name')}</th>
                <th scope="col">{t('catalogApi.page.param.description')}</th>
              </tr>
            </thead>
            <tbody>
              {op.parameters.map((p) => (
                <tr key={p.name}>
                  <th scope="row">
                    <code>{p.name}</code>
                    <br />
                    <span class="muted">
                      {t(`catalogApi.page.in.${p.in}`)}
                      {p.required && ` ${t('catalogApi.page.required')}`}
                    </span>
                  </th>
                  <td>
                    <p>{p.description}</p>
                    <Values ctx={ctx} param={p} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h4>{t('catalogApi.page.example')}</h4>
      <pre class="code-sample">
        <code>{op['x-codeSamples'][0]?.source}</code>
      </pre>
      <h4>{t('catalogApi.page.responses')}</h4>
      <ul>
        {Object.entries(op.responses).map(([status, r]) => {
          const ref = Object.values(r.content ?? {})[0]?.schema?.$ref?.split('/').pop();
          return (
            <li key={status}>
              <code>{status}</code> {r.description}
              {ref && (
                <>
                  {' '}
                  {t('catalogApi.page.schema')} <code>{ref}</code>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function FeedLinks({ base, path }: { base: string; path: string }) {
  return (
    <>
      <td>
        <a href={`${path}.atom`} type="application/atom+xml">
          <Breakable text={`${base}${decodeURIComponent(path)}.atom`} />
        </a>
      </td>
      <td>
        <a href={`${path}.json`} type="application/feed+json">
          <Breakable text={`${base}${decodeURIComponent(path)}.json`} />
        </a>
      </td>
    </>
  );
}

function FeedTable({ ctx, base, caption, rows }: { ctx: RequestContext; base: string; caption: string; rows: [string, string][] }) {
  const { t } = ctx;
  return (
    <div class="table-wrap" role="region" tabIndex={0} aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('catalogApi.page.feed.what')}</th>
            <th scope="col">Atom 1.0</th>
            <th scope="col">JSON Feed 1.1</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, path]) => (
            <tr key={path}>
              <th scope="row">{label}</th>
              <FeedLinks base={base} path={path} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const zh = translator('zh-CN');

export function ApiPage({ ctx, base, doc }: { ctx: RequestContext; base: string; doc: Record<string, any> }) {
  const { t } = ctx;
  const title = t('catalogApi.page.title');
  const entries = Object.entries(doc.paths as Record<string, { get: Operation }>).filter(([, item]) => item.get && !('security' in item.get)); // the catalog's open GET endpoints (not the applications API)
  const api = entries.filter(([, item]) => item.get.tags[0] !== 'feeds');
  const agencySample = /\/feeds\/agency\/([^.]+)\.atom/.exec(String(entries.find(([, i]) => i.get.operationId === 'agencyFeedAtom')?.[1].get['x-codeSamples'][0]?.source))?.[1];
  const errorExample = JSON.stringify({ error: { code: 'validation', message: t('error.validation'), issues: [{ field: 'pageSize', message: t('api.issue.max', { max: 100 }) }] } }, null, 2);
  return (
    <Layout
      ctx={ctx}
      title={title}
      crumbs={[{ href: '/', label: t('nav.home') }, { label: title }]}
      column={{ name: zh('catalogApi.page.title'), description: zh('catalogApi.page.intro'), keywords: zh('catalogApi.page.keywords'), type: zh('catalogApi.page.columnType') }}
    >
      <h1>{title}</h1>
      <p class="lead">{t('catalogApi.page.intro')}</p>
      <nav aria-label={t('catalogApi.page.toc')}>
        <ul class="inline-links">
          <li>
            <a href="#usage">{t('catalogApi.page.usage')}</a>
          </li>
          <li>
            <a href="#endpoints">{t('catalogApi.page.endpoints')}</a>
          </li>
          <li>
            <a href="#feeds">{t('catalogApi.page.feeds')}</a>
          </li>
          <li>
            <a href="#errors">{t('catalogApi.page.errors')}</a>
          </li>
          <li>
            <a href="/api/openapi.json" type="application/json">
              {t('catalogApi.page.openapi')}
            </a>
          </li>
        </ul>
      </nav>

      <h2 id="usage">{t('catalogApi.page.usage')}</h2>
      <ul>
        <li>
          {t('catalogApi.page.usage.base')} <code>{base}/api/v1/</code>
        </li>
        <li>{t('catalogApi.page.usage.format')}</li>
        <li>{t('catalogApi.page.usage.open')}</li>
        <li>{t('catalogApi.page.usage.paging')}</li>
        <li>{t('catalogApi.page.usage.cache')}</li>
        <li>{t('catalogApi.page.usage.limit', { max: 300 })}</li>
        <li>{t('catalogApi.page.usage.content')}</li>
        <li>
          {t('catalogApi.page.usage.openapi')} <a href="/api/openapi.json">{`${base}/api/openapi.json`}</a>
        </li>
      </ul>

      <h2 id="endpoints">{t('catalogApi.page.endpoints')}</h2>
      {api.map(([path, item]) => (
        <Endpoint key={path} ctx={ctx} path={path} op={item.get} />
      ))}

      <h2 id="feeds">{t('catalogApi.page.feeds')}</h2>
      <p>{t('catalogApi.page.feeds.intro')}</p>
      <FeedTable
        ctx={ctx}
        base={base}
        caption={t('catalogApi.page.feeds.main')}
        rows={[[t('catalogApi.page.feeds.all'), '/feeds/catalog'], ...(agencySample ? ([[t('catalogApi.page.feeds.agencyExample', { code: decodeURIComponent(agencySample) }), `/feeds/agency/${agencySample}`]] as [string, string][]) : [])]}
      />
      <p>
        {t('catalogApi.page.feeds.agencies')} <code>{`${base}/feeds/agency/{code}.atom`}</code> <code>{`${base}/feeds/agency/{code}.json`}</code>{' '}
        <a href="/api/v1/agencies">{t('catalogApi.page.feeds.agencyList')}</a>
      </p>
      <h3>{t('catalogApi.page.feeds.columns')}</h3>
      <FeedTable
        ctx={ctx}
        base={base}
        caption={t('catalogApi.page.feeds.columns')}
        rows={Object.entries(keyAreaNames).map(([code, name]) => [name, `/feeds/column/${code}`] as [string, string])}
      />
      <h3>{t('catalogApi.page.feeds.topics')}</h3>
      <FeedTable ctx={ctx} base={base} caption={t('catalogApi.page.feeds.topics')} rows={topicTree.map(([top]) => [top, `/feeds/topic/${encodeURIComponent(top)}`] as [string, string])} />

      <h2 id="errors">{t('catalogApi.page.errors')}</h2>
      <p>{t('catalogApi.page.errors.intro')}</p>
      <pre class="code-sample">
        <code>{errorExample}</code>
      </pre>
    </Layout>
  );
}
