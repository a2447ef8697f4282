/**
 * The figures of a scripted day, driven through the real QueueService on a ManualClock, equal the values
 * worked out by hand below; the day crosses the Vietnam midnight. Also the CSV and the XLSX read back.
 */
import ExcelJS from 'exceljs';
import { ReportQuery, ReportReply } from '@layso/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportReads } from './reads.js';
import { ALWAYS_OPEN } from '../domain/testing.js';
import { serviceDay, vnLocal } from '../domain/time.js';
import { CITIZEN, createSyncFixture, type SyncFixture } from '../sync/testing.js';
import { REPORT_SHEETS, reportCsv, reportXlsx } from './export.js';
import { Reports } from './service.js';
import { percentile } from '../domain/percentile.js';
import { buildReport, hourCell, type ReportOptions } from './build.js';

/** Vietnam wall-clock time (UTC+7) as an instant. */
const vn = (day: string, hhmm: string): Date => new Date(`${day}T${hhmm}:00+07:00`);
const D = '2026-03-09'; // a Monday
const NEXT = '2026-03-10';

let f: SyncFixture;
let ht: number;
let counter5: number;
let officer2: number;
const ids: Record<string, number> = {};

/**
 * The script (Vietnam times, day D):
 *  08:00 A issued (TP, with the citizen's name and phone)      08:05 B issued (TP)
 *  08:10 counter 3 calls A (wait 600) · 08:11 starts · 08:21 finishes (service 600) · rated very satisfied
 *  08:22 counter 3 calls B (wait 1020) · 08:25 no-show
 *  08:30 C issued (TP)   08:40 D issued (HT)
 *  08:40 counter 3 calls C (wait 600) · 08:42 starts · 08:45 transfers it to HT → C' (issued 08:45, keeps its place)
 *  08:50 counter 5 calls C' (wait 300 from the transfer) · 09:10 finishes straight from the call (service 1200) · satisfied
 *  09:10 counter 5 calls D (wait 1800) · 09:11 starts · 09:19 finishes (service 480) · unsatisfied
 *  16:00 E issued (TP), never called: still waiting when day D ends
 *  16:30 H issued (HT) · 16:40 the citizen leaves the queue from the phone: cancelled, never called
 *  23:50 F issued (HT) — still day D · 23:55 called (wait 300) · 23:56 starts · 00:06 (day D+1) finishes (600), not rated
 *  00:10 (D+1; 17:10 UTC on D) G issued (TP): day D+1
 */
beforeAll(async () => {
  f = createSyncFixture(vn(D, '08:00'));
  const { store, queue, clock } = f;
  ({ ht, counter5, officer2 } = store.transaction(() => {
    const ht = store.catalogue.saveService({
      code: 'HT',
      name: 'Hộ tịch',
      nameEn: 'Civil status',
      numberFormat: { prefix: '5', digits: 3 },
      dailyCap: 300,
      hours: ALWAYS_OPEN,
      active: true,
    });
    const officer2 = store.accounts.addUser({
      username: 'canbo02',
      displayName: 'Lê Thị Cúc',
      role: 'officer',
      passwordHash: 'x',
      counterId: null,
    });
    return { ht, officer2, counter5: store.counters.add(5, 'Quầy 5', [ht]) };
  }));
  queue.occupy(counter5, officer2);
  const c3 = { counterId: f.counterId, officerId: f.officerId };
  const c5 = { counterId: counter5, officerId: officer2 };
  const at = (day: string, hhmm: string) => clock.set(vn(day, hhmm));
  const issue = (name: string, serviceId: number, withIntake = false) => {
    ids[name] = queue.issue({ serviceId, ...(withIntake ? { intake: CITIZEN } : {}) }, null).value.id;
  };
  const callNext = (actor: typeof c3, name: string) => {
    const t = queue.callNext(actor).value;
    if (!t) throw new Error(`nobody to call for ${name}`);
    ids[name] ??= t.id;
    expect(t.id).toBe(ids[name]);
  };
  const guidance = { outcome: 'guidance' as const };

  at(D, '08:00');
  issue('A', f.serviceId, true);
  at(D, '08:05');
  issue('B', f.serviceId);
  at(D, '08:10');
  callNext(c3, 'A');
  at(D, '08:11');
  queue.start(ids.A!, c3);
  at(D, '08:21');
  queue.finish(ids.A!, guidance, c3);
  queue.rate(ids.A!, 'very-satisfied', null, f.counterId);
  at(D, '08:22');
  callNext(c3, 'B');
  at(D, '08:25');
  queue.noShow(ids.B!, c3);
  at(D, '08:30');
  issue('C', f.serviceId);
  at(D, '08:40');
  issue('D', ht);
  callNext(c3, 'C');
  at(D, '08:42');
  queue.start(ids.C!, c3);
  at(D, '08:45');
  ids["C'"] = queue.transfer(ids.C!, ht, null, c3).value.id;
  at(D, '08:50');
  callNext(c5, "C'");
  at(D, '09:10');
  queue.finish(ids["C'"]!, guidance, c5);
  queue.rate(ids["C'"]!, 'satisfied', null, counter5);
  callNext(c5, 'D');
  at(D, '09:11');
  queue.start(ids.D!, c5);
  at(D, '09:19');
  queue.finish(ids.D!, guidance, c5);
  queue.rate(ids.D!, 'unsatisfied', null, counter5);
  at(D, '16:00');
  issue('E', f.serviceId);
  at(D, '16:30');
  issue('H', ht);
  at(D, '16:40');
  queue.leave(store.tickets.byId(ids.H!)!.trackingCode);
  at(D, '23:50');
  issue('F', ht);
  at(D, '23:55');
  callNext(c5, 'F');
  at(D, '23:56');
  queue.start(ids.F!, c5);
  at(NEXT, '00:06');
  queue.finish(ids.F!, guidance, c5);
  at(NEXT, '00:10');
  issue('G', f.serviceId);
});

