import type { HubFact, HubReportReply } from '@layso/protocol';
import Excel from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubAccess, HubViewer } from '../access.js';
import { createHub, type Hub } from '../server.js';
import { issueSiteKey } from '../sites.js';
import { sendBatch as send } from '../testing/hub.js';
import { startPostgres, type TestPostgres } from '../testing/postgres.js';

/**
 * Facts in through the hub's HTTP batches, the report out through its endpoint, against figures worked out by hand
 * below. Site A's facts straddle a month (31/1 → 1/2/2026, Vietnam days), including a ticket issued 23:30 and
 * served after midnight; site B has one Monday.
 */

const T = (local: string) => `2026-${local}:00+07:00`;

const SITE_A: HubFact[] = [
  { kind: 'issued', seq: 1, at: T('01-31T08:05'), ticket: 'A001', service: 'HT' },
  { kind: 'issued', seq: 2, at: T('01-31T08:20'), ticket: 'A002', service: 'HT' },
  { kind: 'called', seq: 3, at: T('01-31T08:15'), ticket: 'A001', service: 'HT', counter: 1 },
  {
    kind: 'finished',
    seq: 4,
    at: T('01-31T08:25'),
    ticket: 'A001',
    service: 'HT',
    counter: 1,
    outcome: 'received',
    waitSeconds: 600,
    serviceSeconds: 600,
  },
  {
    kind: 'rating',
    seq: 5,
    at: T('01-31T08:26'),
    ticket: 'A001',
    service: 'HT',
    counter: 1,
    rating: 'very-satisfied',
  },
  { kind: 'no_show', seq: 6, at: T('01-31T08:50'), ticket: 'A002', service: 'HT', counter: 1 },
  { kind: 'dossier', seq: 7, at: T('01-31T08:25'), dossier: 'H1', status: '2', service: 'HT' },
  { kind: 'issued', seq: 8, at: T('01-31T23:30'), ticket: 'B001', service: 'DD' },
  // Served after midnight: counted on 1/2 (a Sunday), its wait at hour 0 (it arrived the day before).
  {
    kind: 'finished',
    seq: 9,
    at: T('02-01T00:20'),
    ticket: 'B001',
    service: 'DD',
    counter: 2,
    outcome: 'guidance',
    waitSeconds: 1500,
    serviceSeconds: 1500,
  },
  {
    kind: 'rating',
    seq: 10,
    at: T('02-01T00:21'),
    ticket: 'B001',
    service: 'DD',
    counter: 2,
    rating: 'unsatisfied',
  },
  {
    kind: 'dossier',
    seq: 11,
    at: T('02-01T09:00'),
    dossier: 'H1',
    status: '10',
    service: 'HT',
    due: '2026-02-01',
  },
  {
    kind: 'dossier',
    seq: 12,
    at: T('02-01T09:30'),
    dossier: 'H2',
    status: '10',
    service: 'HT',
    due: '2026-01-30',
  },
  { kind: 'cancelled', seq: 13, at: T('02-01T10:00'), ticket: 'C001', service: 'HT' },
  {
    kind: 'transferred',
    seq: 14,
    at: T('02-01T10:30'),
    ticket: 'C002',
    service: 'HT',
    counter: 2,
    toService: 'DD',
    toTicket: 'D001',
  },
  {
    kind: 'daily_totals',
    seq: 15,
    at: T('02-01T00:00'),
    day: '2026-01-31',
    service: 'HT',
    issued: 2,
    served: 1,
    noShow: 1,
    cancelled: 0,
  },
];

const SITE_B: HubFact[] = [
  { kind: 'issued', seq: 1, at: T('02-02T09:00'), ticket: 'X001', service: 'HT' },
  {
    kind: 'finished',
    seq: 2,
    at: T('02-02T09:40'),
    ticket: 'X001',
    service: 'HT',
    counter: 1,
    outcome: 'returned',
    waitSeconds: 1800,
    serviceSeconds: 600,
  },
  {
    kind: 'rating',
    seq: 3,
    at: T('02-02T09:41'),
    ticket: 'X001',
    service: 'HT',
    counter: 1,
    rating: 'satisfied',
  },
  { kind: 'issued', seq: 4, at: T('02-02T09:10'), ticket: 'X002', service: 'HT' },
  { kind: 'dossier', seq: 5, at: T('02-02T10:00'), dossier: 'H9', status: 'returned', due: '2026-02-05' },
  // In progress (TrangThaiHoSo 4): no report figure.
  { kind: 'dossier', seq: 6, at: T('02-02T10:05'), dossier: 'H9', status: '4', service: 'HT' },
];

