/**
 * Maps an imported procedure to one of the center's services from its agency ("cơ quan thực hiện") and field
 * ("lĩnh vực"). Agency names in public data are messy (case, old names, other provinces' names, several
 * bodies in one cell), so the rules work on folded text and are data: the tables below, which an explicit
 * `agencyMap` from the admin overrides. Pure; no I/O.
 */
import { fold } from './text.js';

export interface MappableRow {
  agency: string | null;
  field: string | null;
  level: string | null;
}

export interface ServiceRef {
  code: string;
  name: string;
}

export type MappingReason =
  /** The admin's agency map named the service. */
  | 'agency-map'
  /** The agency map names a service code the center does not have. */
  | 'agency-map-unknown-service'
  /** A field whose responsibility moved (e.g. lý lịch tư pháp → Công an tỉnh since 2025). */
  | 'field-override'
  /** The agency names a provincial body the center has. */
  | 'agency'
  /** Agency unknown or generic (UBND, empty): the field decided. */
  | 'field'
  /** Only a ministry/central unit of a sector was named (e.g. "Bộ Xây dựng"), at a provincial or commune level. */
  | 'ministry-agency'
  /** Performed only by a ministry (level "bộ" and no provincial body named). */
  | 'ministry-only'
  /** A vertical/central agency with no counter at a provincial center (customs, tax, banks, military…). */
  | 'not-provincial'
  /** A body was recognised but the center has no service for it. */
  | 'no-service'
  /** Nothing recognised. */
  | 'no-rule';

export interface MappingResult {
  serviceCode: string | null;
  reason: MappingReason;
  /** The body the rules recognised (key of {@link BODIES}), if any. */
  body: string | null;
}

export const MAPPING_REASON_TEXT: Record<MappingReason, string> = {
  'agency-map': 'Theo bảng ánh xạ cơ quan / By the agency map',
  'agency-map-unknown-service':
    'Bảng ánh xạ trỏ tới dịch vụ không tồn tại / The agency map names an unknown service',
  'field-override': 'Theo lĩnh vực (đã chuyển cơ quan) / By field (responsibility moved)',
  agency: 'Theo cơ quan thực hiện / By agency',
  field: 'Theo lĩnh vực / By field',
  'ministry-agency': 'Theo bộ, ngành chủ quản / By the sector ministry',
  'ministry-only': 'Chỉ thực hiện tại bộ, ngành / Ministry-level only',
  'not-provincial': 'Cơ quan ngành dọc, không tiếp nhận tại Trung tâm / Central agency, not at the center',
  'no-service': 'Trung tâm không có dịch vụ cho cơ quan này / The center has no service for this body',
  'no-rule': 'Không xác định được cơ quan / Agency not recognised',
};

/**
 * Provincial bodies after the 2025 reorganisation. `serviceNames` are folded phrases found in a service's name
 * (text in parentheses ignored); `serviceCodes` are the usual codes, tried when no name matches.
 */
export interface BodyRule {
  key: string;
  label: string;
  serviceNames: string[];
  serviceCodes: string[];
  /** Folded phrases that identify the body in an agency name. */
  agency: string[];
  /** Folded phrases that identify the body's fields ("lĩnh vực"); earlier bodies win. */
  fields: string[];
}

