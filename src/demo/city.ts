/**
 * The demo city: Hengshui (衡水市), the city of the 2017 annual report in shared/reference.
 * Agency names are the ones the real agencies use; every contact detail, credit code, index-number
 * prefix, site identifier and account here is invented and marked as demo data:
 * phone numbers 0318-0xxxxxx (no real number starts with 0 after the area code), addresses
 * ending in （演示地址）, e-mail on gongkai-demo.example and websites on demo.example (reserved
 * example domains), credit codes with "DEM" where the organisation code stands.
 */
import type { AgencyInput, Role } from '../modules/agencies/index.ts';

export const DEMO_HOME = 'HS';

const officeHours = '工作日 上午8:30—12:00 下午13:30—17:30（法定节假日除外）';
const indexPattern = '{prefix}/{year}-{serial:5}';

/** GB 32100-2015 check character of a unified social credit code (first 17 characters given). */
export function creditCodeCheck(first17: string): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += chars.indexOf(first17[i]) * weights[i];
  return chars[(31 - (sum % 31)) % 31];
}

/** 11 (an administrative organ) + the region's division code + DEM and a serial in place of the organisation code. */
function creditCode(region: string, serial: number): string {
  const first17 = `11${region}DEM${String(serial).padStart(6, '0')}`;
  return first17 + creditCodeCheck(first17);
}

interface Area {
  /** Index in phone numbers: 0 for the city, 1–11 for the counties. */
  n: number;
  /** Administrative division code (GB/T 2260). */
  region: string;
  postcode: string;
  /** Place name for addresses, e.g. 衡水市桃城区. */
  place: string;
}

let serial = 0;

function agency(
  area: Area,
  a: { code: string; name: string; nameEn: string; shortName?: string; kind: AgencyInput['kind']; parent: string | null; sortOrder: number; officeName?: string; street?: string },
): AgencyInput {
  const s = ++serial;
  const credit = creditCode(area.region, s);
  const pad = (v: number, w: number) => String(v).padStart(w, '0');
  return {
    code: a.code,
    name: a.name,
    nameEn: a.nameEn,
    shortName: a.shortName ?? null,
    parent: a.parent,
    kind: a.kind,
    creditCode: credit,
    indexPrefix: credit.slice(8, 17),
    indexPattern,
    sortOrder: a.sortOrder,
    officeName: a.officeName ?? `${a.name}办公室`,
    address: `${area.place}${a.street ?? '政务服务大街'}${a.sortOrder}号（演示地址）`,
    postcode: area.postcode,
    officeHours,
    phone: `0318-0${pad(area.n, 2)}${pad(a.sortOrder, 4)}`,
    fax: `0318-0${pad(area.n, 2)}9${pad(a.sortOrder, 3)}`,
    email: `${a.code.toLowerCase()}@gongkai-demo.example`,
    website: `https://demo.example/${a.code.toLowerCase().replaceAll('-', '/')}/`,
  };
}

const city: Area = { n: 0, region: '131100', postcode: '053000', place: '衡水市桃城区' };