afterAll(() => f.close());

function report(from: string, to: string, today = NEXT, targetWaitMinutes = 15): ReportReply {
  const options: ReportOptions = { from, to, today, targetWaitMinutes };
  return ReportReply.parse(
    buildReport(new ReportReads(f.store.db).tickets(from, to), options, {
      services: f.store.catalogue.services(),
      counters: f.store.counters.all(),
      officers: f.store.accounts.users(),
    }),
  );
}

const TP_FIGURES = {
  called: 3,
  served: 1,
  noShow: 1,
  transferred: 1,
  avgWaitSeconds: 740, // (600 + 1020 + 600) / 3
  p90WaitSeconds: 1020,
  avgServiceSeconds: 600,
  p90ServiceSeconds: 600,
  ratings: { verySatisfied: 1, satisfied: 0, unsatisfied: 0, none: 0 },
};
const HT_FIGURES = {
  called: 3,
  served: 3,
  noShow: 0,
  transferred: 0,
  leftWaiting: 0,
  avgWaitSeconds: 800, // (300 + 1800 + 300) / 3
  p90WaitSeconds: 1800,
  avgServiceSeconds: 760, // (1200 + 480 + 600) / 3
  p90ServiceSeconds: 1200,
  ratings: { verySatisfied: 0, satisfied: 1, unsatisfied: 1, none: 1 },
};