let server: TestPostgres;
let hub: Hub;
const keys: Record<'a' | 'b', string> = { a: '', b: '' };
const ids: Record<'a' | 'b', number> = { a: 0, b: 0 };
const viewers = new Map<string, HubViewer>();
const access: HubAccess = { viewerOf: (token) => Promise.resolve(viewers.get(token) ?? null) };

beforeAll(async () => {
  server = await startPostgres();
  hub = await createHub({ databaseUrl: await server.createDatabase(), access });
  await hub.listen();
  keys.a = await issueSiteKey(hub.pool, { code: 'xa-a', name: 'Trung tâm xã A', commune: 'Xã A' });
  // A name an admin typed that a spreadsheet would run as a formula, with a comma CSV must quote.
  keys.b = await issueSiteKey(hub.pool, { code: 'xa-b', name: '=HYPERLINK("x"), Trà Vinh', commune: 'Xã B' });
  const { rows } = await hub.pool.query<{ id: number; code: string }>('SELECT id, code FROM sites');
  ids.a = rows.find((r) => r.code === 'xa-a')?.id ?? 0;
  ids.b = rows.find((r) => r.code === 'xa-b')?.id ?? 0;
  viewers.set('province', { userId: 1, username: 'tinh', role: 'province_viewer', siteIds: null });
  viewers.set('only-a', { userId: 2, username: 'xa-a', role: 'site_viewer', siteIds: [ids.a] });
});
afterAll(async () => {
  await hub?.close();
  await server?.stop();
});

async function sendBatch(site: 'a' | 'b', facts: HubFact[]): Promise<number> {
  const first = facts[0]?.seq ?? 0;
  const body = { site: `xa-${site}`, firstSeq: first, lastSeq: first + facts.length - 1, facts };
  const r = await send(hub, keys[site], body);
  expect(r.status).toBe(200);
  return r.body.acknowledged;
}