export const BODIES: BodyRule[] = [
  {
    key: 'cong-an',
    label: 'Công an tỉnh',
    serviceNames: ['cong an'],
    serviceCodes: ['CA', 'CAT'],
    agency: ['cong an', 'canh sat', 'xuat nhap canh', 'ho so nghiep vu'],
    fields: [
      'quan ly xuat nhap canh',
      'dang ky quan ly cu tru',
      'cu tru',
      'phuong tien giao thong co gioi',
      'phong chay chua chay',
      'vu khi',
      'an ninh trat tu',
      'con dau',
      'trat tu an toan giao thong',
      // Drug rehabilitation moved to the police in 2025.
      'cai nghien ma tuy',
    ],
  },
  {
    key: 'bhxh',
    label: 'Bảo hiểm xã hội tỉnh',
    serviceNames: ['bao hiem xa hoi', 'bhxh'],
    serviceCodes: ['BHXH'],
    agency: ['bao hiem xa hoi', 'bhxh'],
    fields: ['bhxh', 'bhyt', 'bao hiem xa hoi', 'bao hiem y te', 'bao hiem that nghiep'],
  },
  {
    key: 'tu-phap',
    label: 'Sở Tư pháp',
    serviceNames: ['tu phap'],
    serviceCodes: ['TP', 'STP'],
    agency: ['tu phap', 'tro giup phap ly', 'ho tich', 'cong chung', 'so goc', 'thua phat lai'],
    fields: [
      'ho tich',
      'chung thuc',
      'cong chung',
      'luat su',
      'tro giup phap ly',
      'giam dinh tu phap',
      'dau gia tai san',
      'thua phat lai',
      'quan tai vien',
      'hoa giai thuong mai',
      'trong tai thuong mai',
      'tu van phap luat',
      'nuoi con nuoi',
      'quoc tich',
      'boi thuong nha nuoc',
      'dang ky bien phap bao dam',
      'hoa giai o co so',
      'pho bien giao duc phap luat',
      'hanh chinh tu phap',
      'ho tro phap ly',
    ],
  },
  {
    key: 'khu-cong-nghiep',
    label: 'Ban Quản lý các Khu công nghiệp',
    serviceNames: ['khu cong nghiep', 'kcn', 'khu kinh te'],
    serviceCodes: ['KCN', 'BQLKCN'],
    agency: ['khu cong nghiep', 'khu kinh te', 'khu che xuat', 'khu cong nghe cao'],
    fields: ['khu cong nghiep', 'khu kinh te'],
  },
  {
    key: 'tai-chinh',
    label: 'Sở Tài chính',
    serviceNames: ['tai chinh', 'ke hoach va dau tu'],
    serviceCodes: ['TC', 'STC'],
    agency: ['tai chinh', 'ke hoach va dau tu', 'dang ky kinh doanh'],
    fields: [
      'doanh nghiep',
      'ho kinh doanh',
      'dau tu tai viet nam',
      'hop tac xa',
      'to hop tac',
      'cong san',
      'quan ly gia',
      'dau thau',
      'doi tac cong tu',
      'oda',
      'ho tro dau tu',
      'chuong trinh muc tieu quoc gia',
      'tai chinh',
      'bao hiem',
      'thong ke',
    ],
  },
  {
    key: 'nong-nghiep-moi-truong',
    label: 'Sở Nông nghiệp và Môi trường',
    serviceNames: ['nong nghiep va moi truong', 'nong nghiep', 'tai nguyen va moi truong'],
    serviceCodes: ['NNMT', 'SNNMT'],
    agency: [
      'nong nghiep',
      'moi truong',
      'tai nguyen',
      'dat dai',
      'kiem lam',
      'lam nghiep',
      'thuy san',
      'thu y',
      'chan nuoi',
      'trong trot',
      'bao ve thuc vat',
      'thuy loi',
      'de dieu',
      'phat trien rung',
      'trong rung',
    ],
    fields: [
      'dat dai',
      'tai nguyen',
      'moi truong',
      'dia chat',
      'khoang san',
      'bien va hai dao',
      'khi tuong',
      'do dac',
      'bien doi khi hau',
      'thuy loi',
      'thuy san',
      'thu y',
      'trong trot',
      'bao ve thuc vat',
      'chan nuoi',
      'lam nghiep',
      'kiem lam',
      'nong nghiep',
      'nong lam san',
      'phat trien nong thon',
      'thien tai',
      'de dieu',
      'bao ton thien nhien',
      'da dang sinh hoc',
      'giam ngheo',
    ],
  },
  {
    key: 'xay-dung',
    label: 'Sở Xây dựng',
    serviceNames: ['xay dung', 'giao thong van tai'],
    serviceCodes: ['XD', 'SXD'],
    agency: [
      'xay dung',
      'giao thong van tai',
      'giao thong cong chanh',
      'duong bo',
      'dang kiem',
      'nha o',
      'duong thuy',
    ],
    fields: [
      'duong bo',
      'dang kiem',
      'duong sat',
      'duong thuy',
      'hoat dong xay dung',
      'nha o',
      'bat dong san',
      'kien truc',
      'quy hoach',
      'ha tang ky thuat',
      'phat trien do thi',
      'vat lieu xay dung',
      'cong trinh xay dung',
      'giao thong',
    ],
  },
  {
    key: 'noi-vu',
    label: 'Sở Nội vụ',
    serviceNames: ['noi vu', 'lao dong thuong binh'],
    serviceCodes: ['NV', 'SNV'],
    agency: ['noi vu', 'lao dong thuong binh', 'thi dua khen thuong'],
    fields: [
      'nguoi co cong',
      'lao dong',
      'viec lam',
      'tien luong',
      'cong chuc',
      'vien chuc',
      'to chuc can bo',
      'van thu',
      'luu tru',
      'thi dua',
      'khen thuong',
      'thanh nien',
      'to chuc phi chinh phu',
      'to chuc hanh chinh',
      'chinh quyen dia phuong',
    ],
  },
  {
    key: 'y-te',
    label: 'Sở Y tế',
    serviceNames: ['y te'],
    serviceCodes: ['YT', 'SYT'],
    agency: ['y te'],
    // Social protection, children and social evils moved from labour (LĐTBXH) to health in 2025.
    fields: [
      'bao tro xa hoi',
      'tre em',
      'te nan xa hoi',
      'y te',
      'kham benh',
      'chua benh',
      'duoc',
      'my pham',
      'dan so',
      'an toan thuc pham',
      'phong benh',
    ],
  },
  {
    key: 'cong-thuong',
    label: 'Sở Công Thương',
    serviceNames: ['cong thuong'],
    serviceCodes: ['CT', 'SCT'],
    agency: ['cong thuong', 'cong nghiep va thuong mai', 'quan ly thi truong'],
    fields: [
      'cong thuong',
      'xuat nhap khau',
      'dien luc',
      'xang dau',
      'hoa chat',
      'thuong mai',
      'canh tranh',
      'kinh doanh khi',
      'vat lieu no cong nghiep',
      'cong nghiep',
    ],
  },
  {
    key: 'van-hoa',
    label: 'Sở Văn hóa, Thể thao và Du lịch',
    serviceNames: ['van hoa', 'the thao', 'du lich'],
    serviceCodes: ['VHTTDL', 'SVHTTDL'],
    agency: ['van hoa', 'the thao', 'du lich'],
    fields: [
      'van hoa',
      'the duc',
      'the thao',
      'du lich',
      'di san',
      'nghe thuat',
      'my thuat',
      'nhiep anh',
      'quang cao',
      'gia dinh',
      'thu vien',
      'bao chi',
      'xuat ban',
      'phat thanh',
      'truyen hinh',
      'thong tin dien tu',
      'ban quyen',
    ],
  },
  {
    key: 'khoa-hoc-cong-nghe',
    label: 'Sở Khoa học và Công nghệ',
    serviceNames: ['khoa hoc', 'thong tin va truyen thong'],
    serviceCodes: ['KHCN', 'SKHCN'],
    agency: ['khoa hoc', 'thong tin va truyen thong'],
    fields: [
      'khoa hoc',
      'cong nghe',
      'tieu chuan',
      'do luong',
      'so huu tri tue',
      'buu chinh',
      'vien thong',
      'tan so',
      'nang luong nguyen tu',
      'buc xa',
      'chuyen doi so',
      'tin hoc',
    ],
  },
  {
    key: 'giao-duc',
    label: 'Sở Giáo dục và Đào tạo',
    serviceNames: ['giao duc'],
    serviceCodes: ['GDDT', 'SGDDT'],
    agency: ['giao duc'],
    fields: ['giao duc', 'dao tao', 'thi tuyen sinh', 'van bang', 'chung chi'],
  },
  {
    key: 'dan-toc-ton-giao',
    label: 'Sở Dân tộc và Tôn giáo',
    serviceNames: ['dan toc', 'ton giao'],
    serviceCodes: ['DTTG', 'SDTTG'],
    agency: ['dan toc', 'ton giao'],
    fields: ['dan toc', 'ton giao', 'tin nguong'],
  },
  {
    key: 'thanh-tra',
    label: 'Thanh tra tỉnh',
    serviceNames: ['thanh tra'],
    serviceCodes: ['TT', 'TTT'],
    agency: ['thanh tra'],
    fields: ['khieu nai', 'to cao', 'tiep cong dan', 'thanh tra', 'tham nhung'],
  },
];