/** The city's departments: [code suffix, name, English name, short name]. In the order of the city's list of departments. */
const cityDepartments: [string, string, string, string][] = [
  ['FGW', '发展和改革委员会', 'Development and Reform Commission', '市发展改革委'],
  ['JYJ', '教育局', 'Education Bureau', '市教育局'],
  ['KJJ', '科学技术局', 'Science and Technology Bureau', '市科技局'],
  ['GXJ', '工业和信息化局', 'Industry and Information Technology Bureau', '市工业和信息化局'],
  ['GAJ', '公安局', 'Public Security Bureau', '市公安局'],
  ['MZJ', '民政局', 'Civil Affairs Bureau', '市民政局'],
  ['CZJ', '财政局', 'Finance Bureau', '市财政局'],
  ['RSJ', '人力资源和社会保障局', 'Human Resources and Social Security Bureau', '市人力资源社会保障局'],
  ['ZRZYJ', '自然资源和规划局', 'Natural Resources and Planning Bureau', '市自然资源和规划局'],
  ['STHJJ', '生态环境局', 'Ecology and Environment Bureau', '市生态环境局'],
  ['ZJJ', '住房和城乡建设局', 'Housing and Urban-Rural Development Bureau', '市住房城乡建设局'],
  ['JTJ', '交通运输局', 'Transport Bureau', '市交通运输局'],
  ['NYNCJ', '农业农村局', 'Agriculture and Rural Affairs Bureau', '市农业农村局'],
  ['SWJ', '商务局', 'Commerce Bureau', '市商务局'],
  ['WJW', '卫生健康委员会', 'Health Commission', '市卫生健康委'],
  ['SJJ', '审计局', 'Audit Bureau', '市审计局'],
  ['SCJGJ', '市场监督管理局', 'Administration for Market Regulation', '市市场监管局'],
  ['TJJ', '统计局', 'Statistics Bureau', '市统计局'],
  ['FPB', '扶贫开发办公室', 'Poverty Alleviation and Development Office', '市扶贫办'],
  ['XZSPJ', '行政审批局', 'Administrative Approval Bureau', '市行政审批局'],
  ['JRJ', '地方金融监督管理局', 'Local Financial Supervision and Administration Bureau', '市金融局'],
];

/** The counties, districts and the county-level city: [code suffix, name, English place name, kind of place, division code, postcode]. */
const counties: [string, string, string, 'District' | 'County' | 'City', string, string][] = [
  ['TC', '桃城区', 'Taocheng', 'District', '131102', '053000'],
  ['JZ', '冀州区', 'Jizhou', 'District', '131103', '053200'],
  ['ZQ', '枣强县', 'Zaoqiang', 'County', '131121', '053100'],
  ['WY', '武邑县', 'Wuyi', 'County', '131122', '053400'],
  ['WQ', '武强县', 'Wuqiang', 'County', '131123', '053300'],
  ['RY', '饶阳县', 'Raoyang', 'County', '131124', '053900'],
  ['AP', '安平县', 'Anping', 'County', '131125', '053600'],
  ['GC', '故城县', 'Gucheng', 'County', '131126', '253800'],
  ['JX', '景县', 'Jing', 'County', '131127', '053500'],
  ['FC', '阜城县', 'Fucheng', 'County', '131128', '053700'],
  ['SZ', '深州市', 'Shenzhou', 'City', '131182', '053800'],
];

/** Each county's own departments: [code suffix, name, English name]. */
const countyDepartments: [string, string, string][] = [
  ['FGJ', '发展和改革局', 'Development and Reform Bureau'],
  ['JYJ', '教育局', 'Education Bureau'],
  ['CZJ', '财政局', 'Finance Bureau'],
  ['XZSPJ', '行政审批局', 'Administrative Approval Bureau'],
];