describe('the report of a scripted day', () => {
  it('keeps the ticket of 23:50 on its Vietnam day and the one of 00:10 on the next', () => {
    expect(serviceDay(f.store.tickets.byId(ids.F!)!.issuedAt)).toBe(D);
    expect(f.store.tickets.byId(ids.F!)!.day).toBe(D);
    expect(f.store.tickets.byId(ids.G!)!.day).toBe(NEXT);
  });

  it('totals equal the hand-computed figures', () => {
    const r = report(D, D);
    expect(r.totals).toEqual({
      issued: 7, // A B C D E F H (C' is a transfer, G is the next day)
      cancelled: 1, // H
      called: 6,
      served: 4, // A C' D F
      noShow: 1, // B
      transferred: 1, // C
      leftWaiting: 1, // E
      avgWaitSeconds: 770, // (600 + 1020 + 600 + 300 + 1800 + 300) / 6
      p90WaitSeconds: 1800, // nearest rank: 6th of 6
      avgServiceSeconds: 720, // (600 + 1200 + 480 + 600) / 4
      p90ServiceSeconds: 1200,
      servedWithinTarget: 4 / 6, // 300 300 600 600 ≤ 900
      ratings: { verySatisfied: 1, satisfied: 1, unsatisfied: 1, none: 1 },
    });
    // Every ticket issued ends as exactly one of these (C' closes as served without being issued).
    const t = r.totals;
    expect(t.served + t.noShow + t.transferred + t.leftWaiting + t.cancelled - 1).toBe(t.issued);
  });

  it('splits by service, counter and officer', () => {
    const r = report(D, D);
    expect(r.byService.map((s) => s.code)).toEqual(['HT', 'TP']);
    expect(r.byService[1]).toEqual({
      serviceId: f.serviceId,
      code: 'TP',
      name: 'Sở Tư pháp',
      issued: 4,
      cancelled: 0,
      leftWaiting: 1,
      servedWithinTarget: 2 / 3,
      ...TP_FIGURES,
    });
    expect(r.byService[0]).toEqual({
      serviceId: ht,
      code: 'HT',
      name: 'Hộ tịch',
      issued: 3,
      cancelled: 1,
      servedWithinTarget: 2 / 3,
      ...HT_FIGURES,
    });
    expect(r.byCounter).toEqual([
      {
        counterId: f.counterId,
        number: 3,
        name: 'Quầy 3',
        leftWaiting: 0,
        servedWithinTarget: 2 / 3,
        ...TP_FIGURES,
      },
      { counterId: counter5, number: 5, name: 'Quầy 5', servedWithinTarget: 2 / 3, ...HT_FIGURES },
    ]);
    expect(r.byOfficer).toEqual([
      { officerId: officer2, displayName: 'Lê Thị Cúc', servedWithinTarget: 2 / 3, ...HT_FIGURES },
      {
        officerId: f.officerId,
        displayName: 'Trần Văn Bình',
        leftWaiting: 0,
        servedWithinTarget: 2 / 3,
        ...TP_FIGURES,
      },
    ]);
  });

  it('counts arrivals by Vietnam weekday and hour', () => {
    const cells = (r: ReportReply) => r.byHour.filter((c) => c.arrivals > 0);
    expect(report(D, D).byHour).toHaveLength(7 * 24);
    expect(cells(report(D, D))).toEqual([
      { weekday: 1, hour: 8, arrivals: 4 },
      { weekday: 1, hour: 16, arrivals: 2 },
      { weekday: 1, hour: 23, arrivals: 1 },
    ]);
    expect(cells(report(D, NEXT))).toContainEqual({ weekday: 2, hour: 0, arrivals: 1 });
  });

  it('counts open tickets of today as in progress, not left waiting', () => {
    expect(report(D, D, D).totals.leftWaiting).toBe(0);
    const two = report(D, NEXT);
    expect(two.totals.issued).toBe(8);
    expect(two.totals.leftWaiting).toBe(1); // E; G is today's
    expect(report(NEXT, NEXT).totals).toMatchObject({ issued: 1, called: 0, avgWaitSeconds: null });
  });

  it('moves servedWithinTarget with the target', () => {
    expect(report(D, D, NEXT, 5).totals.servedWithinTarget).toBe(2 / 6);
    expect(report(D, D, NEXT, 30).totals.servedWithinTarget).toBe(1);
  });

  it('says nothing about citizens', () => {
    const text = JSON.stringify(report(D, NEXT));
    for (const v of [CITIZEN.fullName, CITIZEN.phone, CITIZEN.idNumber]) expect(text).not.toContain(v);
  });

  it('reads the range through an index, never a table scan', () => {
    const plan = new ReportReads(f.store.db).plan().join('\n');
    expect(plan).toMatch(/SEARCH tickets USING INDEX \w+ \(day>\? AND day<\?\)/);
    expect(plan).not.toMatch(/SCAN tickets/);
  });

  it('gives the same figures once day D is closed and read from its stored aggregate', async () => {
    const reports = new Reports(f.store, f.clock); // the clock stands on the next day: D is closed
    expect(reports.pending(D, NEXT)).toEqual([D]);
    for (const [from, to] of [
      [D, D],
      [D, NEXT],
    ] as const) {
      for (const target of [5, 15, 30]) {
        const stored = await reports.report({ from, to, targetWaitMinutes: target });
        expect(stored).toEqual(report(from, to, NEXT, target));
      }
    }
    expect(reports.pending(D, NEXT)).toEqual([]);
    expect((await reports.report({ from: D, to: D, targetWaitMinutes: 15 })).totals).toMatchObject({
      issued: 7,
      cancelled: 1,
      leftWaiting: 1,
      avgWaitSeconds: 770,
      p90WaitSeconds: 1800,
      avgServiceSeconds: 720,
      p90ServiceSeconds: 1200,
      servedWithinTarget: 4 / 6,
    });
  });

  it('writes a CSV with a BOM, Vietnamese headers, a row per service and a total row', () => {
    const csv = reportCsv(report(D, D));
    expect(
      csv.startsWith('\uFEFFMã lĩnh vực,Lĩnh vực,Số phiếu cấp,Tự hủy số,Đã gọi,Đã phục vụ,Vắng mặt'),
    ).toBe(true);
    const rows = csv
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(rows).toHaveLength(4);
    expect(rows[1]!.slice(0, 9)).toEqual(['HT', 'Hộ tịch', '3', '1', '3', '3', '0', '0', '0']);
    expect(rows[2]!.slice(0, 9)).toEqual(['TP', 'Sở Tư pháp', '4', '0', '3', '1', '1', '1', '1']);
    expect(rows[3]!.slice(0, 14)).toEqual([
      '',
      'Tổng cộng',
      '7',
      '1',
      '6',
      '4',
      '1',
      '1',
      '1',
      '770',
      '1800',
      '720',
      '1200',
      '0.6667',
    ]);
  });

  it('writes an XLSX whose sheets read back with real numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const file = await reportXlsx(report(D, D));
    await wb.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...REPORT_SHEETS]);

    const summary = wb.getWorksheet('Tổng hợp')!;
    const byLabel = new Map<string, ExcelJS.Cell>();
    summary.eachRow((row) => byLabel.set(String(row.getCell(1).value), row.getCell(2)));
    for (const [label, value] of [
      ['Số phiếu cấp', 7],
      ['Tự hủy số', 1],
      ['Đã phục vụ', 4],
      ['Vắng mặt', 1],
      ['Chuyển lĩnh vực', 1],
      ['Còn chờ cuối ngày', 1],
      ['Thời gian chờ TB (giây)', 770],
      ['Thời gian phục vụ P90 (giây)', 1200],
      ['Rất hài lòng', 1],
    ] as const) {
      expect(byLabel.get(label)?.type, label).toBe(ExcelJS.ValueType.Number);
      expect(byLabel.get(label)?.value, label).toBe(value);
    }
    expect(byLabel.get('Tỷ lệ chờ ≤ 15 phút')?.value).toBeCloseTo(4 / 6);
    expect(byLabel.get('Từ ngày')?.value).toBe(D);

    const services = wb.getWorksheet('Theo lĩnh vực')!;
    expect(services.getRow(1).getCell(3).value).toBe('Số phiếu cấp');
    expect(services.rowCount).toBe(4);
    const total = services.getRow(4);
    expect(total.getCell(2).value).toBe('Tổng cộng');
    expect(total.getCell(3).type).toBe(ExcelJS.ValueType.Number);
    expect([3, 4, 5, 6].map((c) => total.getCell(c).value)).toEqual([7, 1, 6, 4]);

    expect(wb.getWorksheet('Theo quầy')!.getRow(2).getCell(1).value).toBe(3);
    expect(wb.getWorksheet('Theo cán bộ')!.getRow(2).getCell(1).value).toBe('Lê Thị Cúc');
    const hours = wb.getWorksheet('Theo giờ')!;
    expect(hours.getRow(1).getCell(2).value).toBe('Thứ 2');
    expect(hours.getRow(1 + 8 + 1).getCell(1).value).toBe(8);
    expect(hours.getRow(1 + 8 + 1).getCell(2).value).toBe(4);
    expect(hours.getRow(1 + 8 + 1).getCell(2).type).toBe(ExcelJS.ValueType.Number);
  });
});