/**
 * Fields whose responsibility moved in 2025 and that decide even when the agency cell names the old body:
 * judicial records and driving licences went to the police.
 */
export const FIELD_OVERRIDES: Record<string, string> = {
  'ly lich tu phap': 'cong-an',
  'giay phep lai xe': 'cong-an',
  'can cuoc': 'cong-an',
  'dinh danh va xac thuc dien tu': 'cong-an',
};

/** Agencies with no counter at a provincial center: central or vertical bodies, the military, courts. */
export const NOT_PROVINCIAL_AGENCIES: string[] = [
  'ngan hang nha nuoc',
  'hai quan',
  'hang khong',
  'chung khoan',
  'quoc phong',
  'quan su',
  'quan khu',
  'bo tu lenh',
  'bien phong',
  'kho bac',
  'thue',
  'cang vu',
  'hang hai',
  'du tru nha nuoc',
  'thi hanh an',
  'toa an',
  'duong sat viet nam',
  'co yeu',
  'dai doi',
  'tieu doan',
  'trung doan',
  'kiem dich',
  'le tan nha nuoc',
  'thu tuong',
];

/** Fields handled only by central/vertical agencies. */
export const NOT_PROVINCIAL_FIELDS: string[] = [
  'hai quan',
  'thue',
  'chung khoan',
  'hang khong',
  'ngan hang',
  'ngoai hoi',
  'tien te',
  'hoat dong thanh toan',
  'kho quy',
  'tin dung',
  'bien gioi',
  'kho bac',
  'du tru',
  'thi hanh an',
  'toa an',
  'quan su',
  'dan quan tu ve',
  'co yeu',
];

