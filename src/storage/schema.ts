/**
 * Table types for Kysely. One schema for both engines: ids and instants are text
 * (UUIDv7, UTC ISO strings), booleans are integers 0/1, JSON is text.
 */
import type { Generated } from 'kysely';

export interface AgencyTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  short_name: string | null;
  parent_id: string | null;
  kind: 'government' | 'department' | 'township';
  credit_code: string | null;
  index_prefix: string | null;
  index_pattern: string | null;
  sort_order: Generated<number>;
  office_name: string | null;
  address: string | null;
  postcode: string | null;
  office_hours: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
  disabled: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  disabled: Generated<number>;
  failed_count: Generated<number>;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  id: string;
  user_id: string;
  role: string;
  agency_id: string | null;
  created_at: string;
}

export interface SessionTable {
  id: string; // sha256 of the cookie token
  user_id: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  target_label: string | null;
  agency_id: string | null;
  ip: string | null;
  detail: string | null;
}

export interface CalendarNoticeTable {
  year: number;
  notice: string; // JSON CalendarNotice
  source: string | null;
  created_at: string;
  created_by: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
}

/** One row per kind of shared data kept in memory by every process (migration 0006, storage/change-stamps.ts). */
export interface ChangeCounterTable {
  name: string;
  value: number;
}