function buildAgencies(): AgencyInput[] {
  serial = 0;
  const out: AgencyInput[] = [];
  out.push(
    agency(city, {
      code: DEMO_HOME,
      name: '衡水市人民政府',
      nameEn: "Hengshui Municipal People's Government",
      shortName: '衡水市政府',
      kind: 'government',
      parent: null,
      sortOrder: 100,
      officeName: '衡水市人民政府办公室',
      street: '人民政府大街',
    }),
  );
  cityDepartments.forEach(([suffix, name, en, short], i) => {
    out.push(agency(city, { code: `HS-${suffix}`, name: `衡水市${name}`, nameEn: `Hengshui Municipal ${en}`, shortName: short, kind: 'department', parent: DEMO_HOME, sortOrder: 101 + i }));
  });
  counties.forEach(([suffix, name, en, type, region, postcode], i) => {
    const area: Area = { n: i + 1, region, postcode, place: `衡水市${name}` };
    const code = `HS-${suffix}`;
    const government = `${name}人民政府`;
    const enPlace = `${en} ${type}`;
    out.push(
      agency(area, {
        code,
        name: government,
        nameEn: `People's Government of ${enPlace}`,
        shortName: name,
        kind: 'government',
        parent: DEMO_HOME,
        sortOrder: 201 + i,
        officeName: `${government}办公室`,
        street: '政府街',
      }),
    );
    // The counties are numbered 200+ in the city's list; their own agencies from 100 (phone numbers stay distinct by area).
    countyDepartments.forEach(([dSuffix, dName, dEn], j) => {
      out.push(agency(area, { code: `${code}-${dSuffix}`, name: `${name}${dName}`, nameEn: `${enPlace} ${dEn}`, kind: 'department', parent: code, sortOrder: 101 + j, street: '政务服务大街' }));
    });
    if (suffix === 'TC') {
      out.push(
        agency(area, { code: 'HS-TC-HXJD', name: '河西街道办事处', nameEn: 'Hexi Subdistrict Office, Taocheng District', kind: 'township', parent: code, sortOrder: 301, officeName: '河西街道办事处党政综合办公室', street: '河西街道示范路' }),
        agency(area, { code: 'HS-TC-ZJHY', name: '郑家河沿镇人民政府', nameEn: "People's Government of Zhengjiaheyan Town, Taocheng District", kind: 'township', parent: code, sortOrder: 302, officeName: '郑家河沿镇人民政府党政综合办公室', street: '郑家河沿镇示范路' }),
      );
    }
  });
  return out;
}

/** Every demo agency, parents before children (as `agency import` needs them). */
export const demoAgencies: readonly AgencyInput[] = buildAgencies();

export interface DemoUser {
  username: string;
  displayName: string;
  /** Fixed and documented (README): demo accounts are for trying the system, never for real use. */
  password: string;
  role: Role;
  /** Agency code; null for the administrator. */
  agency: string | null;
}

/** One account per role. The authority and the inspector sit at the city government; the agency roles at the city's education bureau. */
export const demoUsers: readonly DemoUser[] = [
  { username: 'demo-admin', displayName: '系统管理员（演示）', password: 'Demo-admin-2026', role: 'admin', agency: null },
  { username: 'demo-authority', displayName: '市政府办公室政务公开科（演示）', password: 'Demo-authority-2026', role: 'authority', agency: DEMO_HOME },
  { username: 'demo-editor', displayName: '市教育局信息编辑（演示）', password: 'Demo-editor-2026', role: 'editor', agency: 'HS-JYJ' },
  { username: 'demo-handler', displayName: '市教育局申请办理（演示）', password: 'Demo-handler-2026', role: 'handler', agency: 'HS-JYJ' },
  { username: 'demo-approver', displayName: '市教育局审核签发（演示）', password: 'Demo-approver-2026', role: 'approver', agency: 'HS-JYJ' },
  { username: 'demo-inspector', displayName: '纪检监督（演示）', password: 'Demo-inspector-2026', role: 'inspector', agency: DEMO_HOME },
];

/** Site identity while the demo is loaded (footer identifiers and meta tags); the identifiers are visibly not real. */
export const demoSite = {
  siteName: '衡水市人民政府',
  siteNameEn: "Hengshui Municipal People's Government",
  siteDomain: 'demo.example',
  siteIdCode: '131100DEMO',
  organiser: '衡水市人民政府办公室',
  organiserEn: "General Office of Hengshui Municipal People's Government",
  contactPhone: '0318-0000100',
  contactEmail: 'hs@gongkai-demo.example',
  contactAddress: '衡水市桃城区人民政府大街100号（演示地址）',
  icp: '冀ICP备00000000号（演示）',
  policeRecord: '冀公网安备13110000000000号（演示）',
  policeRecordUrl: '',
  errorReportUrl: '',
  homeAgency: DEMO_HOME,
} as const;