/** Folded text with punctuation as spaces, padded so phrases match whole words: " so tu phap ". */
function words(text: string): string {
  return ` ${fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

const has = (padded: string, phrase: string) => padded.includes(` ${phrase} `);
const hasAny = (padded: string, phrases: readonly string[]) => phrases.some((p) => has(padded, p));

/** Names that contain a comma themselves; joined before a cell is split into bodies. */
const COMMA_NAMES: [RegExp, string][] = [
  [/van hoa\s*,\s*the thao/g, 'van hoa the thao'],
  [/tinh\s*,\s*thanh pho/g, 'tinh thanh pho'],
  [/xa\s*,\s*phuong/g, 'xa phuong'],
  [/phuong\s*,\s*thi tran/g, 'phuong thi tran'],
];

interface AgencyPart {
  body: string | null;
  /** A central unit (Bộ …, Cục … but not Chi cục, … Việt Nam, … trung ương, "… - Bộ X"). */
  central: boolean;
  /** Names a provincial or local unit (Sở …, … tỉnh, … cấp xã, Phòng …); a "Chi cục … vùng" is central. */
  local: boolean;
  notProvincial: boolean;
}

function classifyPart(foldedPart: string): AgencyPart {
  const part = ` ${foldedPart.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  const central =
    part.startsWith(' bo ') ||
    part.startsWith(' cuc ') ||
    part.startsWith(' tong cuc ') ||
    has(part, 'viet nam') ||
    has(part, 'trung uong') ||
    /-\s*bo\s/.test(foldedPart) ||
    has(part, 'bo nn va mt');
  const local =
    !central &&
    (part.startsWith(' so ') ||
      part.startsWith(' phong ') ||
      hasAny(part, ['tinh', 'cap tinh', 'cap xa', 'xa', 'huyen', 'so']));
  if (hasAny(part, NOT_PROVINCIAL_AGENCIES)) return { body: null, central, local, notProvincial: true };
  const body = BODIES.find((b) => hasAny(part, b.agency));
  return { body: body?.key ?? null, central, local, notProvincial: false };
}

/** Splits a cell naming several bodies ("Sở Xây dựng, Cục Đường bộ Việt Nam") into its parts. */
function agencyParts(agency: string): AgencyPart[] {
  let folded = fold(agency);
  for (const [pattern, joined] of COMMA_NAMES) folded = folded.replace(pattern, joined);
  return folded
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map(classifyPart);
}

function bodyOfField(field: string): string | null {
  const padded = words(field);
  for (const [phrase, body] of Object.entries(FIELD_OVERRIDES)) if (has(padded, phrase)) return body;
  return BODIES.find((b) => hasAny(padded, b.fields))?.key ?? null;
}

function levelsOf(level: string | null): string[] {
  if (level === null) return [];
  return level
    .split(';')
    .map((l) => l.trim().normalize('NFC').toLowerCase())
    .filter((l) => l.length > 0);
}

export interface ServiceMapper {
  (row: MappableRow): MappingResult;
  /** The service each body resolves to for this center (body key → service code or null). */
  readonly bodies: ReadonlyMap<string, string | null>;
}

/**
 * Prepares the rules for one center's services and an optional agency map (agency text as in the file →
 * service code; matched exactly, then ignoring case and diacritics). Use it for a whole import.
 */
export function createServiceMapper(services: readonly ServiceRef[], agencyMap: Record<string, string> = {}) {
  const codes = new Set(services.map((s) => s.code));
  const mainNames = services.map((s) => ({ code: s.code, name: words(s.name.replace(/\([^)]*\)/g, ' ')) }));
  const bodies = new Map<string, string | null>();
  for (const body of BODIES) {
    const byName = body.serviceNames
      .map((phrase) => mainNames.find((s) => has(s.name, phrase)))
      .find((s) => s !== undefined);
    const byCode = services.find((s) =>
      body.serviceCodes.some((c) => c.toLowerCase() === s.code.toLowerCase()),
    );
    bodies.set(body.key, byName?.code ?? byCode?.code ?? null);
  }
  const exactMap = new Map(
    Object.entries(agencyMap).map(([k, v]) => [k.normalize('NFC').trim(), v] as const),
  );
  const foldedMap = new Map(Object.entries(agencyMap).map(([k, v]) => [words(k), v] as const));

  const result = (serviceCode: string | null, reason: MappingReason, body: string | null): MappingResult => ({
    serviceCode,
    reason,
    body,
  });

  const mapper = (row: MappableRow): MappingResult => {
    const agency = row.agency?.normalize('NFC').trim() ?? '';
    if (agency !== '' && Object.keys(agencyMap).length > 0) {
      const target = exactMap.get(agency) ?? foldedMap.get(words(agency));
      if (target !== undefined) {
        return codes.has(target)
          ? result(target, 'agency-map', null)
          : result(null, 'agency-map-unknown-service', null);
      }
    }

    const levels = levelsOf(row.level);
    const ministryOnly = levels.length > 0 && levels.every((l) => l === 'bộ');
    const parts = agency === '' ? [] : agencyParts(agency);
    const provincialBodies = parts.filter((p) => p.body !== null && !p.central).map((p) => p.body as string);
    const localBodies = parts.filter((p) => p.body !== null && p.local).map((p) => p.body as string);
    const centralBodies = parts.filter((p) => p.body !== null && p.central).map((p) => p.body as string);
    const field = row.field ?? '';
    const fieldPadded = words(field);

    // Level "bộ" only: kept only when the cell also names a local unit of a body (e.g. "…, Công an tỉnh").
    if (ministryOnly && localBodies.length === 0)
      return result(null, 'ministry-only', centralBodies[0] ?? null);
    if (hasAny(fieldPadded, NOT_PROVINCIAL_FIELDS)) return result(null, 'not-provincial', null);

    const fieldBody = field === '' ? null : bodyOfField(field);
    const overridden = Object.keys(FIELD_OVERRIDES).some((p) => has(fieldPadded, p));
    if (fieldBody !== null && overridden) {
      const code = bodies.get(fieldBody) ?? null;
      if (code !== null) return result(code, 'field-override', fieldBody);
    }

    let recognised: string | null = null;
    for (const body of provincialBodies) {
      recognised ??= body;
      const code = bodies.get(body) ?? null;
      if (code !== null) return result(code, 'agency', body);
    }
    if (provincialBodies.length === 0 && parts.some((p) => p.notProvincial)) {
      return result(null, 'not-provincial', null);
    }
    if (fieldBody !== null) {
      recognised ??= fieldBody;
      const code = bodies.get(fieldBody) ?? null;
      if (code !== null) return result(code, 'field', fieldBody);
    }
    if (levels.length === 0 || levels.some((l) => l !== 'bộ')) {
      for (const body of centralBodies) {
        recognised ??= body;
        const code = bodies.get(body) ?? null;
        if (code !== null) return result(code, 'ministry-agency', body);
      }
    }
    return recognised === null ? result(null, 'no-rule', null) : result(null, 'no-service', recognised);
  };
  return Object.assign(mapper, { bodies }) as ServiceMapper;
}

/** Maps one row; for a whole file prefer {@link createServiceMapper}, which prepares the rules once. */
export function mapToService(
  row: MappableRow,
  services: readonly ServiceRef[],
  agencyMap?: Record<string, string>,
): MappingResult {
  return createServiceMapper(services, agencyMap)(row);
}
