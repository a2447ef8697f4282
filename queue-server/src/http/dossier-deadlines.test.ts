/**
 * Deadlines for the center (issue 18) against the real server on a hand-moved clock: the admin's lists of the
 * register (due today, due the next working day, overdue, uncollected, resolved late), their filters and XLSX,
 * Decision 766's progress figures (early, on time, late; in progress within time or overdue) and the floor
 * monitor's alerts — as days pass.
 */
import ExcelJS from 'exceljs';
import { DossierList, DossierProgressReply, FloorState, type ProvincialStatus } from '@layso/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@layso/server-kit';
import { formatCompact, vnInstant } from '../domain/time.js';
import { seedSmallCenter } from '../testing/center.js';
import { ManualClock, startHarness, type Harness } from '../testing/harness.js';
import { issue, login } from '../testing/kit.js';

// Monday 2026-12-07, 10:00 in Vietnam.
const clock = new ManualClock(vnInstant('2026-12-07', 10 * 60));
const at = (day: string, hour = 9) => vnInstant(day, hour * 60);
const code = (n: string) => `000.00.12.H62-261201-${n}`;
let h: Harness;
let supervisor: string;
let officer: string;
let services: number[];
let officers: number[];

/** A dossier received at a counter, due at `due`; then what the province said, if anything. */
function receive(
  n: string,
  received: string,
  due: Date,
  opts: { serviceIndex?: number; officerIndex?: number } = {},
) {
  h.store.dossiers.received({
    code: code(n),
    procedureId: null,
    serviceId: services[opts.serviceIndex ?? 0]!,
    receivedAt: at(received),
    appointmentAt: due,
    officerId: officers[opts.officerIndex ?? 0]!,
    ticketId: ticketId,
    proofId: '1234',
    proofPhone: null,
  });
}
let ticketId = 0;

function province(n: string, status: number, learnt: Date, readyAt?: Date): void {
  const s: ProvincialStatus = {
    MaHoSo: code(n),
    TrangThaiHoSo: status,
    NgayHenTra: null,
    ...(readyAt ? { NgayCoKetQua: formatCompact(readyAt) } : {}),
  };
  h.store.dossiers.applyStatus(s, 'pull', learnt);
}

beforeAll(async () => {
  h = await startHarness({ clock, seed: seedSmallCenter });
  h.store.accounts.addUser({
    username: 'giamsat',
    displayName: 'Giám sát viên',
    role: 'supervisor',
    passwordHash: await hashPassword('giam-sat-mat-khau'),
    counterId: null,
  });
  supervisor = (await login(h, 'giamsat', 'giam-sat-mat-khau')).token;
  officer = (await login(h, 0)).token;
  services = h.store.catalogue.services().map((s) => s.id);
  officers = h.store.accounts
    .users()
    .filter((u) => u.role === 'officer')
    .map((u) => u.id);
  ticketId = (await issue(h, services[0]!)).id;

  receive('A', '2026-11-30', at('2026-12-04', 16)); // in progress, past Friday's appointment
  province('A', 4, at('2026-12-03'));
  receive('B', '2026-12-01', at('2026-12-07', 16)); // due today
  receive('C', '2026-12-02', at('2026-12-08', 16)); // due tomorrow
  receive('D', '2026-12-01', at('2026-12-04', 16)); // ready Wednesday: early, uncollected 3 working days
  province('D', 9, at('2026-12-02', 16), at('2026-12-02', 15));
  receive('E', '2026-12-01', at('2026-12-03', 16)); // ready on its day, returned Friday
  province('E', 9, at('2026-12-03', 17), at('2026-12-03', 11));
  h.store.dossiers.returned({
    code: code('E'),
    procedureId: null,
    serviceId: services[0]!,
    returnedAt: at('2026-12-04'),
    ticketId,
    details: { collectedBy: 'owner', originalsReturned: 1 },
  });
  receive('F', '2026-12-01', at('2026-12-02', 16)); // ready Thursday: late, waiting 2 working days
  province('F', 9, at('2026-12-03', 9), at('2026-12-03', 8));
  receive('G', '2026-12-01', at('2026-12-07', 11), { serviceIndex: 1, officerIndex: 1 }); // due today elsewhere
  receive('H', '2026-12-01', at('2026-12-01', 16)); // withdrawn: no deadline any more
  province('H', 7, at('2026-12-01', 17));
});

afterAll(async () => {
  await h.close();
});

async function list(query: string, token = supervisor): Promise<DossierList> {
  const r = await h.api(`/api/dossiers?${query}`, { token });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return DossierList.parse(r.body);
}
const codes = (l: DossierList) => l.dossiers.map((d) => d.code.slice(-1));
const floorAlerts = () =>
  FloorState.parse(h.server.ctx.floor.state()).alerts.filter(
    (a) => a.kind.startsWith('dossiers') || a.kind.startsWith('results'),
  );