async function get(query: string, token?: string): Promise<Response> {
  return fetch(`${hub.url}/api/hub/reports?${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

async function report(query: string, token = 'province'): Promise<HubReportReply> {
  const r = await get(query, token);
  expect(r.status).toBe(200);
  return (await r.json()) as HubReportReply;
}

/** A prefix check that shows both texts when it fails. */
function expectStart(actual: string | undefined, prefix: string): void {
  expect(actual?.slice(0, prefix.length)).toBe(prefix);
}

const noDossiers = {
  received: 0,
  returned: 0,
  returnedEarly: 0,
  returnedOnTime: 0,
  returnedLate: 0,
  onTimeRate: null,
};

describe('the province report', () => {
  it('sums what the sites sent, once, by site, service and weekday × hour', async () => {
    expect(await sendBatch('a', SITE_A.slice(0, 8))).toBe(8);
    expect(await sendBatch('a', SITE_A.slice(8))).toBe(15);
    expect(await sendBatch('b', SITE_B)).toBe(6);
    const range = 'from=2026-01-31&to=2026-02-02';
    const first = await report(range);
    // Both batches of site A sent again (their acknowledgements lost): nothing counts twice.
    expect(await sendBatch('a', SITE_A.slice(0, 8))).toBe(15);
    expect(await sendBatch('a', SITE_A.slice(8))).toBe(15);
    expect(await report(range)).toEqual(first);

    expect(first.totals).toEqual({
      issued: 5,
      served: 3,
      noShow: 1,
      cancelled: 1,
      transferred: 1,
      noShowRate: 0.2, // 1 / (3 served + 1 no-show + 1 transferred)
      avgWaitSeconds: 1300, // (600 + 1500 + 1800) / 3
      maxWaitSeconds: 1800,
      avgServiceSeconds: 900, // (600 + 1500 + 600) / 3
      servedWithinTarget: 0.3333, // only A001 waited ≤ 15 min
      ratings: { verySatisfied: 1, satisfied: 1, unsatisfied: 1 },
      satisfaction: 0.6667,
      dossiers: {
        received: 1,
        returned: 3,
        returnedEarly: 1,
        returnedOnTime: 1,
        returnedLate: 1,
        onTimeRate: 0.6667,
      },
    });
    expect(first.bySite.map((s) => [s.code, s.issued, s.served, s.noShowRate, s.avgWaitSeconds])).toEqual([
      ['xa-a', 3, 2, 0.25, 1050],
      ['xa-b', 2, 1, 0, 1800],
    ]);
    const [a, b] = first.bySite;
    expect(a).toMatchObject({
      siteId: ids.a,
      name: 'Trung tâm xã A',
      commune: 'Xã A',
      servedWithinTarget: 0.5,
      satisfaction: 0.5,
      dossiers: {
        received: 1,
        returned: 2,
        returnedEarly: 0,
        returnedOnTime: 1,
        returnedLate: 1,
        onTimeRate: 0.5,
      },
      siteReported: { issued: 2, served: 1, noShow: 1, cancelled: 0 },
    });
    expect(b).toMatchObject({ servedWithinTarget: 0, satisfaction: 1, siteReported: null });
    expect(b?.dossiers).toEqual({ ...noDossiers, returned: 1, returnedEarly: 1, onTimeRate: 1 });

    expect(first.byService.map((s) => s.code)).toEqual(['', 'DD', 'HT']);
    expect(first.byService[1]).toMatchObject({ issued: 1, served: 1, avgWaitSeconds: 1500, satisfaction: 0 });
    expect(first.byService[2]).toMatchObject({
      issued: 4,
      served: 2,
      noShow: 1,
      cancelled: 1,
      transferred: 1,
      avgWaitSeconds: 1200,
      maxWaitSeconds: 1800,
      avgServiceSeconds: 600,
      servedWithinTarget: 0.5,
    });

    // 31/1 is a Saturday (6), 1/2 a Sunday (7), 2/2 a Monday (1).
    expect(first.byHour).toHaveLength(7 * 24);
    const busy = first.byHour.filter((c) => c.arrivals > 0 || c.avgWaitSeconds !== null);
    expect(busy).toEqual([
      { weekday: 1, hour: 9, arrivals: 2, avgWaitSeconds: 1800 },
      { weekday: 6, hour: 8, arrivals: 2, avgWaitSeconds: 600 },
      { weekday: 6, hour: 23, arrivals: 1, avgWaitSeconds: null },
      { weekday: 7, hour: 0, arrivals: 0, avgWaitSeconds: 1500 },
    ]);
  });

  it('splits at the Vietnam day, across the month', async () => {
    const jan = await report(`from=2026-01-31&to=2026-01-31&sites=${ids.a}`);
    expect(jan.totals).toMatchObject({ issued: 3, served: 1, noShow: 1, cancelled: 0, transferred: 0 });
    expect(jan.totals.dossiers).toEqual({ ...noDossiers, received: 1 });
    const feb = await report(`from=2026-02-01&to=2026-02-28&sites=${ids.a}`);
    expect(feb.totals).toMatchObject({
      issued: 0,
      served: 1,
      cancelled: 1,
      transferred: 1,
      avgWaitSeconds: 1500,
    });
    expect(feb.bySite[0]?.siteReported).toBeNull();
  });

  it('counts within the target asked for', async () => {
    const r = await report('from=2026-01-31&to=2026-02-02&targetWaitMinutes=30');
    expect(r.targetWaitMinutes).toBe(30);
    expect(r.totals.servedWithinTarget).toBe(1);
    expect(
      (await report('from=2026-01-31&to=2026-02-02&targetWaitMinutes=10')).totals.servedWithinTarget,
    ).toBe(0.3333);
  });

  it("answers a viewer of some sites for theirs only, and never another's", async () => {
    const own = await report('from=2026-01-31&to=2026-02-02', 'only-a');
    expect(own.bySite.map((s) => s.code)).toEqual(['xa-a']);
    expect(own.totals.issued).toBe(3);
    expect((await report(`from=2026-01-31&to=2026-02-02&sites=${ids.a}`, 'only-a')).totals.issued).toBe(3);
    for (const sites of [`${ids.b}`, `${ids.a},${ids.b}`, '999']) {
      const r = await get(`from=2026-01-31&to=2026-02-02&sites=${sites}`, 'only-a');
      expect(r.status).toBe(403);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('LAYSO_FORBIDDEN');
    }
    for (const token of [undefined, 'forged']) {
      const r = await get('from=2026-01-31&to=2026-02-02', token);
      expect(r.status).toBe(401);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('LAYSO_UNAUTHENTICATED');
    }
  });

  it('refuses bad input with a bilingual error', async () => {
    const cases: [string, string][] = [
      ['from=2026-02-02&to=2026-01-31', 'LAYSO_REPORT_RANGE_INVALID'],
      ['from=2025-01-01&to=2026-02-02', 'LAYSO_REPORT_RANGE_INVALID'],
      ['from=2026-02-30&to=2026-03-01', 'LAYSO_VALIDATION'],
      ['to=2026-03-01', 'LAYSO_VALIDATION'],
      ['from=2026-01-31&to=2026-02-02&sites=1;2', 'LAYSO_VALIDATION'],
      ['from=2026-01-31&to=2026-02-02&sites=999', 'LAYSO_VALIDATION'],
      ['from=2026-01-31&to=2026-02-02&targetWaitMinutes=12', 'LAYSO_VALIDATION'],
      ['from=2026-01-31&to=2026-02-02&format=pdf', 'LAYSO_VALIDATION'],
      ['from=2026-01-31&to=2026-02-02&site=1', 'LAYSO_VALIDATION'],
    ];
    for (const [query, code] of cases) {
      const r = await get(query, 'province');
      expect(r.status, query).toBe(400);
      const { error } = (await r.json()) as { error: { code: string; message: string } };
      expect(error.code, query).toBe(code);
      expect(error.message, query).toMatch(/^[^/]+ \/ [^/]+$/);
    }
  });

  it('exports CSV that a spreadsheet reads as text, and XLSX that ExcelJS reads back', async () => {
    const json = await report('from=2026-01-31&to=2026-02-02');
    const csv = await get('from=2026-01-31&to=2026-02-02&format=csv', 'province');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain('bao-cao-tinh-2026-01-31-2026-02-02.csv');
    // Read as bytes: Response.text() would drop the BOM that makes Excel read UTF-8.
    const text = Buffer.from(await csv.arrayBuffer()).toString('utf8');
    expectStart(text, '\uFEFFMã điểm,Tên điểm,Xã/phường,Số phiếu cấp,Đã phục vụ');
    const lines = text.slice(1).split('\r\n');
    expect(lines).toHaveLength(5); // header, two sites, total, the final line end
    expectStart(lines[1], 'xa-a,Trung tâm xã A,Xã A,3,2,1,1,1,0.25,1050,1500,1050,0.5,');
    // The formula-like name stays text (a leading '), quoted for its comma and quotes.
    expectStart(lines[2], `xa-b,"'=HYPERLINK(""x""), Trà Vinh",Xã B,2,1,`);
    expectStart(lines[3], ',Tổng cộng,,5,3,1,1,1,0.2,1300,1800,900,0.3333,');

    const xlsx = await get('from=2026-01-31&to=2026-02-02&format=xlsx', 'province');
    expect(xlsx.status).toBe(200);
    const wb = new Excel.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Theo điểm',
      'Theo lĩnh vực',
      'Lượt đến theo giờ',
      'Thời gian chờ theo giờ',
    ]);
    const summary = wb.getWorksheet('Tổng hợp');
    const values = new Map<string, unknown>();
    summary?.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get('Số phiếu cấp')).toBe(json.totals.issued);
    expect(values.get('Tỷ lệ chờ ≤ 15 phút')).toBe(json.totals.servedWithinTarget);
    expect(values.get('Tỷ lệ trả đúng hạn')).toBe(json.totals.dossiers.onTimeRate);
    const sites = wb.getWorksheet('Theo điểm');
    expect(sites?.getRow(3).getCell(2).value).toBe('=HYPERLINK("x"), Trà Vinh');
    expect(sites?.getRow(4).getCell(2).value).toBe('Tổng cộng');
    // Monday (column 2) at 9h (row 11: header + hours 0..8 before it).
    expect(wb.getWorksheet('Lượt đến theo giờ')?.getRow(11).getCell(2).value).toBe(2);
    expect(wb.getWorksheet('Thời gian chờ theo giờ')?.getRow(11).getCell(2).value).toBe(1800);
  });

  it("keeps the site's newest report of a day beside the hub's sums", async () => {
    const totals = (seq: number, issued: number): HubFact => ({
      kind: 'daily_totals',
      seq,
      at: T('02-02T17:00'),
      day: '2026-02-02',
      service: 'HT',
      issued,
      served: 1,
      noShow: 0,
      cancelled: 0,
    });
    expect(await sendBatch('b', [totals(7, 1)])).toBe(7);
    // Sent again after a correction (the day's second ticket was issued after the first report).
    expect(await sendBatch('b', [totals(8, 2)])).toBe(8);
    const r = await report(`from=2026-02-02&to=2026-02-02&sites=${ids.b}`);
    expect(r.bySite[0]?.siteReported).toEqual({ issued: 2, served: 1, noShow: 0, cancelled: 0 });
    expect(r.bySite[0]?.issued).toBe(2);
  });
});
