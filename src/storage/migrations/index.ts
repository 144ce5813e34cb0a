import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_catalog.ts';
import * as m0003 from './0003_search.ts';
import * as m0004 from './0004_attachments.ts';
import * as m0005 from './0005_catalog_read_indexes.ts';
import * as m0006 from './0006_change_counters.ts';
import * as m0007 from './0007_applications.ts';
import * as m0008 from './0008_api_tokens.ts';
import * as m0009 from './0009_application_queue_order.ts';
import * as m0010 from './0010_annual_reports.ts';
import * as m0011 from './0011_oversight.ts';
import * as m0012 from './0012_report_counts.ts';
import * as m0013 from './0013_search_title.ts';
import * as m0014 from './0014_catalog_change_counter.ts';
import * as m0015 from './0015_search_pairs.ts';

/** Every migration, in order. Names never change once released. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_catalog': m0002,
  '0003_search': m0003,
  '0004_attachments': m0004,
  '0005_catalog_read_indexes': m0005,
  '0006_change_counters': m0006,
  '0007_applications': m0007,
  '0008_api_tokens': m0008,
  '0009_application_queue_order': m0009,
  '0010_annual_reports': m0010,
  '0011_oversight': m0011,
  '0012_report_counts': m0012,
  '0013_search_title': m0013,
  '0014_catalog_change_counter': m0014,
  '0015_search_pairs': m0015,
};
