import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_CENTER } from '../demo/center.js';
import {
  BODIES,
  createServiceMapper,
  MAPPING_REASON_TEXT,
  mapToService,
  type MappableRow,
} from './mapping.js';
import { parseCatalogue } from '@layso/protocol/catalogue-file';

const services = DEMO_CENTER.services;
const row = (
  agency: string | null,
  field: string | null = null,
  level: string | null = 'tỉnh',
): MappableRow => ({
  agency,
  field,
  level,
});
const code = (r: MappableRow, map?: Record<string, string>) => mapToService(r, services, map).serviceCode;

describe('mapToService', () => {
  it('normalises messy agency names', () => {
    expect(code(row('Sở Tư pháp'))).toBe('TP');
    expect(code(row('Sở Tư Pháp'))).toBe('TP');
    expect(code(row('SỞ TƯ PHÁP'))).toBe('TP');
    expect(code(row('so tu phap'))).toBe('TP');
    expect(code(row('Công an tỉnh'))).toBe('CA');
    expect(code(row('Công an cấp Tỉnh'))).toBe('CA');
    expect(code(row('Công An Tỉnh'))).toBe('CA');
    expect(code(row('Sở Nông nghiệp và Môi trường Thành phố Hà Nội'))).toBe('NNMT');
    expect(code(row('Sở Tài chính các tỉnh, thành phố'))).toBe('TC');
    expect(code(row('Văn phòng đăng ký đất đai, Chi nhánh Văn phòng đăng ký đất đai'))).toBe('NNMT');
    expect(code(row('Bảo hiểm xã hội cấp Tỉnh, Bảo hiểm xã hội cấp huyện'))).toBe('BHXH');
    expect(
      code(row('Ban quản lý khu công nghiệp, khu kinh tế, khu chế xuất, khu công nghệ cao các tỉnh')),
    ).toBe('KCN');
    expect(code(row('Sở Văn hóa, Thể thao và Du lịch'))).toBe('VHTTDL');
  });

  it('maps pre-2025 department names to their successors', () => {
    expect(code(row('Sở Kế hoạch và Đầu tư'))).toBe('TC');
    expect(code(row('Sở Giao thông vận tải'))).toBe('XD');
    expect(code(row('Sở Lao động-Thương binh và Xã hội'))).toBe('NV');
    expect(code(row('Sở Nông nghiệp và Phát triển nông thôn tỉnh Sơn La'))).toBe('NNMT');
    expect(code(row('Sở Tài nguyên và Môi trường'))).toBe('NNMT');
  });

  it('falls back to the field when the agency is generic or empty', () => {
    expect(mapToService(row(null, 'Hộ tịch', 'xã'), services)).toEqual({
      serviceCode: 'TP',
      reason: 'field',
      body: 'tu-phap',
    });
    expect(code(row('Ủy ban nhân dân cấp tỉnh', 'Đất đai'))).toBe('NNMT');
    expect(code(row('Chủ tịch ủy ban nhân dân cấp tỉnh', 'Luật sư'))).toBe('TP');
    expect(code(row(null, 'Chứng thực', 'xã'))).toBe('TP');
    expect(code(row(null, 'Công chứng'))).toBe('TP');
    expect(code(row(null, 'Thành lập và hoạt động của doanh nghiệp'))).toBe('TC');
    expect(code(row(null, 'Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)', 'bộ;xã'))).toBe('TC');
    expect(code(row(null, 'Đường bộ'))).toBe('XD');
    expect(code(row(null, 'Đăng kiểm'))).toBe('XD');
    expect(code(row(null, 'Thể dục thể thao'))).toBe('VHTTDL');
    expect(code(row(null, 'Bảo trợ xã hội'))).toBe('YT');
    expect(code(row(null, 'Người có công'))).toBe('NV');
    expect(code(row(null, 'Khiếu nại, tố cáo'))).toBe('TT');
  });

  it('sends judicial records and driving licences to the police since 2025, whatever the agency says', () => {
    expect(mapToService(row('Sở Tư pháp', 'Lý lịch tư pháp'), services)).toMatchObject({
      serviceCode: 'CA',
      reason: 'field-override',
    });
    expect(
      code(
        row('Cục cảnh sát giao thông, Công an tỉnh, Công an cấp Xã', 'Sát hạch, cấp giấy phép lái xe', 'bộ'),
      ),
    ).toBe('CA');
  });

  it('leaves ministry-only and central agencies unmapped', () => {
    expect(mapToService(row('Cục hồ sơ nghiệp vụ', 'Lý lịch tư pháp', 'bộ'), services).reason).toBe(
      'ministry-only',
    );
    expect(mapToService(row('Bộ Xây dựng', 'Đường bộ', 'bộ'), services)).toMatchObject({
      serviceCode: null,
      reason: 'ministry-only',
    });
    for (const agency of [
      'Ngân hàng Nhà nước Khu vực',
      'Chi cục Hải quan khu vực',
      'Cục Hàng không Việt Nam',
      'Ủy ban Chứng khoán Nhà nước - Bộ tài chính',
      'Ban chỉ huy quân sự cấp Xã',
      'Thuế tỉnh, thành phố, Thuế cơ sở',
    ]) {
      expect(mapToService(row(agency, null, 'tỉnh'), services)).toMatchObject({
        serviceCode: null,
        reason: 'not-provincial',
      });
    }
    expect(code(row('Ủy ban nhân dân cấp tỉnh', 'Hải quan'))).toBeNull();
  });

  it('uses a ministry name only when the procedure is done below the ministry', () => {
    expect(mapToService(row('Bộ Xây dựng', null, 'bộ;tỉnh'), services)).toMatchObject({
      serviceCode: 'XD',
      reason: 'ministry-agency',
    });
  });

  it('the explicit agency map wins, matched exactly or ignoring case and diacritics', () => {
    const map = { 'Sở Tư pháp': 'NV', 'Ủy ban nhân dân cấp tỉnh': 'TT' };
    expect(mapToService(row('Sở Tư pháp', 'Lý lịch tư pháp'), services, map)).toMatchObject({
      serviceCode: 'NV',
      reason: 'agency-map',
    });
    expect(code(row('uy ban nhan dan cap tinh', 'Đất đai'), map)).toBe('TT');
    expect(mapToService(row('Sở Tư pháp'), services, { 'Sở Tư pháp': 'NOPE' })).toMatchObject({
      serviceCode: null,
      reason: 'agency-map-unknown-service',
    });
  });

  it('reports bodies the center has no service for, and rows with nothing recognisable', () => {
    const fewer = services.filter((s) => s.code !== 'TT');
    expect(mapToService(row('Thanh tra tỉnh'), fewer)).toEqual({
      serviceCode: null,
      reason: 'no-service',
      body: 'thanh-tra',
    });
    expect(mapToService(row('Cơ quan khác', 'Lĩnh vực lạ'), services).reason).toBe('no-rule');
  });

  it('resolves bodies by service name (ignoring parentheses), then by usual code', () => {
    const mapper = createServiceMapper([
      { code: 'S1', name: 'Công an tỉnh (lý lịch tư pháp)' },
      { code: 'S2', name: 'Sở Tư pháp' },
      { code: 'TC', name: 'Finance' },
    ]);
    expect(mapper.bodies.get('cong-an')).toBe('S1');
    expect(mapper.bodies.get('tu-phap')).toBe('S2');
    expect(mapper.bodies.get('tai-chinh')).toBe('TC');
    expect(mapper.bodies.get('y-te')).toBeNull();
  });

  it('every body of the rules resolves to a demo service, and every reason has a text', () => {
    const mapper = createServiceMapper(services);
    for (const body of BODIES) expect(mapper.bodies.get(body.key), body.key).not.toBeNull();
    for (const text of Object.values(MAPPING_REASON_TEXT)) expect(text).toMatch(/ \/ /);
  });
});