export interface PublicationTable {
  id: string;
  agency_id: string;
  status: string;
  index_no: string | null;
  title: string;
  doc_no: string | null;
  written_on: string | null;
  published_at: string | null;
  published_on: string | null;
  topic: string | null;
  genre: string | null;
  kind: string;
  audience: string; // JSON string[]
  keywords: string; // JSON string[]
  summary: string | null;
  columns: string; // JSON string[]
  disclosure_mode: string;
  non_disclosure_reason: string | null;
  body_html: string;
  body_text: string;
  validity_status: string | null;
  validity_from: string | null;
  validity_until: string | null;
  replaced_by_id: string | null;
  interprets_id: string | null;
  version: number;
  ref: string | null;
  timeliness_days: number | null;
  late: number;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface PublicationIssuerTable {
  publication_id: string;
  agency_id: string;
  position: number;
}

export interface PublicationVersionTable {
  id: string;
  publication_id: string;
  version: number;
  snapshot: string; // JSON of the published metadata and body
  note: string | null;
  created_at: string;
  created_by: string | null;
}

export interface PublicationEventTable {
  id: string;
  publication_id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  detail: string | null;
}

/** A file attached to some versions of a publication (see migrations/0004_attachments.ts). */
export interface PublicationAttachmentTable {
  id: string;
  publication_id: string;
  from_version: number;
  to_version: number | null;
  name: string; // as uploaded
  type: string; // AttachmentType, decided by the content
  mime: string;
  size: number;
  sha256: string;
  storage_key: string;
  text: string; // extracted for search
  position: number;
  created_at: string;
  created_by: string | null;
}

export interface IndexCounterTable {
  agency_id: string;
  year: number;
  last_serial: number;
}

export interface Database {
  agencies: AgencyTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  calendar_notices: CalendarNoticeTable;
  settings: SettingTable;
  change_counters: ChangeCounterTable;
  publications: PublicationTable;
  publication_issuers: PublicationIssuerTable;
  publication_versions: PublicationVersionTable;
  publication_events: PublicationEventTable;
  index_counters: IndexCounterTable;
  publication_attachments: PublicationAttachmentTable;
  applications: ApplicationTable;
  application_events: ApplicationEventTable;
  application_files: ApplicationFileTable;
  application_letters: ApplicationLetterTable;
  letter_counters: IndexCounterTable;
  letter_templates: LetterTemplateTable;
  application_proceedings: ApplicationProceedingTable;
  api_tokens: ApiTokenTable;
  report_figures: ReportFigureTable;
  annual_reports: AnnualReportTable;
  monitor_sites: MonitorSiteTable;
  monitor_probes: MonitorProbeTable;
  monitor_crawls: MonitorCrawlTable;
  rectifications: RectificationTable;
  rectification_events: RectificationEventTable;
  spot_checks: SpotCheckTable;
  job_claims: JobClaimTable;
  application_counts: ApplicationCountTable;
  publication_counts: CountTable;
  publication_in_force: CountTable;
}

export interface ApplicationTable {
  id: string;
  agency_id: string;
  tracking_code: string;
  password_hash: string | null;
  ref: string | null;
  channel: string;
  submitted_at: string;
  submitted_on: string;
  applicant_type: string;
  applicant_name: string;
  applicant_id_type: string | null;
  applicant_id_number: string | null;
  applicant_credit_code: string | null;
  applicant_legal_rep: string | null;
  applicant_contact_person: string | null;
  applicant_phone: string | null;
  applicant_email: string | null;
  applicant_address: string | null;
  applicant_postcode: string | null;
  applicant_key: string;
  description: string;
  form: string;
  delivery: string;
  event_count: number;
  status: string;
  open: number;
  received_on: string | null;
  rules: string | null;
  year: number;
  due_on: string | null;
  due_provisional: number;
  paused: number;
  handler_id: string | null;
  handler_name: string | null;
  outcome: string | null;
  outcome_detail: string | null;
  answered_on: string | null;
  late: number;
  extended: number;
  withdrawn_on: string | null;
  /** The first answer's or the withdrawal's date (0010): when the case stopped counting as open in table 三. */
  closed_on: string | null;
  /** The year of `closed_on` for a received case (0010), for the year's closed cases by index equality. */
  closed_year: number | null;
  /** The fee notified (yuan) and the day it was paid (0010), for the fees collected in a year. */
  fee_amount: number | null;
  fee_paid_on: string | null;
  duplicate_suspected: number;
  flag: string | null;
  created_at: string;
  updated_at: string;
}

export interface ApplicationEventTable {
  id: string;
  application_id: string;
  seq: number;
  type: string;
  on_date: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  data: string;
}

export interface ApplicationFileTable {
  id: string;
  application_id: string;
  event_id: string | null;
  role: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  storage_key: string;
  created_at: string;
  created_by: string | null;
}

export interface ApplicationLetterTable {
  id: string;
  application_id: string;
  event_id: string | null;
  agency_id: string;
  kind: string;
  number: string;
  issued_on: string;
  content: string;
  created_at: string;
  created_by: string | null;
}

export interface LetterTemplateTable {
  scope: string;
  kind: string;
  body: string;
  updated_at: string;
  updated_by: string | null;
}

export interface ApplicationProceedingTable {
  id: string;
  application_id: string;
  agency_id: string;
  kind: string;
  body: string;
  filed_on: string;
  decided_on: string | null;
  result: string;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string; // sha256 (hex) of the token
  prefix: string;
  created_at: string;
  created_by: string | null;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ReportFigureTable {
  agency_id: string;
  year: number;
  key: string;
  value: number;
  source: string;
  updated_at: string;
  updated_by: string | null;
}

export interface AnnualReportTable {
  id: string;
  agency_id: string;
  year: number;
  scope: string;
  format: string;
  status: string;
  texts: string;
  snapshot: string | null;
  publication_id: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
  approved_at: string | null;
  approved_by: string | null;
  published_on: string | null;
  return_reason: string | null;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

export interface MonitorSiteTable {
  id: string;
  agency_id: string;
  name: string;
  homepage_url: string;
  hosts: string;
  config: string;
  own: number;
  active: number;
  probe_offset_min: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

export interface MonitorProbeTable {
  id: string;
  site_id: string;
  at: string;
  ok: number;
  status: number | null;
  ms: number;
  error: string | null;
}

export interface MonitorCrawlTable {
  id: string;
  site_id: string;
  trigger: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  pages: number;
  progress_at: string | null;
  verdict: string | null;
  error: string | null;
  result: string | null;
  evaluation: string | null;
  started_by: string | null;
}

export interface RectificationTable {
  id: string;
  site_id: string;
  agency_id: string;
  crawl_id: string;
  item: string;
  finding: string;
  note: string | null;
  due_on: string;
  status: string;
  reopened: number;
  issued_at: string;
  issued_by: string;
  reply: string | null;
  replied_at: string | null;
  closed_at: string | null;
  updated_at: string;
}

export interface RectificationEventTable {
  rectification_id: string;
  seq: number;
  type: string;
  at: string;
  by: string | null;
  data: string;
}

export interface JobClaimTable {
  job: string;
  slot: string;
  claimed_at: string;
}

export interface SpotCheckTable {
  id: string;
  agency_id: string;
  week: string;
  generated_at: string;
  snapshot: string;
  publication_id: string | null;
  published_on: string | null;
}

/**
 * A counter kept beside the records it counts (0012, storage/counts.ts): n of `cell` for an agency and a year,
 * updated in the transaction that writes the records. The cells are the owning module's (report-counts.ts).
 */
export interface CountTable {
  agency_id: string;
  year: number;
  cell: string;
  n: number;
}
/** Application counts: `fine` 1 marks the cells only the legacy statistics read (channel, detail, extension). */
export interface ApplicationCountTable extends CountTable {
  fine: number;
}
