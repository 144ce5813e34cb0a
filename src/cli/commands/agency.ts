import { cliActor } from '../../modules/audit/index.ts';
import { agencyInputSchema, agencyKinds, type Agency, type AgencyInput, type AgencyKind, type AgencyTree } from '../../modules/agencies/index.ts';
import { isAppError, type FieldIssue } from '../../kernel/errors.ts';
import { toFieldIssues } from '../../kernel/validation.ts';
import { describeIssue, optString, printJson, requireString, UsageError, type Command, type CommandContext, type Options } from '../framework.ts';
import { positionals, readInput, withServices } from './shared.ts';

/**
 * An agency as the CLI prints it (`agency list --json`, `agency show --json`) and reads it
 * (`agency import`, one object per line): the parent as its code. `disabled` is output only.
 */
export interface AgencyJson {
  code: string;
  name: string;
  parent: string | null;
  kind: AgencyKind;
  nameEn: string | null;
  shortName: string | null;
  creditCode: string | null;
  indexPrefix: string | null;
  indexPattern: string | null;
  sortOrder: number;
  officeName: string | null;
  address: string | null;
  postcode: string | null;
  officeHours: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
  disabled: boolean;
}

export function agencyJson(a: Agency, tree: AgencyTree): AgencyJson {
  return {
    code: a.code,
    name: a.name,
    parent: a.parentId ? tree.byId.get(a.parentId)?.code ?? null : null,
    kind: a.kind,
    nameEn: a.nameEn,
    shortName: a.shortName,
    creditCode: a.creditCode,
    indexPrefix: a.indexPrefix,
    indexPattern: a.indexPattern,
    sortOrder: a.sortOrder,
    officeName: a.officeName,
    address: a.address,
    postcode: a.postcode,
    officeHours: a.officeHours,
    phone: a.phone,
    fax: a.fax,
    email: a.email,
    website: a.website,
    disabled: a.disabled,
  };
}

/** Command-line option → field of the agency, with the label `agency show` prints. */
const fieldOptions: { option: string; field: keyof AgencyJson; label: string }[] = [
  { option: 'name-en', field: 'nameEn', label: 'English name' },
  { option: 'short-name', field: 'shortName', label: 'Short name' },
  { option: 'credit-code', field: 'creditCode', label: 'Credit code' },
  { option: 'index-prefix', field: 'indexPrefix', label: 'Index number prefix' },
  { option: 'index-pattern', field: 'indexPattern', label: 'Index number pattern' },
  { option: 'office-name', field: 'officeName', label: 'Disclosure office' },
  { option: 'address', field: 'address', label: 'Address' },
  { option: 'postcode', field: 'postcode', label: 'Postcode' },
  { option: 'office-hours', field: 'officeHours', label: 'Office hours' },
  { option: 'phone', field: 'phone', label: 'Phone' },
  { option: 'fax', field: 'fax', label: 'Fax' },
  { option: 'email', field: 'email', label: 'E-mail' },
  { option: 'website', field: 'website', label: 'Website' },
];

/** Fields `agency import` accepts on a line (`disabled` is tolerated so that list output can be fed back, and ignored). */
const importFields = new Set<string>(['code', 'name', 'parent', 'kind', 'sortOrder', 'disabled', ...fieldOptions.map((f) => f.field)]);

function kindOf(ctx: CommandContext): AgencyKind {
  const kind = requireString(ctx, 'kind');
  if (!(agencyKinds as string[]).includes(kind)) throw new UsageError(`--kind must be one of ${agencyKinds.join(', ')} (got '${kind}')`);
  return kind as AgencyKind;
}

