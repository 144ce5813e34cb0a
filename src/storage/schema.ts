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

export interface Database {
  agencies: AgencyTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  calendar_notices: CalendarNoticeTable;
  settings: SettingTable;
}