describe('mapping the real catalogue onto the demo center', () => {
  const csv = readFileSync(new URL('../demo/catalogue.csv', import.meta.url), 'utf8');
  const { rows } = parseCatalogue('csv', csv);
  const mapper = createServiceMapper(services);
  const results = rows.map((r) => ({ row: r, result: mapper(r) }));
  const count = (serviceCode: string) => results.filter((x) => x.result.serviceCode === serviceCode).length;

  it('puts the real procedures under the services, with no agency map', () => {
    // The catalogue is rich in justice, land, construction, police and business registration.
    expect(count('TP')).toBeGreaterThan(150);
    expect(count('NNMT')).toBeGreaterThan(250);
    expect(count('XD')).toBeGreaterThan(150);
    expect(count('CA')).toBeGreaterThan(120);
    expect(count('TC')).toBeGreaterThan(80);
    for (const s of ['BHXH', 'NV', 'YT', 'KCN', 'VHTTDL', 'KHCN']) expect(count(s), s).toBeGreaterThan(5);
    const mapped = results.filter((x) => x.result.serviceCode !== null).length;
    expect(mapped).toBeGreaterThan(1200);
  });

  it('maps the well-known procedures where a citizen expects them', () => {
    const at = (c: string) => results.find((x) => x.row.code === c)!.result.serviceCode;
    expect(at('3.000333')).toBe('CA'); // Cấp Phiếu lý lịch tư pháp
    expect(at('1.000894')).toBe('TP'); // Đăng ký kết hôn
    expect(at('1.001193')).toBe('TP'); // Đăng ký khai sinh
    expect(at('2.000815.000.00.00.H61')).toBe('TP'); // Chứng thực bản sao (Vĩnh Long)
    expect(at('1.012783')).toBe('NNMT'); // Cấp đổi Giấy chứng nhận quyền sử dụng đất
    expect(at('1.001456')).toBe('CA'); // Cấp hộ chiếu phổ thông (cấp tỉnh)
    expect(at('1.001612')).toBe('TC'); // Đăng ký thành lập hộ kinh doanh
    expect(at('3.000347')).toBe('CA'); // Đổi giấy phép lái xe
    expect(at('1.001471')).toBeNull(); // Cấp hộ chiếu (cấp trung ương)
  });

  it('maps no customs, tax, bank, securities or aviation procedure', () => {
    const central =
      /^(Hải quan|Thuế|Chứng khoán|Hàng không|Thành lập và hoạt động ngân hàng|Hoạt động ngoại hối)$/;
    const leaked = results.filter((x) => central.test(x.row.field ?? '') && x.result.serviceCode !== null);
    expect(leaked.map((x) => x.row.code)).toEqual([]);
    const ministryOnly = results.filter((x) => x.row.level === 'bộ' && x.result.serviceCode !== null);
    // Level "bộ" rows are kept only when the agency cell also names a provincial unit.
    for (const x of ministryOnly) expect(x.row.agency ?? '').toMatch(/tỉnh|Tỉnh|Sở|cấp Xã|Phòng/);
  });
});
