import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewFeedbackCase } from '../db/feedback.js';
import { vnInstant } from '../domain/time.js';
import {
  FEEDBACK_REGISTER_HEADER_ROW,
  FEEDBACK_REGISTER_TITLE,
  feedbackRegisterXlsx,
} from '../reports/feedback-register.js';
import { feedbackStore, newFeedbackCase } from '../testing/feedback-store.js';
import { feedbackReport, registerRows } from './feedback-report.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'layso-feedback-report-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const at = (day: string, hour = 9) => vnInstant(day, hour * 60);

/**
 * December 2026 at a small center: one department, two officers; four tickets (three unsatisfied, one of them in
 * November) and five cases in December, one in November. Today is Tuesday 15 December.
 */
function center() {
  const { db, store, serviceId, desk, officer } = feedbackStore(join(dir, 'queue.db'));
  const a = officer('cb1', 'Cán bộ Một');
  const b = officer('cb2', 'Cán bộ Hai');
  let seq = 0;
  const ticket = (day: string, officerId: number, rating: string | null) => {
    seq += 1;
    return Number(
      db
        .prepare(
          `INSERT INTO tickets (service_id, day, seq, number, status, queued_at, issued_at, finished_at, officer_id,
            rating, tracking_code) VALUES (?, ?, ?, ?, 'done', ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          serviceId,
          day,
          seq,
          `2${String(seq).padStart(3, '0')}`,
          +at(day),
          +at(day),
          +at(day, 10),
          officerId,
          rating,
          `T${seq}`,
        ).lastInsertRowid,
    );
  };
  const t1 = ticket('2026-12-07', a, 'unsatisfied');
  ticket('2026-12-08', a, 'unsatisfied');
  const t3 = ticket('2026-12-09', b, 'satisfied');
  ticket('2026-11-02', b, 'unsatisfied');

  const add = (code: string, day: string, due: [string, string], over: Partial<NewFeedbackCase> = {}) =>
    store.feedback.insert(
      newFeedbackCase(code, day, { forwardDueDay: due[0], answerDueDay: due[1], ...over }),
    ).id;
  // Friday 4 Dec, anonymous at the kiosk: within authority, answered on Thursday 10 Dec (due 18 Dec), closed.
  const c1 = add('AAAA1111', '2026-12-04', ['2026-12-11', '2026-12-18']);
  store.feedback.classify(
    c1,
    { class: 'within-authority', note: null, serviceId, officerId: null, status: 'processing' },
    at('2026-12-05'),
    desk,
  );
  store.feedback.answer(
    c1,
    { answer: 'Đã chấn chỉnh', published: true, correction: false, wasPublished: false },
    at('2026-12-10'),
    desk,
  );
  store.feedback.close(c1, null, at('2026-12-10', 15), desk);
  // After an unsatisfied rating of t1 (officer A), from the phone: answered late (22 Dec, due 21 Dec).
  const c2 = add('BBBB2222', '2026-12-07', ['2026-12-14', '2026-12-21'], {
    channel: 'phone',
    origin: 'rating',
    ticketId: t1,
    serviceId,
    officerId: a,
    name: 'Nguyễn Văn An',
    phone: '0912345678',
    consentVersion: 'v1',
  });
  store.feedback.answer(
    c2,
    { answer: 'Xin lỗi ông', published: false, correction: false, wasPublished: false },
    at('2026-12-22'),
    desk,
  );
  // At the desk about t3 (officer B, satisfied): outside authority, forwarded on time, answer overdue (11 Dec).
  const c3 = add('CCCC3333', '2026-12-08', ['2026-12-11', '2026-12-11'], {
    channel: 'desk',
    receivedBy: desk,
    ticketId: t3,
    officerId: b,
    phone: '0987654321',
    consentVersion: 'v1',
  });
  store.feedback.classify(
    c3,
    { class: 'outside-authority', note: null, serviceId: null, officerId: b, status: 'processing' },
    at('2026-12-09'),
    desk,
  );
  store.feedback.forward(
    c3,
    { to: 'Sở Xây dựng', means: 'letter', at: at('2026-12-10'), reference: '12/TTPVHCC' },
    at('2026-12-10'),
    desk,
  );
  // About officer A, not answered, not classified: forwarding overdue (14 Dec).
  add('DDDD4444', '2026-12-07', ['2026-12-14', '2026-12-21'], {
    officerId: a,
    name: 'Trần Thị Bình',
    consentVersion: 'v1',
  });
  // Due soon: received today, answer due 17 Dec.
  add('EEEE5555', '2026-12-15', ['2026-12-16', '2026-12-17'], {
    channel: 'phone',
    origin: 'poster',
    phone: '0911111111',
    consentVersion: 'v1',
  });
  // November: out of the range.
  add('FFFF6666', '2026-11-20', ['2026-11-27', '2026-12-04']);
  return { db, store, serviceId, a, b, desk, c1, c2, c3 };
}

const DUE = { today: '2026-12-15', soon: '2026-12-17' };
const RANGE = ['2026-12-01', '2026-12-31'] as const;

describe('the feedback report', () => {
  it('tallies by class, department, officer and channel, on time, overdue, and ties cases to ratings', () => {
    const { store, a, b, serviceId } = center();
    const r = feedbackReport(store, ...RANGE, { ...DUE, viewerId: null });
    expect(r.totals).toEqual({
      cases: 5,
      answered: 2,
      answeredOnTime: 1,
      forwarded: 1,
      forwardedOnTime: 1,
      overdue: 2,
      anonymous: 1,
    });
    expect(r.byClass).toEqual([
      { key: 'unclassified', label: 'Chưa phân loại', cases: 3, answered: 1, answeredOnTime: 0, overdue: 1 },
      {
        key: 'outside-authority',
        label: 'Không thuộc thẩm quyền (chuyển cơ quan khác)',
        cases: 1,
        answered: 0,
        answeredOnTime: 0,
        overdue: 1,
      },
      {
        key: 'within-authority',
        label: 'Thuộc thẩm quyền của Trung tâm',
        cases: 1,
        answered: 1,
        answeredOnTime: 1,
        overdue: 0,
      },
    ]);
    expect(r.byDepartment).toEqual([
      { key: 'none', label: 'Chưa xác định', cases: 3, answered: 0, answeredOnTime: 0, overdue: 2 },
      { key: String(serviceId), label: 'Sở Tư pháp', cases: 2, answered: 2, answeredOnTime: 1, overdue: 0 },
    ]);
    expect(r.byOfficer.map((t) => [t.key, t.cases])).toEqual([
      [String(a), 2],
      [String(b), 1],
    ]);
    expect(r.byChannel.map((t) => [t.key, t.label, t.cases])).toEqual([
      // A tie in cases goes by name.
      ['kiosk', 'Tại ki-ốt', 2],
      ['phone', 'Trực tuyến (mã QR)', 2],
      ['desk', 'Bàn tiếp nhận phản ánh', 1],
    ]);
    // Two unsatisfied ratings in December (officer A); the case about t1 follows one, the case about t3 does not.
    expect(r.ratings).toEqual({
      unsatisfied: 2,
      casesWithRating: 2,
      casesAfterUnsatisfied: 1,
      byOfficer: [
        { officerId: a, officerName: 'Cán bộ Một', unsatisfied: 2, cases: 2 },
        { officerId: b, officerName: 'Cán bộ Hai', unsatisfied: 0, cases: 1 },
      ],
    });
  });

  it('leaves out, for the officer concerned, a case about them not answered yet', () => {
    const { store, a } = center();
    const r = feedbackReport(store, ...RANGE, { ...DUE, viewerId: a });
    expect(r.totals.cases).toBe(4);
    expect(r.byOfficer.find((t) => t.key === String(a))?.cases).toBe(1);
    expect(registerRows(store, ...RANGE, { ...DUE, viewerId: a }).map((c) => c.code)).not.toContain(
      'DDDD4444',
    );
  });

  it('refuses a reversed or too long range', () => {
    const { store } = center();
    const view = { ...DUE, viewerId: null };
    expect(() => feedbackReport(store, '2026-12-31', '2026-12-01', view)).toThrow(
      expect.objectContaining({ code: 'LAYSO_REPORT_RANGE_INVALID' }),
    );
    expect(() => registerRows(store, '2025-01-01', '2026-12-31', view)).toThrow(
      expect.objectContaining({ code: 'LAYSO_REPORT_RANGE_INVALID' }),
    );
  });
});

describe('the register as XLSX', () => {
  it('has the paper layout: center, title, period, a frozen header, one row a case, landscape A4', async () => {
    const { store, a } = center();
    const rows = registerRows(store, ...RANGE, { ...DUE, viewerId: a });
    const file = await feedbackRegisterXlsx({
      centerName: 'Trung tâm Phục vụ hành chính công',
      from: RANGE[0],
      to: RANGE[1],
      rows,
      ...DUE,
    });
    const wb = new ExcelJS.Workbook();
    // exceljs's types want an ArrayBuffer: the file's own bytes, copied out.
    await wb.xlsx.load(Uint8Array.from(file).buffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    expect(ws.getCell(1, 1).value).toBe('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG');
    expect(ws.getCell(2, 1).value).toBe(FEEDBACK_REGISTER_TITLE);
    expect(ws.getCell(3, 1).value).toBe('Từ ngày 01/12/2026 đến ngày 31/12/2026');
    const header = ws.getRow(FEEDBACK_REGISTER_HEADER_ROW).values;
    expect(Array.isArray(header) ? header.slice(1) : []).toEqual([
      'STT',
      'Ngày tiếp nhận',
      'Mã phản ánh',
      'Kênh',
      'Người phản ánh (họ tên, điện thoại)',
      'Nội dung',
      'Phân loại',
      'Cơ quan/cán bộ liên quan',
      'Chuyển đến (nơi, ngày, hình thức, số văn bản)',
      'Hạn chuyển',
      'Hạn trả lời',
      'Ngày trả lời',
      'Nội dung trả lời',
      'Công khai',
      'Đúng hạn/Trễ hạn',
      'Ngày đóng',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: FEEDBACK_REGISTER_HEADER_ROW });
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
    });

    // Officer A's own unanswered case is not in their copy; the others, oldest first.
    const data = Array.from({ length: ws.rowCount - FEEDBACK_REGISTER_HEADER_ROW }, (_, i) =>
      ws.getRow(FEEDBACK_REGISTER_HEADER_ROW + 1 + i),
    );
    const text = (row: ExcelJS.Row, col: number) => String(row.getCell(col).value ?? '');
    expect(data.map((row) => text(row, 3))).toEqual(['AAAA-1111', 'BBBB-2222', 'CCCC-3333', 'EEEE-5555']);
    const [r1, r2, r3] = data;
    if (!r1 || !r2 || !r3) throw new Error('rows missing');
    expect(text(r1, 1)).toBe('1');
    expect(text(r1, 5)).toBe('Ẩn danh');
    expect(text(r1, 6)).toBe('[Chậm trễ, trễ hẹn]\nNội dung AAAA1111');
    expect(text(r1, 12)).toBe('10/12/2026');
    expect(text(r1, 14)).toBe('Có');
    expect(text(r1, 15)).toBe('Đúng hạn');
    expect(text(r1, 16)).toBe('10/12/2026');
    expect(text(r2, 5)).toBe('Nguyễn Văn An\n0912345678');
    expect(text(r2, 8)).toBe('Sở Tư pháp\nCán bộ Một');
    expect(text(r2, 15)).toBe('Trễ hạn');
    expect(text(r3, 9)).toBe('Sở Xây dựng\n10/12/2026\nCông văn\nSố: 12/TTPVHCC');
    expect(text(r3, 11)).toBe('11/12/2026');
    expect(text(r3, 15)).toBe('Quá hạn');
    expect(r3.getCell(6).alignment).toMatchObject({ wrapText: true });
  });
});
