/**
 * Letters to the applicant (告知书 and notices): composed from a template per kind (and per outcome for
 * answers), in the agency's name, with a number from the agency's yearly series and the article of the
 * regulation the step rests on. Templates are plain text with {placeholders}; paragraphs are separated by
 * a blank line. An authority may replace any template for itself and the agencies below it (letter_templates).
 * Letters are official documents and are written in Chinese whatever the reader's interface language.
 */
import type { IsoDate } from '../../kernel/calendar/index.ts';
import type { Agency } from '../agencies/index.ts';
import type { CaseRow } from './applications.repository.ts';
import type { CaseState } from './case-state.ts';
import { outcomeRules, type OutcomeCode } from './outcomes.ts';
import { ruleSets } from './rules.ts';
import type { Applicant, StoredEvent } from './types.ts';

export const letterKinds = ['correction', 'extension', 'fee', 'consultation', 'answer'] as const;
export type LetterKind = (typeof letterKinds)[number];

export interface LetterContent {
  kind: LetterKind;
  /** e.g. 衡水市教育局政府信息公开申请答复告知书 */
  title: string;
  /** e.g. 衡教依申〔2026〕3号 */
  number: string;
  /** The salutation line: 张三： */
  addressee: string;
  paragraphs: string[];
  /** The issuing agency (signature) and date in Chinese (二〇二六年三月五日 style is for print; ISO here). */
  agencyName: string;
  issuedOn: IsoDate;
  /** The template key used (answer.<outcome> or the kind), for the record. */
  templateKey: string;
}

/** Which events call for a letter. */
export function letterKindFor(e: Pick<StoredEvent, 'type' | 'data'>): LetterKind | null {
  switch (e.type) {
    case 'correctionRequested':
      return 'correction';
    case 'extended':
      return 'extension';
    case 'feeNotified':
      return 'fee';
    case 'consultationStarted':
      return (e.data as { party: string }).party === 'thirdParty' ? 'consultation' : null;
    case 'answered':
      return 'answer';
    default:
      return null;
  }
}

const titles: Record<LetterKind, string> = {
  correction: '政府信息公开申请补正告知书',
  extension: '政府信息公开申请延期答复告知书',
  fee: '政府信息公开信息处理费缴费通知书',
  consultation: '政府信息公开第三方意见征询函',
  answer: '政府信息公开申请答复告知书',
};

const RIGHTS = '如对本答复不服，可以自收到本告知书之日起60日内向{reviewBody}申请行政复议，或者自收到本告知书之日起6个月内向人民法院提起行政诉讼。';

const outcomeSentences: Record<OutcomeCode, string> = {
  disclose: '经审查，您申请获取的政府信息属于公开范围，现予以公开，具体信息见附件（或按您选择的方式提供）。',
  partial: '经审查，您申请获取的政府信息中有不应当公开的内容，但能够作区分处理。依据{regulation}{article}的规定，本机关对可以公开的内容予以公开，见附件；不予公开的部分及其理由和依据：{reasons}',
  'withhold.stateSecret': '经审查，您申请获取的政府信息属于国家秘密，依据{regulation}{article}的规定，不予公开。{reasons}',
  'withhold.lawProhibited': '经审查，您申请获取的政府信息属于法律、行政法规禁止公开的信息，依据{regulation}{article}的规定，不予公开。{reasons}',
  'withhold.security': '经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，依据{regulation}{article}的规定，不予公开。{reasons}',
  'withhold.thirdParty': '经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，依据{regulation}{article}的规定，不予公开。{reasons}',
  'withhold.internal': '经审查，您申请获取的信息属于行政机关的人事管理、后勤管理、内部工作流程等内部事务信息，依据{regulation}{article}的规定，不予公开。{reasons}',
  'withhold.process': '经审查，您申请获取的信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息，依据{regulation}{article}的规定，不予公开。{reasons}',
  'withhold.enforcementFile': '经审查，您申请获取的信息属于行政执法案卷信息，依据{regulation}{article}的规定，不予公开。{reasons}',
  'withhold.adminQuery': '经审查，您申请获取的信息属于工商、不动产登记资料等有关法律、行政法规对信息的获取有特别规定的情形，依据{regulation}{article}的规定，请按照相关法律、行政法规的规定办理。{reasons}',
  'unable.notHeld': '经审查，{notHeldSentence}依据{regulation}{article}的规定，特此告知。{reasons}',
  'unable.needsCreation': '经审查，您申请提供的信息需要本机关对现有政府信息进行加工、分析，依据{regulation}{article}的规定，本机关可以不予提供。{reasons}',
  'unable.stillUnclear': '本机关已于{correctionRequestedOn}向您发出补正告知，您补正后的申请内容仍不明确，依据{regulation}{article}的规定，本机关无法提供。{reasons}',
  'decline.petition': '经审查，您提出的申请实为信访、投诉、举报等诉求，依据{regulation}{article}的规定，本机关不作为政府信息公开申请处理，请通过相应渠道提出。{reasons}',
  'decline.repeat': '经审查，您已就相同内容提出过政府信息公开申请，本机关已作出答复，您重复申请且未提出新的理由，依据{regulation}{article}的规定，不予重复处理。{reasons}',
  'decline.publication': '经审查，您申请获取的是公开出版物（公报、报刊、书籍等），依据{regulation}{article}的规定，本机关可以告知获取的途径，请通过公开出版物获取。{reasons}',
  'decline.excessive': '经审查，您申请公开政府信息的数量、频次明显超过合理范围，且未能说明理由或理由不合理，依据{regulation}{article}的规定，本机关不予处理。{reasons}',
  'decline.confirmation': '经审查，您的申请是要求行政机关确认或者重新出具已获取的信息，不属于政府信息公开申请的处理范围，本机关不予处理。{reasons}',
  'other.correctionLapsed': '本机关已于{correctionRequestedOn}向您发出补正告知，要求在{correctionUntil}前补正，您无正当理由逾期未补正，依据{regulation}{article}的规定，视为放弃申请，本机关不再处理该申请。',
  'other.feeUnpaid': '本机关已于{feeNotifiedOn}向您发出信息处理费缴费通知，您逾期未缴纳，依据国办函〔2020〕109号的规定，视为放弃申请，本机关不再处理该申请。',
  'other.other': '经审查，{reasons}',
};

