/**
 * `GET /api/reports` against the real server on the demo center: roles, validation, and the three formats
 * agreeing with what happened (driven over HTTP on a ManualClock).
 */
import ExcelJS from 'exceljs';
import { ReportReply } from '@layso/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@layso/server-kit';
import { ManualClock, startHarness, type Harness } from '../testing/harness.js';
import { issue, login } from '../testing/kit.js';

const DAY = '2026-03-11'; // a Wednesday
const clock = new ManualClock(new Date(`${DAY}T08:00:00+07:00`));
let h: Harness;
let admin: string;
let supervisor: string;
let officer: string;

const minutes = (n: number) => clock.advance(n * 60_000);

beforeAll(async () => {
  h = await startHarness({ clock });
  h.store.accounts.addUser({
    username: 'giamsat',
    displayName: 'Giám sát viên',
    role: 'supervisor',
    passwordHash: await hashPassword('giam-sat-mat-khau'),
    counterId: null,
  });
  admin = (await login(h, 'admin')).token;
  supervisor = (await login(h, 'giamsat', 'giam-sat-mat-khau')).token;
  const o = h.credentials.officers[0]!;
  officer = (await login(h, o.username)).token;
  const serviceId = h.store.counters.byId(o.counterId)!.serviceIds[0]!;
  const take = async () => (await issue(h, serviceId)).id;
  const callNext = async () => {
    const r = await h.api(`/api/counters/${o.counterId}/call-next`, { token: officer, method: 'POST' });
    expect(r.status).toBe(200);
    return r.body.ticket.id as number;
  };
  // 08:00 three tickets; 08:10 the first is called (wait 600) and 08:15 finished (300); 08:20 the second is
  // called (wait 1200) and marked no-show; the third still waits.
  const [a] = [await take(), await take(), await take()];
  minutes(10);
  expect(await callNext()).toBe(a);
  minutes(5);
  expect(
    (await h.api(`/api/tickets/${a}/finish`, { token: officer, body: { outcome: 'guidance' } })).status,
  ).toBe(200);
  minutes(5);
  const b = await callNext();
  expect((await h.api(`/api/tickets/${b}/no-show`, { token: officer, method: 'POST' })).status).toBe(200);
});

afterAll(async () => {
  await h.close();
});

const path = (q: string) => `/api/reports?${q}`;

describe('GET /api/reports', () => {
  it('gives supervisors and admins the JSON report of the day', async () => {
    for (const token of [admin, supervisor]) {
      const r = await h.api(path(`from=${DAY}&to=${DAY}`), { token });
      expect(r.status).toBe(200);
      const report = ReportReply.parse(r.body);
      expect(report.totals).toMatchObject({
        issued: 3,
        called: 2,
        served: 1,
        noShow: 1,
        leftWaiting: 0, // the third waits today: in progress
        avgWaitSeconds: 900,
        p90WaitSeconds: 1200,
        avgServiceSeconds: 300,
        servedWithinTarget: 0.5,
      });
      expect(report.byHour.find((c) => c.weekday === 3 && c.hour === 8)?.arrivals).toBe(3);
      expect(report.byService.length).toBe(h.store.catalogue.services().length);
    }
  });

  it('refuses officers (403) and strangers (401)', async () => {
    const asOfficer = await h.api(path(`from=${DAY}&to=${DAY}`), { token: officer });
    expect(asOfficer.status).toBe(403);
    expect(asOfficer.body.error.code).toBe('LAYSO_FORBIDDEN');
    const asKiosk = await h.api(path(`from=${DAY}&to=${DAY}`), { token: h.credentials.kioskToken });
    expect(asKiosk.status).toBe(403);
    const anon = await h.api(path(`from=${DAY}&to=${DAY}`));
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('LAYSO_UNAUTHENTICATED');
  });

  it('refuses bad dates and ranges with a 400 in both languages', async () => {
    for (const [q, code] of [
      ['from=2026-02-30&to=2026-03-01', 'LAYSO_VALIDATION'],
      ['from=11/03/2026&to=2026-03-11', 'LAYSO_VALIDATION'],
      [`to=${DAY}`, 'LAYSO_VALIDATION'],
      [`from=${DAY}&to=${DAY}&format=pdf`, 'LAYSO_VALIDATION'],
      [`from=${DAY}&to=${DAY}&targetWaitMinutes=abc`, 'LAYSO_VALIDATION'],
      ['from=2026-03-12&to=2026-03-11', 'LAYSO_REPORT_RANGE_INVALID'],
      ['from=2025-01-01&to=2026-01-02', 'LAYSO_REPORT_RANGE_INVALID'],
    ] as const) {
      const r = await h.api(path(q), { token: admin });
      expect(r.status, q).toBe(400);
      expect(r.body.error.code, q).toBe(code);
      expect(r.body.error.message, q).toMatch(/ \/ /);
    }
    expect((await h.api(path('from=2025-01-01&to=2026-01-01'), { token: admin })).status).toBe(200);
  });

  it('downloads a CSV with a BOM that agrees with the JSON', async () => {
    const res = await fetch(h.url + path(`from=${DAY}&to=${DAY}&format=csv`), {
      headers: { authorization: `Bearer ${supervisor}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="bao-cao-${DAY}-${DAY}.csv"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
    expect(lines).toHaveLength(h.store.catalogue.services().length + 2);
    expect(lines[0]).toMatch(/^Mã lĩnh vực,Lĩnh vực,Số phiếu cấp,Tự hủy số,/);
    expect(lines.at(-1)!.split(',').slice(0, 7)).toEqual(['', 'Tổng cộng', '3', '0', '2', '1', '1']);
  });

  it('downloads an XLSX with the five sheets and numbers', async () => {
    const res = await fetch(h.url + path(`from=${DAY}&to=${DAY}&format=xlsx`), {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="bao-cao-${DAY}-${DAY}.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Theo lĩnh vực',
      'Theo quầy',
      'Theo cán bộ',
      'Theo giờ',
      'Tiến độ hồ sơ',
    ]);
    const issued = wb.getWorksheet('Tổng hợp')!.getRow(5);
    expect(issued.getCell(1).value).toBe('Số phiếu cấp');
    expect(issued.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(issued.getCell(2).value).toBe(3);
  });
});
