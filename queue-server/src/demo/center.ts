/**
 * The demo center: the Vĩnh Long Public Administrative Service Center as it could be configured in 2026,
 * after the 2025 reorganisation of provincial departments (../shared/domain/vietnam.md, "The Vĩnh Long
 * center"). Data only — the seeder turns it into rows. The catalogue beside it (`catalogue.csv`) is a copy of
 * the real public procedure list; its agencies map onto these services by the built-in rules of
 * `catalogue/mapping.ts` (no agency map needed).
 *
 * Check department names, hours and counters against the province's own list before a real rollout.
 */
import type { PriorityGroup, ServiceInput } from '@layso/protocol';
import { USUAL_CENTER_HOURS } from '../domain/hours.js';
import { StaffingPlan } from '../sim/plan.js';

/** A service as the admin API takes it; `active` is spelled out so the seed does not rely on a default. */
export type DemoService = Required<
  Pick<ServiceInput, 'code' | 'name' | 'numberFormat' | 'dailyCap' | 'hours'>
> & {
  nameEn: string;
  active: boolean;
};

export interface DemoCounter {
  number: number;
  name: string;
  /** Service codes in order of preference: the counter serves the first that has someone waiting. */
  serviceCodes: string[];
}

export interface DemoOfficer {
  username: string;
  displayName: string;
  /** The counter (by number) the officer usually signs in at. */
  counterNumber: number;
}

export interface DemoCenter {
  name: string;
  nameEn: string;
  address: string;
  timeZone: string;
  /** Province part of agency identifiers (`000.00.00.Hnn`); H61 by the alphabetical scheme, unconfirmed. */
  provinceCode: string;
  services: DemoService[];
  counters: DemoCounter[];
  officers: DemoOfficer[];
  priorityGroups: PriorityGroup[];
}

const service = (
  code: string,
  prefix: string,
  name: string,
  nameEn: string,
  dailyCap = 300,
): DemoService => ({
  code,
  name,
  nameEn,
  numberFormat: { prefix, digits: 3 },
  dailyCap,
  hours: USUAL_CENTER_HOURS,
  active: true,
});

/**
 * Today's departments and bodies at the counters. The busiest get the digit prefixes 1–9 (tickets 1001…),
 * the others letters (A001…).
 */
const SERVICES: DemoService[] = [
  service(
    'TC',
    '1',
    'Sở Tài chính (đăng ký doanh nghiệp, đầu tư)',
    'Department of Finance (business registration, investment)',
    500,
  ),
  service('TP', '2', 'Sở Tư pháp', 'Department of Justice', 400),
  service(
    'NNMT',
    '3',
    'Sở Nông nghiệp và Môi trường (đất đai)',
    'Department of Agriculture and Environment (land)',
    500,
  ),
  service(
    'XD',
    '4',
    'Sở Xây dựng (giao thông, xây dựng, nhà ở)',
    'Department of Construction (transport, housing)',
  ),
  service(
    'CA',
    '5',
    'Công an tỉnh (lý lịch tư pháp, hộ chiếu)',
    'Provincial Police (judicial records, passports)',
    500,
  ),
  service(
    'NV',
    '6',
    'Sở Nội vụ (lao động, người có công, xã hội)',
    'Department of Home Affairs (labour, social affairs)',
  ),
  service('YT', '7', 'Sở Y tế', 'Department of Health'),
  service('BHXH', '8', 'Bảo hiểm xã hội tỉnh', 'Provincial Social Insurance'),
  service('CT', '9', 'Sở Công Thương', 'Department of Industry and Trade'),
  service('KHCN', 'A', 'Sở Khoa học và Công nghệ', 'Department of Science and Technology', 200),
  service('GDDT', 'B', 'Sở Giáo dục và Đào tạo', 'Department of Education and Training', 200),
  service('VHTTDL', 'C', 'Sở Văn hóa, Thể thao và Du lịch', 'Department of Culture, Sports and Tourism', 200),
  service('DTTG', 'D', 'Sở Dân tộc và Tôn giáo', 'Department of Ethnic and Religious Affairs', 100),
  service('KCN', 'E', 'Ban Quản lý các Khu công nghiệp', 'Industrial Zones Authority', 200),
  service('TT', 'F', 'Thanh tra tỉnh', 'Provincial Inspectorate', 100),
];