/** The built-in template of a kind (or of an answer's outcome): what an authority starts editing from. */
export function defaultTemplate(key: string): string {
  const intro = '您（单位）于{receivedOn}向本机关提出的政府信息公开申请（申请编号：{trackingCode}）收悉。您申请获取的信息为：“{description}”。';
  if (key.startsWith('answer.')) {
    const code = key.slice('answer.'.length) as OutcomeCode;
    const sentence = outcomeSentences[code] ?? outcomeSentences['other.other'];
    const rights = outcomeRules[code]?.needsReasons || code.startsWith('other.') ? `\n\n${RIGHTS}` : '';
    const already = code === 'disclose' ? '\n\n{alreadyPublished}' : '';
    return `${intro}\n\n${sentence}${already}${rights}\n\n特此告知。`;
  }
  switch (key) {
    case 'correction':
      return `${intro}\n\n经审查，您的申请内容不明确，依据{regulation}{correctionArticle}的规定，请您对以下内容作出更改、补充：{what}\n\n请您于{until}前补正（可登录本机关政府信息公开申请平台，使用申请编号和查询密码在线补正）。答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该申请。\n\n特此告知。`;
    case 'extension':
      return `${intro}\n\n因{extensionReason}，本机关不能在法定期限内作出答复。经本机关政府信息公开工作机构负责人同意，依据{regulation}{extensionArticle}的规定，答复期限延长{days}个工作日，至{dueOn}前作出答复。\n\n特此告知。`;
    case 'fee':
      return `${intro}\n\n您申请公开政府信息的数量、频次明显超过合理范围，依据{regulation}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关按{feeBasis}收取信息处理费，计费数量为{quantity}，应缴金额为人民币{amount}元。\n\n请您自收到本通知之次日起20个工作日内缴纳。缴费期间不计入答复期限。逾期未缴纳的，视为放弃申请，本机关不再处理该申请。\n\n特此通知。`;
    case 'consultation':
      return '本机关收到一项政府信息公开申请（申请编号：{trackingCode}），申请获取的信息为：“{description}”。经审查，该信息可能涉及贵方的商业秘密、个人隐私等合法权益，依据{regulation}{consultationArticle}的规定，现征求贵方意见。\n\n请贵方自收到本函之日起15个工作日内提出书面意见；逾期未提出意见的，由本机关依照条例的规定决定是否公开。第三方不同意公开且有合理理由的，本机关不予公开；但本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的内容和理由书面告知第三方。\n\n特此函询。';
    default:
      return `${intro}\n\n特此告知。`;
  }
}

/** Every template key an authority may edit, in display order. */
export const templateKeys: string[] = [...letterKinds.filter((k) => k !== 'answer'), ...Object.keys(outcomeSentences).map((c) => `answer.${c}`)];