describe('report pieces', () => {
  it('puts an instant in the Vietnam weekday and hour the domain clock gives', () => {
    for (let i = 0; i < 5000; i++) {
      const at = Date.UTC(1990, 0, 1) + Math.floor(Math.random() * 60 * 365 * 86_400_000);
      const local = vnLocal(new Date(at));
      expect(hourCell(at), new Date(at).toISOString()).toBe(
        (local.isoWeekday - 1) * 24 + Math.floor(local.minutes / 60),
      );
    }
    expect(hourCell(Date.parse('2026-03-09T23:59:59+07:00'))).toBe(23); // Monday 23h
    expect(hourCell(Date.parse('2026-03-10T00:00:00+07:00'))).toBe(24); // Tuesday 0h
  });

  it('takes the nearest-rank percentile', () => {
    expect(percentile([], 0.9)).toBeNull();
    expect(percentile([5], 0.9)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
  });

  it('validates the query: real dates, from ≤ to, at most 366 days', () => {
    const ok = ReportQuery.safeParse({ from: '2024-01-01', to: '2024-12-31' });
    expect(ok.success && ok.data).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
      format: 'json',
      targetWaitMinutes: 15,
    });
    expect(ReportQuery.safeParse({ from: '2024-01-01', to: '2025-01-01' }).success).toBe(false);
    expect(ReportQuery.safeParse({ from: '2026-02-30', to: '2026-03-01' }).success).toBe(false);
    expect(ReportQuery.safeParse({ from: '2026-3-1', to: '2026-03-01' }).success).toBe(false);
    const reversed = ReportQuery.safeParse({ from: '2026-03-02', to: '2026-03-01' });
    expect(reversed.error?.issues[0]).toMatchObject({
      params: { layso: 'LAYSO_REPORT_RANGE_INVALID', problem: 'order' },
    });
    expect(ReportQuery.safeParse({ from: D, to: D, format: 'pdf' }).success).toBe(false);
    expect(ReportQuery.safeParse({ from: D, to: D, targetWaitMinutes: '0' }).success).toBe(false);
  });
});