/** Counter number → services it serves, in order of preference. 25 desks, as in the center. */
const COUNTER_SERVICES: string[][] = [
  ['TC'],
  ['TC'],
  ['TC', 'KCN'],
  ['TP'],
  ['TP'],
  ['NNMT'],
  ['NNMT'],
  ['NNMT'],
  ['XD'],
  ['XD'],
  ['CA'],
  ['CA'],
  ['CA'],
  ['NV'],
  ['NV', 'DTTG'],
  ['YT'],
  ['BHXH'],
  ['BHXH'],
  ['CT'],
  ['KHCN', 'CT'],
  ['GDDT'],
  ['VHTTDL', 'GDDT'],
  ['DTTG', 'NV'],
  ['KCN', 'TC'],
  ['TT', 'TP'],
];

/** Fictional names of demo officers, one per counter. */
const OFFICER_NAMES = [
  'Nguyễn Thị Lan',
  'Trần Văn Hùng',
  'Lê Thị Thu Hà',
  'Phạm Minh Tuấn',
  'Huỳnh Ngọc Ánh',
  'Võ Thanh Tùng',
  'Đặng Thị Mai',
  'Bùi Quốc Bảo',
  'Đỗ Thị Hồng',
  'Hồ Văn Phúc',
  'Ngô Thị Kim Loan',
  'Dương Văn Khải',
  'Lý Thị Ngọc',
  'Trương Minh Châu',
  'Phan Thị Diễm',
  'Lâm Văn Sang',
  'Mai Thị Tuyết',
  'Tạ Quang Huy',
  'Châu Thị Bích',
  'Thạch Văn Sơn',
  'Kim Thị Sa Rây',
  'Nguyễn Hoàng Nam',
  'Trần Thị Yến',
  'Lê Văn Tâm',
  'Võ Thị Thanh Thảo',
];

export const DEMO_CENTER: DemoCenter = {
  name: 'Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long',
  nameEn: 'Vĩnh Long Provincial Public Administrative Service Center',
  // The 2019 address; confirm after the 2025 merger of Vĩnh Long, Bến Tre and Trà Vinh.
  address: '12C Hoàng Thái Hiếu, Phường 1, tỉnh Vĩnh Long',
  timeZone: 'Asia/Ho_Chi_Minh',
  provinceCode: 'H61',
  services: SERVICES,
  counters: COUNTER_SERVICES.map((serviceCodes, i) => ({
    number: i + 1,
    name: `Quầy ${i + 1}`,
    serviceCodes,
  })),
  officers: OFFICER_NAMES.map((displayName, i) => ({
    username: `canbo${String(i + 1).padStart(2, '0')}`,
    displayName,
    counterNumber: i + 1,
  })),
  priorityGroups: [
    { code: 'nguoi-cao-tuoi', name: 'Người cao tuổi (từ 60 tuổi)', nameEn: 'Elderly (60+)' },
    { code: 'khuyet-tat', name: 'Người khuyết tật', nameEn: 'People with disabilities' },
    { code: 'phu-nu-mang-thai', name: 'Phụ nữ mang thai', nameEn: 'Pregnant women' },
    { code: 'tre-nho', name: 'Người đi cùng trẻ dưới 6 tuổi', nameEn: 'With children under 6' },
    {
      code: 'nguoi-co-cong',
      name: 'Người có công với cách mạng',
      nameEn: 'People with meritorious services',
    },
  ],
};

/** Today's staffing of the demo center: its 25 counters with their services, open all the center's hours. */
export function demoPlan(): StaffingPlan {
  return StaffingPlan.parse({
    name: 'Hiện tại / current (demo)',
    counters: DEMO_CENTER.counters.map((c) => ({ number: c.number, services: c.serviceCodes })),
  });
}