/** 衡水市教育局 → 衡教: the short name if the agency has one, else the first two characters. */
function numberPrefix(agency: Agency): string {
  return agency.shortName ?? agency.name.slice(0, 2);
}
export function letterNumber(agency: Agency, year: number, serial: number): string {
  return `${numberPrefix(agency)}依申〔${year}〕${serial}号`;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? values[k] : m));
}

function reviewBodyOf(agency: Agency, parentGovernment: string | null): string {
  if (agency.kind === 'government') return parentGovernment ? `${parentGovernment}` : '上一级人民政府';
  return parentGovernment ?? '本级人民政府';
}

export interface ComposeInput {
  kind: LetterKind;
  row: Pick<CaseRow, 'tracking_code' | 'description' | 'received_on' | 'submitted_on' | 'rules'>;
  applicant: Applicant;
  state: CaseState;
  event: Pick<StoredEvent, 'type' | 'on' | 'data'>;
  agency: Agency;
  /** The government that reviews the agency's acts (for the rights paragraph), if known. */
  parentGovernment?: string | null;
  serial: number;
  year: number;
  /** The edited template for a key, if an authority set one. */
  template: (key: string) => string | null;
}

export function composeLetter(c: ComposeInput): LetterContent {
  const rules = ruleSets[(c.state.rules ?? c.row.rules ?? 'cn-2019') as 'cn-2019'];
  const d = c.event.data as Record<string, unknown>;
  const outcome = c.kind === 'answer' ? (d.outcome as OutcomeCode) : null;
  const key = outcome ? `answer.${outcome}` : c.kind;
  const template = c.template(key) ?? defaultTemplate(key);
  const detail = typeof d.detail === 'string' ? d.detail : null;
  const reasons = typeof d.reasons === 'string' && d.reasons ? d.reasons : '';
  const values: Record<string, string> = {
    // A consultation letter goes to the third party: it never names the applicant (personal information).
    applicant: c.kind === 'consultation' ? '申请人' : c.applicant.name,
    trackingCode: c.row.tracking_code,
    receivedOn: c.state.receivedOn ?? c.row.received_on ?? c.row.submitted_on,
    description: c.row.description.length > 300 ? `${c.row.description.slice(0, 300)}……` : c.row.description,
    agency: c.agency.name,
    regulation: rules.regulation,
    article: outcome ? outcomeRules[outcome].article : '',
    reasons,
    what: typeof d.what === 'string' ? d.what : '',
    until: typeof d.until === 'string' ? d.until : '',
    days: typeof d.days === 'number' ? String(d.days) : '',
    dueOn: c.state.dueOn ?? '',
    extensionReason: c.state.extension?.reason ?? '需要进一步核实相关信息',
    amount: typeof d.amount === 'number' ? String(d.amount) : '',
    quantity: typeof d.quantity === 'number' ? `${d.quantity}${d.basis === 'perPage' ? '页' : '件'}` : '',
    feeBasis: d.basis === 'perPage' ? '按量（页）' : '按件',
    correctionRequestedOn: c.state.correction?.requestedOn ?? '',
    correctionUntil: c.state.correction?.until ?? '',
    feeNotifiedOn: c.state.fee?.notifiedOn ?? '',
    rightAgency: typeof d.rightAgency === 'string' ? d.rightAgency : '',
    notHeldSentence:
      detail === 'notThisAgency'
        ? `您申请获取的信息不属于本机关负责公开的范围${typeof d.rightAgency === 'string' && d.rightAgency ? `，建议您向${d.rightAgency}咨询或申请` : ''}。`
        : '本机关未制作或者获取过您申请的信息，该政府信息不存在。',
    alreadyPublished: detail === 'alreadyPublished' ? `该信息已主动公开，您可以通过以下途径获取：${reasons || '本机关政府信息公开平台'}。` : '',
    reviewBody: reviewBodyOf(c.agency, c.parentGovernment ?? null),
    // The articles of the case's own rule set (a 2007 case cites the 2007 numbering).
    correctionArticle: rules.articles.correction,
    extensionArticle: rules.articles.extension,
    consultationArticle: rules.articles.thirdParty,
  };
  const paragraphs = fill(template, values)
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, '').trim())
    .filter(Boolean);
  const addressee = c.kind === 'consultation' ? `${typeof d.with === 'string' && d.with ? d.with : '第三方'}：` : `${c.applicant.name}：`;
  return { kind: c.kind, title: `${c.agency.name}${titles[c.kind]}`, number: letterNumber(c.agency, c.year, c.serial), addressee, paragraphs, agencyName: c.agency.name, issuedOn: c.event.on, templateKey: key };
}