export const agencyAddCommand: Command = {
  name: 'agency add',
  summary: 'Add an agency to the tree (a government, a department or a township).',
  usage: '--code CODE --name NAME --kind government|department|township [--parent CODE] [contact fields …]',
  help: [
    'The parent is given by its code; an agency without --parent is a root of the tree (the city government).',
    'Contact and identity fields: --name-en --short-name --credit-code (18-character unified social credit code) --index-prefix --index-pattern (e.g. {prefix}/{year}-{serial:5})',
    '--office-name (the disclosure office) --address --postcode --office-hours --phone --fax --email --website, and --sort N (display order among its siblings).',
  ].join('\n'),
  options: {
    code: { type: 'string' },
    name: { type: 'string' },
    parent: { type: 'string' },
    kind: { type: 'string' },
    sort: { type: 'string' },
    ...Object.fromEntries(fieldOptions.map((f) => [f.option, { type: 'string' }])),
  } as Options,
  async run(ctx) {
    positionals(ctx, []);
    const code = requireString(ctx, 'code');
    const name = requireString(ctx, 'name');
    const kind = kindOf(ctx);
    const sort = optString(ctx, 'sort');
    if (sort !== undefined && !/^\d+$/.test(sort)) throw new UsageError('--sort must be a whole number (0 or more)');
    const input: Record<string, unknown> = { code, name, kind, parent: optString(ctx, 'parent') ?? null, ...(sort !== undefined ? { sortOrder: Number(sort) } : {}) };
    for (const f of fieldOptions) input[f.field] = optString(ctx, f.option) ?? null;
    await withServices(ctx, async (services) => {
      const a = await services.agencies.create(services.users.systemPrincipal(), cliActor, input as AgencyInput);
      const json = agencyJson(a, await services.agencies.tree());
      if (ctx.json) printJson(ctx, json);
      else ctx.out(`Added ${json.kind} ${json.code} ${json.name}${json.parent ? ` under ${json.parent}` : ' (a root of the tree)'}.`);
    });
  },
};

export const agencyListCommand: Command = {
  name: 'agency list',
  summary: 'Print the agency tree (indented), or every agency as JSON.',
  usage: '[--json | --jsonl]',
  help: '--json prints an array; --jsonl prints one agency per line, the format `gongkai agency import` reads.',
  options: { jsonl: { type: 'boolean' } },
  async run(ctx) {
    positionals(ctx, []);
    await withServices(ctx, async (services) => {
      const tree = await services.agencies.tree();
      const flat = tree.flatten();
      if (ctx.json) return printJson(ctx, flat.map(({ agency }) => agencyJson(agency, tree)));
      if (ctx.values.jsonl) {
        for (const { agency } of flat) ctx.out(JSON.stringify(agencyJson(agency, tree)));
        return;
      }
      if (!flat.length) return ctx.out('No agencies yet. Add one with gongkai agency add, import a file with gongkai agency import, or load the demo city with gongkai demo.');
      for (const { agency: a, depth } of flat) ctx.out(`${'  '.repeat(depth)}${a.code}  ${a.name}  [${a.kind}]${a.disabled ? '  (disabled)' : ''}`);
      ctx.out(`${flat.length} agencies.`);
    });
  },
};

export const agencyShowCommand: Command = {
  name: 'agency show',
  summary: 'Print one agency with all its fields.',
  usage: 'CODE [--json]',
  async run(ctx) {
    const [code] = positionals(ctx, ['CODE']);
    await withServices(ctx, async (services) => {
      const a = await services.agencies.requireByCode(code);
      const tree = await services.agencies.tree();
      const json = agencyJson(a, tree);
      if (ctx.json) return printJson(ctx, json);
      const parent = json.parent ? tree.byCode.get(json.parent) : undefined;
      const rows: [string, string][] = [
        ['Code', json.code],
        ['Name', json.name],
        ['Kind', json.kind],
        ['Parent', parent ? `${parent.code} ${parent.name}` : '(none: a root of the tree)'],
        ...fieldOptions.map((f): [string, string] => [f.label, (json[f.field] as string | null) ?? '']),
        ['Sort order', String(json.sortOrder)],
        ['Status', json.disabled ? 'disabled' : 'active'],
        ['Below it', String(tree.subtree(a.id).length - 1)],
      ];
      const width = Math.max(...rows.map(([k]) => k.length));
      for (const [k, v] of rows) ctx.out(`${`${k}:`.padEnd(width + 1)}  ${v}`);
    });
  },
};

