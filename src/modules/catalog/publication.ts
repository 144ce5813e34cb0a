import type { IsoDate } from '../../kernel/calendar/index.ts';
import type { DisclosureMode, Kind, KeyArea, ValidityStatus } from './taxonomy.ts';
import type { Status } from './workflow.ts';

export interface Validity {
  status: ValidityStatus;
  from: IsoDate | null;
  until: IsoDate | null;
  replacedById: string | null;
}

/** One item of the catalog (信息), in its current version. */
export interface Publication {
  id: string;
  agencyId: string; // the first issuing agency (owner)
  coIssuerIds: string[]; // further issuing agencies of a joint document, in order
  status: Status;
  indexNo: string | null; // assigned at publication, never reused
  title: string;
  docNo: string | null;
  writtenOn: IsoDate | null; // 成文日期
  publishedAt: string | null; // instant (UTC ISO)
  publishedOn: IsoDate | null; // 发布日期, Asia/Shanghai
  topic: string | null;
  genre: string | null;
  kind: Kind;
  audience: string[];
  keywords: string[];
  summary: string | null;
  columns: KeyArea[];
  disclosureMode: DisclosureMode;
  nonDisclosureReason: string | null;
  bodyHtml: string; // sanitised
  bodyText: string; // plain text of the body, for search and summaries
  validity: Validity | null; // rules and normative documents
  interpretsId: string | null; // for an interpretation: the document it interprets
  version: number;
  ref: string | null; // external id, unique per agency (imports)
  timelinessDays: number | null; // working days from written to published
  late: boolean; // more than 20 working days (Art. 26)
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PublicationEvent {
  id: string;
  publicationId: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string; // created, edited, submitted, approved, published, returned, revised, withdrawn, validityChanged
  detail: Record<string, unknown> | null;
}

export interface PublicationVersion {
  version: number;
  note: string | null;
  createdAt: string;
  createdBy: string | null;
  snapshot: Pick<Publication, 'title' | 'docNo' | 'writtenOn' | 'publishedOn' | 'topic' | 'genre' | 'kind' | 'summary' | 'keywords' | 'bodyHtml' | 'validity'>;
}

/** What a list shows of an item (a whole Publication is one; the browse page reads only these: public-read.repository.ts `listed`). */
export type ListedPublication = Pick<Publication, 'id' | 'agencyId' | 'coIssuerIds' | 'title' | 'publishedOn' | 'docNo' | 'kind' | 'indexNo' | 'updatedAt'> & {
  validity: { status: NonNullable<Publication['validity']>['status'] } | null;
};