describe('the lists on Monday 10:00', () => {
  it('due today, the next working day, overdue, uncollected for 3 working days, resolved late', async () => {
    expect(codes(await list('view=due-today'))).toEqual(['G', 'B']);
    expect(codes(await list('view=due-tomorrow'))).toEqual(['C']);
    const overdue = await list('view=overdue');
    expect(codes(overdue)).toEqual(['A']);
    expect(overdue.dossiers[0]).toMatchObject({ overdue: true, status: 4, provable: true });
    const uncollected = await list('view=uncollected');
    expect(uncollected.uncollectedAlertDays).toBe(3);
    expect(codes(uncollected)).toEqual(['D']);
    expect(codes(await list('view=returned-late'))).toEqual(['F']);
    expect((await list('view=all')).total).toBe(8);
  });

  it('filter by receiving service and officer, with names for ids', async () => {
    const byService = await list(`view=due-today&serviceId=${services[1]}`);
    expect(codes(byService)).toEqual(['G']);
    expect(byService.dossiers[0]!.serviceName).toBe(h.store.catalogue.service(services[1]!)!.name);
    expect(codes(await list(`view=due-today&officerId=${officers[0]}`))).toEqual(['B']);
    expect(byService.dossiers[0]!.receivingOfficer).toBe(h.store.accounts.user(officers[1]!)!.displayName);
  });

  it('are for supervisors and admins only, and refuse an unknown view', async () => {
    expect((await h.api('/api/dossiers?view=overdue', { token: officer })).status).toBe(403);
    expect((await h.api('/api/dossiers?view=soon', { token: supervisor })).status).toBe(400);
  });

  it('raise overdue and uncollected on the floor monitor', () => {
    expect(floorAlerts().map((a) => [a.kind, a.vi.split(' ')[0]])).toEqual([
      ['dossiers-overdue', '1'],
      ['results-uncollected', '1'],
    ]);
  });

  it('come as an XLSX file, one row per dossier, without an authorised collector’s name', async () => {
    const res = await fetch(`${h.url}/api/dossiers?view=overdue&format=xlsx`, {
      headers: { authorization: `Bearer ${supervisor}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="ho-so-overdue-2026-12-07.xlsx"',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.getWorksheet('Hồ sơ')!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe(code('A'));
    expect(sheet.getRow(2).getCell(6).value).toBe('16:00 04/12/2026');
    expect(sheet.getRow(1).values).not.toContain('Họ tên người được ủy quyền');
  });
});

describe("Decision 766's progress", () => {
  it('counts received; resolved early, on time, late; in progress within time or overdue; by service', async () => {
    const r = await h.api('/api/reports/dossiers?from=2026-12-01&to=2026-12-07', { token: supervisor });
    expect(r.status).toBe(200);
    const p = DossierProgressReply.parse(r.body);
    // B, C, D, E, F, G, H received (A the day before); D early, E on time, F late; B, C, G in progress.
    expect(p.totals).toEqual({
      received: 7,
      returnedEarly: 1,
      returnedOnTime: 1,
      returnedLate: 1,
      inProgressOnTime: 3,
      inProgressOverdue: 0,
      onTimeRate: 2 / 3,
    });
    const other = p.byService.find((s) => s.id === services[1]);
    expect(other).toMatchObject({ received: 1, inProgressOnTime: 1, onTimeRate: null });
    expect(p.byOfficer.map((o) => o.received).reduce((a, b) => a + b, 0)).toBe(7);
  });

  it("is a sheet of the queue report's XLSX over the same days", async () => {
    const res = await fetch(`${h.url}/api/reports?from=2026-12-01&to=2026-12-07&format=xlsx`, {
      headers: { authorization: `Bearer ${supervisor}` },
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.getWorksheet('Tiến độ hồ sơ')!;
    expect(sheet.getRow(2).values).toEqual([undefined, 'Tổng cộng', 7, 1, 1, 1, 3, 0, 2 / 3]);
    expect(sheet.getRow(3).getCell(1).value).toMatch(/^Lĩnh vực: /);
  });

  it('refuses a range that runs backwards', async () => {
    const r = await h.api('/api/reports/dossiers?from=2026-12-07&to=2026-12-01', { token: supervisor });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('LAYSO_REPORT_RANGE_INVALID');
  });
});

describe('as days pass', () => {
  it('on Monday 17:00, past their hour, today’s appointments are not overdue: overdue goes by the day', async () => {
    const morning = clock.now();
    clock.set(at('2026-12-07', 17));
    try {
      expect(codes(await list('view=overdue'))).toEqual(['A']);
      expect((await list('view=due-today')).dossiers.map((d) => d.overdue)).toEqual([false, false]);
      expect(floorAlerts()[0]).toMatchObject({ kind: 'dossiers-overdue' });
      expect(floorAlerts()[0]!.vi.split(' ')[0]).toBe('1');
      const r = await h.api('/api/reports/dossiers?from=2026-12-01&to=2026-12-07', { token: supervisor });
      expect(DossierProgressReply.parse(r.body).totals).toMatchObject({
        inProgressOnTime: 3,
        inProgressOverdue: 0,
      });
    } finally {
      clock.set(morning);
    }
  });

  it('on Friday "due tomorrow" is Monday', async () => {
    const monday = clock.now();
    clock.set(at('2026-12-04', 10));
    try {
      expect(codes(await list('view=due-tomorrow'))).toEqual(['G', 'B']);
    } finally {
      clock.set(monday);
    }
  });

  it('on Tuesday, Monday’s appointments are overdue and Thursday’s result uncollected', async () => {
    clock.set(at('2026-12-08', 10));
    // A day on, yesterday's sessions have expired.
    supervisor = (await login(h, 'giamsat', 'giam-sat-mat-khau')).token;
    expect(codes(await list('view=overdue'))).toEqual(['A', 'G', 'B']);
    expect(codes(await list('view=uncollected'))).toEqual(['D', 'F']);
    expect(floorAlerts().map((a) => a.vi.split(' ')[0])).toEqual(['3', '2']);
    const r = await h.api('/api/reports/dossiers?from=2026-12-01&to=2026-12-07', { token: supervisor });
    expect(DossierProgressReply.parse(r.body).totals).toMatchObject({
      inProgressOnTime: 1,
      inProgressOverdue: 2,
    });
  });

  it('the admin’s uncollectedAlertDays moves the line', async () => {
    supervisor = (await login(h, 'giamsat', 'giam-sat-mat-khau')).token;
    const admin = (await login(h, 'admin')).token;
    const current = (await h.api('/api/admin/settings', { token: admin })).body;
    const saved = await h.api('/api/admin/settings', {
      token: admin,
      method: 'PUT',
      body: { ...current, uncollectedAlertDays: 4 },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(codes(await list('view=uncollected'))).toEqual(['D']);
    expect((await list('view=uncollected')).uncollectedAlertDays).toBe(4);
  });
});

describe('the center’s holidays and make-up working days', () => {
  /** Moves the clock to `day` 10:00, signs in again there, and saves the calendar with the alert's days. */
  async function on(day: string, calendar: { holidays?: string[]; workdays?: string[]; days?: number }) {
    clock.set(at(day, 10));
    supervisor = (await login(h, 'giamsat', 'giam-sat-mat-khau')).token;
    const admin = (await login(h, 'admin')).token;
    const current = (await h.api('/api/admin/settings', { token: admin })).body;
    const saved = await h.api('/api/admin/settings', {
      token: admin,
      method: 'PUT',
      body: {
        ...current,
        holidays: calendar.holidays ?? [],
        workdays: calendar.workdays ?? [],
        uncollectedAlertDays: calendar.days ?? 3,
      },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  }

  afterAll(async () => {
    await on('2026-12-08', {});
  });

  it('a Monday off: on Friday "due tomorrow" runs to Tuesday; a make-up Saturday is "tomorrow" itself', async () => {
    await on('2026-12-04', { holidays: ['2026-12-07'] });
    expect(codes(await list('view=due-tomorrow'))).toEqual(['G', 'B', 'C']);
    await on('2026-12-04', { workdays: ['2026-12-05'] });
    expect(codes(await list('view=due-tomorrow'))).toEqual([]);
  });

  it('a Friday off is not a day waited uncollected; a make-up Saturday is, on the lists and the floor', async () => {
    await on('2026-12-08', { days: 3 });
    expect(codes(await list('view=uncollected'))).toEqual(['D', 'F']);
    // Friday off: Thursday's result has waited Monday and Tuesday only.
    await on('2026-12-08', { days: 3, holidays: ['2026-12-04'] });
    expect(codes(await list('view=uncollected'))).toEqual(['D']);
    expect(floorAlerts().map((a) => a.vi.split(' ')[0])).toEqual(['3', '1']);
    // Four days: Thursday's result has waited Friday, Monday, Tuesday — and the Saturday worked.
    await on('2026-12-08', { days: 4 });
    expect(codes(await list('view=uncollected'))).toEqual(['D']);
    await on('2026-12-08', { days: 4, workdays: ['2026-12-05'] });
    expect(codes(await list('view=uncollected'))).toEqual(['D', 'F']);
    expect(floorAlerts().map((a) => a.vi.split(' ')[0])).toEqual(['3', '2']);
  });
});
