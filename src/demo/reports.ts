/**
 * The demo city's entered figures for the annual reports (table 二 rows Gongkai does not hold: administrative
 * permits, penalties, enforcement decisions and administrative fees), for 2024 and 2025, for the agencies whose
 * other systems hold them — each with its source, entered as the system through the service (audit-logged as
 * "cli"). No report is created, submitted or published: the reports compile from the records when opened.
 *
 * Idempotent: `saveFigures` replaces the value and source of each key, so a reload writes the same figures again.
 * The numbers are invented (round-ish, of a plausible size for a prefecture-level city) and every source says
 * （演示数据）.
 */
import { cliActor } from '../modules/audit/index.ts';
import type { Services } from '../services.ts';

const APPROVAL = '衡水市行政审批局政务服务系统（演示数据）';
const ENFORCEMENT = '河北省行政执法信息公示平台（演示数据）';
const NON_TAX = '衡水市非税收入管理系统（演示数据）';
const COUNTY_APPROVAL = (county: string) => `${county}行政审批局政务服务系统（演示数据）`;

/** [agency code, year, key, value, source]; fees in 10,000 yuan (本年收费金额（单位：万元）). */
export const demoReportFigures: readonly [string, number, string, number, string][] = [
  ['HS-XZSPJ', 2024, 'permits.decisions', 18_426, APPROVAL],
  ['HS-XZSPJ', 2025, 'permits.decisions', 19_873, APPROVAL],
  ['HS-SCJGJ', 2024, 'penalties.decisions', 1_352, ENFORCEMENT],
  ['HS-SCJGJ', 2025, 'penalties.decisions', 1_218, ENFORCEMENT],
  ['HS-SCJGJ', 2024, 'enforcement.decisions', 87, ENFORCEMENT],
  ['HS-SCJGJ', 2025, 'enforcement.decisions', 64, ENFORCEMENT],
  ['HS-STHJJ', 2024, 'penalties.decisions', 236, ENFORCEMENT],
  ['HS-STHJJ', 2025, 'penalties.decisions', 198, ENFORCEMENT],
  ['HS-STHJJ', 2024, 'enforcement.decisions', 41, ENFORCEMENT],
  ['HS-STHJJ', 2025, 'enforcement.decisions', 33, ENFORCEMENT],
  ['HS-GAJ', 2024, 'penalties.decisions', 4_105, ENFORCEMENT],
  ['HS-GAJ', 2025, 'penalties.decisions', 3_872, ENFORCEMENT],
  ['HS-ZJJ', 2024, 'penalties.decisions', 57, ENFORCEMENT],
  ['HS-ZJJ', 2025, 'penalties.decisions', 49, ENFORCEMENT],
  ['HS-ZRZYJ', 2024, 'fees.amount', 1_264.25, NON_TAX],
  ['HS-ZRZYJ', 2025, 'fees.amount', 1_187.52, NON_TAX],
  ['HS-ZJJ', 2024, 'fees.amount', 86.4, NON_TAX],
  ['HS-ZJJ', 2025, 'fees.amount', 79.25, NON_TAX],
  ['HS-TC-XZSPJ', 2024, 'permits.decisions', 5_217, COUNTY_APPROVAL('桃城区')],
  ['HS-TC-XZSPJ', 2025, 'permits.decisions', 5_530, COUNTY_APPROVAL('桃城区')],
  ['HS-JZ-XZSPJ', 2024, 'permits.decisions', 2_964, COUNTY_APPROVAL('冀州区')],
  ['HS-JZ-XZSPJ', 2025, 'permits.decisions', 3_108, COUNTY_APPROVAL('冀州区')],
];

/** Enters the demo figures (per agency and year, in one call each); returns how many figures were written. */
export async function loadDemoReportFigures(services: Services): Promise<number> {
  const admin = services.users.systemPrincipal();
  const groups = new Map<string, { code: string; year: number; entries: { key: string; value: number; source: string }[] }>();
  for (const [code, year, key, value, source] of demoReportFigures) {
    const id = `${code} ${year}`;
    const g = groups.get(id) ?? { code, year, entries: [] };
    g.entries.push({ key, value, source });
    groups.set(id, g);
  }
  let written = 0;
  for (const g of groups.values()) written += await services.reports.saveFigures(admin, cliActor, g.code, g.year, g.entries);
  return written;
}
