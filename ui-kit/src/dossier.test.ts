import { describe, expect, it } from 'vitest';
import type { DossierLookup } from '@layso/protocol';
import { DOSSIER_TEXT as D, answerView, updatedText } from './dossier.js';

const now = new Date('2026-12-09T03:30:00Z'); // 10:30 in Vietnam, a Wednesday
const lookup = (over: Partial<DossierLookup> = {}): DossierLookup => ({
  code: '000.00.12.H62-201105-0004',
  state: 'ready',
  status: 9,
  procedureName: 'Cấp Phiếu lý lịch tư pháp',
  appointmentAt: '2026-12-10T07:00:00Z',
  resultReadyAt: '2026-12-09T02:00:00Z',
  returnPlace: null,
  reason: null,
  learntAt: '2026-12-09T03:30:00Z',
  fresh: true,
  ticketServiceId: 5,
  ticketServiceName: 'Sở Tư pháp',
  ...over,
});

describe('what the kiosk says of a lookup', () => {
  it('a ready result offers the returns ticket at its service', () => {
    const v = answerView(lookup({ returnPlace: 'Quầy 4' }), now);
    expect(v.tone).toBe('ready');
    expect(v.title).toEqual(D.ready);
    expect(v.lines.map((l) => l.vi)).toEqual([
      'Mời bạn lấy số để nhận kết quả tại Sở Tư pháp.',
      'Nơi trả kết quả: Quầy 4',
    ]);
    expect(v.ticket).toEqual({ serviceId: 5, label: D.collectButton });
    expect(v.updated).toBeNull();
  });

  it('not ready: the appointment day in words, and still a ticket to ask', () => {
    const v = answerView(lookup({ state: 'in_progress', status: 4 }), now);
    expect(v.lines[0]?.vi).toBe('Hẹn trả kết quả: Thứ Năm, 10/12/2026. Mời bạn quay lại vào ngày này.');
    expect(v.lines[0]?.en).toBe('Appointment: Thursday, 10/12/2026. Please come back on that day.');
    expect(v.ticket?.label).toEqual(D.askButton);
    expect(answerView(lookup({ state: 'in_progress', appointmentAt: null }), now).lines).toEqual([D.noDate]);
  });

  it('a supplement says why and where; overdue says the center knows', () => {
    const s = answerView(lookup({ state: 'supplement', status: 5, reason: 'Thiếu bản sao CCCD' }), now);
    expect(s.lines.map((l) => l.vi)).toEqual([
      'Lý do: Thiếu bản sao CCCD',
      'Mời bạn lấy số đến Sở Tư pháp để được hướng dẫn bổ sung.',
    ]);
    expect(s.ticket?.label).toEqual(D.supplementButton);
    const o = answerView(lookup({ state: 'overdue', status: 4, appointmentAt: '2026-12-07T07:00:00Z' }), now);
    expect(o.lines[0]?.vi).toContain('Thứ Hai, 07/12/2026');
    expect(o.lines[0]?.vi).toContain('Trung tâm đã được báo');
  });

  it('closed: the status in words, both languages', () => {
    const v = answerView(lookup({ state: 'closed', status: 8, reason: 'Hồ sơ không hợp lệ' }), now);
    expect(v.lines[0]).toEqual({ vi: 'Tình trạng: Dừng giải quyết', en: 'Status: Stopped' });
    expect(v.lines[1]?.vi).toBe('Lý do: Hồ sơ không hợp lệ');
  });

  it('no match offers to type again, not a ticket; another center sends the citizen there', () => {
    const none = lookup({ state: 'no_match', status: null, ticketServiceId: null, ticketServiceName: null });
    expect(answerView(none, now)).toMatchObject({ tone: 'none', retry: true, ticket: null });
    const other = answerView({ ...none, state: 'other_center' }, now);
    expect(other).toMatchObject({ title: D.otherCenter, retry: false, ticket: null });
  });

  it('with no service to take a ticket for, the help desk', () => {
    const v = answerView(lookup({ state: 'unverifiable', status: 2, ticketServiceId: null }), now);
    expect(v.ticket).toBeNull();
    expect(v.lines).toEqual([D.helpDesk]);
  });

  it('an answer from the register says when it was learnt', () => {
    const v = answerView(lookup({ fresh: false, learntAt: '2026-12-09T01:05:00Z' }), now);
    expect(v.updated).toEqual({ vi: 'Thông tin cập nhật lúc 08:05', en: 'Information as of 08:05' });
    expect(updatedText('2026-12-08T10:00:00Z', now).vi).toBe('Thông tin cập nhật lúc 17:00 ngày 08/12/2026');
  });
});
