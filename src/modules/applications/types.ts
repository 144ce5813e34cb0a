/**
 * Disclosure applications (依申请公开): the vocabulary of a case. A case is an event log; its status,
 * deadlines and outcome are derived from the events (case-state.ts), never stored on their own.
 * The codes here are the machine interface (imports, exports, the API, the annual report).
 */
import type { IsoDate } from '../../kernel/calendar/index.ts';
import type { OutcomeCode } from './outcomes.ts';
import type { RuleSetId } from './rules.ts';

export const applicantTypes = ['natural', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg'] as const;
export type ApplicantType = (typeof applicantTypes)[number];
export const isOrganisation = (t: ApplicantType): boolean => t !== 'natural';

export const channels = ['online', 'inPerson', 'post', 'letter', 'email', 'fax'] as const;
export type Channel = (typeof channels)[number];

export const provisionForms = ['paper', 'electronic', 'inspect'] as const;
export type ProvisionForm = (typeof provisionForms)[number];

export const deliveries = ['post', 'email', 'collect', 'online'] as const;
export type Delivery = (typeof deliveries)[number];

export const idTypes = ['residentId', 'passport', 'hkMacauPermit', 'taiwanPermit', 'foreignPermanent', 'other'] as const;
export type IdType = (typeof idTypes)[number];

export const consultationParties = ['thirdParty', 'agency'] as const;
export type ConsultationParty = (typeof consultationParties)[number];

export const proceedingKinds = ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'] as const;
export type ProceedingKind = (typeof proceedingKinds)[number];
export const proceedingResults = ['upheld', 'corrected', 'other', 'pending'] as const;
export type ProceedingResult = (typeof proceedingResults)[number];

export interface Applicant {
  type: ApplicantType;
  name: string;
  idType: IdType | null;
  idNumber: string | null;
  creditCode: string | null;
  legalRepresentative: string | null;
  contactPerson: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
}

/** The payload of each event type; `on` is the legal date (Asia/Shanghai) the event takes effect. */
export interface EventPayloads {
  /** The application reached the agency: online form (confirmed at once), in person, e-mail, or logged by staff. */
  submitted: { channel: Channel };
  /** Receipt confirmed by staff (post: the day signed for; letter: the day confirmed with the applicant; Art. 31). */
  receiptConfirmed: Record<string, never>;
  correctionRequested: { until: IsoDate; what: string };
  corrected: { text?: string };
  consultationStarted: { party: ConsultationParty; with?: string };
  consultationEnded: { result?: 'agreed' | 'objected' | 'silent' | 'other'; party?: ConsultationParty };
  extensionRequested: { days: number; reason: string };
  extended: { days: number; reason?: string };
  extensionRefused: { reason?: string };
  feeNotified: { amount: number; basis: 'perCase' | 'perPage'; quantity: number };
  feePaid: Record<string, never>;
  answered: { outcome: OutcomeCode; detail?: string | null; reasons?: string; basis?: string; rightAgency?: string | null; followUp?: boolean };
  delivered: { method: Delivery | 'inPerson'; note?: string };
  withdrawn: { reason?: string };
  assigned: { handlerId: string | null; handlerName: string | null };
  note: { text: string };
  duplicateSuspected: { of: string; trackingCode: string };
  proceedingFiled: { proceedingId: string; kind: ProceedingKind; body: string; filedOn: IsoDate };
  proceedingDecided: { proceedingId: string; result: Exclude<ProceedingResult, 'pending'>; decidedOn: IsoDate; followUpDueOn?: IsoDate | null };
  applicantMessage: { text: string };
}
export type EventType = keyof EventPayloads;
export const eventTypes = [
  'submitted', 'receiptConfirmed', 'correctionRequested', 'corrected', 'consultationStarted', 'consultationEnded',
  'extensionRequested', 'extended', 'extensionRefused', 'feeNotified', 'feePaid', 'answered', 'delivered', 'withdrawn',
  'assigned', 'note', 'duplicateSuspected', 'proceedingFiled', 'proceedingDecided', 'applicantMessage',
] as const satisfies readonly EventType[];

/** Events the applicant sees on the status page (internal notes, assignments and flags are staff-only). */
export const applicantVisibleEvents: ReadonlySet<EventType> = new Set<EventType>([
  'submitted', 'receiptConfirmed', 'correctionRequested', 'corrected', 'consultationStarted', 'consultationEnded',
  'extended', 'feeNotified', 'feePaid', 'answered', 'delivered', 'withdrawn', 'applicantMessage',
]);

export type CaseEvent = { [K in EventType]: { type: K; on: IsoDate; data: EventPayloads[K] } }[EventType];

/** An event as stored: who, when (instant) and what. */
export type StoredEvent = CaseEvent & {
  id: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  /** Files attached to this event (correction upload, released files, letters). */
  fileIds?: string[];
};

export type { RuleSetId };