/** Validates the lines of an import file; returns the parsed lines and every problem found, by line. */
export function checkImportLines(text: string, existingCodes: Set<string>): { lines: { line: number; value: unknown }[]; issues: FieldIssue[] } {
  const lines: { line: number; value: unknown }[] = [];
  const issues: FieldIssue[] = [];
  const known = new Set(existingCodes);
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      if (!raw.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (e) {
        issues.push({ field: `line ${line}`, message: `not valid JSON (${(e as Error).message})` });
        return;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        issues.push({ field: `line ${line}`, message: 'expected one JSON object (one agency) per line' });
        return;
      }
      lines.push({ line, value });
      const unknown = Object.keys(value).filter((k) => !importFields.has(k));
      for (const k of unknown) issues.push({ field: `line ${line}: ${k}`, message: 'unknown field' });
      const r = agencyInputSchema.safeParse(value);
      if (!r.success) {
        for (const issue of toFieldIssues(r.error)) {
          const kind = issue.field === 'kind' ? { message: `must be one of ${agencyKinds.join(', ')}`, params: undefined } : {};
          issues.push({ ...issue, ...kind, field: `line ${line}: ${issue.field}` });
        }
      }
      const { code, parent } = value as { code?: unknown; parent?: unknown };
      if (typeof parent === 'string' && parent.trim() && !known.has(parent.trim())) issues.push({ field: `line ${line}: parent`, message: 'agency.parentUnknown', params: { code: parent.trim() } });
      if (typeof code === 'string' && code.trim()) known.add(code.trim());
    });
  return { lines, issues };
}

export const agencyImportCommand: Command = {
  name: 'agency import',
  summary: 'Create or update agencies from a file with one JSON object per line (all or nothing).',
  usage: 'FILE|-',
  help: [
    'Each line is one agency with the fields `agency list --json` prints: code, name, parent (a code), kind, and the optional',
    'nameEn, shortName, creditCode, indexPrefix, indexPattern, sortOrder, officeName, address, postcode, officeHours, phone, fax, email, website.',
    'A parent must exist already or be defined on an earlier line. An existing code is updated. Blank lines are ignored; `-` reads standard input.',
    'If any line is wrong, every problem is reported with its line number and nothing is imported.',
  ].join('\n'),
  async run(ctx) {
    const [file] = positionals(ctx, ['FILE']);
    const text = await readInput(ctx, file);
    await withServices(ctx, async (services) => {
      const tree = await services.agencies.tree();
      const { lines, issues } = checkImportLines(text, new Set(tree.byCode.keys()));
      const fail = (problems: FieldIssue[]): never => {
        for (const i of problems) ctx.err(describeIssue(i));
        throw new Error(`import rejected: ${problems.length} problem(s) in ${file === '-' ? 'standard input' : file}; nothing was imported`);
      };
      if (issues.length) fail(issues);
      if (!lines.length) throw new Error(`${file === '-' ? 'standard input' : file} has no agencies (expected one JSON object per line)`);
      try {
        const { created, updated } = await services.agencies.importMany(services.users.systemPrincipal(), cliActor, lines);
        if (ctx.json) printJson(ctx, { created, updated });
        else ctx.out(`Imported ${lines.length} agencies: ${created} created, ${updated} updated.`);
      } catch (e) {
        if (isAppError(e) && e.code === 'validation' && e.issues.length) fail(e.issues);
        throw e;
      }
    });
  },
};

export const agencyCommands: Command[] = [agencyAddCommand, agencyListCommand, agencyShowCommand, agencyImportCommand];
