import { describe, expect, it } from 'vitest';
import type { DossierSource } from '../db/outbox.js';
import { vnInstant } from '../domain/time.js';
import { buildRecord, RecordError } from './record.js';

const at = (day: string, h: number, m: number, s = 0): Date => vnInstant(day, h * 60 + m + s / 60);

function source(over: Partial<DossierSource> = {}): DossierSource {
  return {
    outboxId: 1,
    attempts: 0,
    dossierCode: '000.00.12.H61-261130-0004',
    ticketId: 42,
    ticketNumber: '2007',
    outcome: 'received',
    queuedAt: at('2026-11-30', 8, 0),
    calledAt: at('2026-11-30', 8, 12, 30),
    servedAt: at('2026-11-30', 8, 13),
    finishedAt: at('2026-11-30', 8, 21, 5),
    appointmentAt: at('2026-12-03', 14, 0),
    intake: { consent: true, fullName: 'Nguyễn Thị Mai', phone: '0912345678', idNumber: '086190001234' },
    rating: 'very-satisfied',
    service: { code: 'TP', name: 'Sở Tư pháp' },
    procedure: { code: '2.000815.000.00.00.H61', name: 'Chứng thực bản sao', field: 'Chứng thực' },
    counterName: 'Quầy 3',
    officerName: 'Trần Văn Bình',
    ...over,
  };
}

describe('buildRecord', () => {
  it('maps a received dossier to the national fields, dates yyyyMMddHHmmss in Vietnam time', () => {
    expect(buildRecord(source())).toEqual({
      MaHoSo: '000.00.12.H61-261130-0004',
      MaTTHC: '2.000815.000.00.00.H61',
      TenTTHC: 'Chứng thực bản sao',
      MaLinhVuc: null,
      TenLinhVuc: 'Chứng thực',
      KenhThucHien: 1,
      ChuHoSo: 'Nguyễn Thị Mai',
      SoGiayToChuHoSo: '086190001234',
      SoDienThoai: '0912345678',
      NgayTiepNhan: '20261130082105',
      NgayHenTra: '20261203140000',
      TrangThaiHoSo: 2,
      queue: {
        ticketNumber: '2007',
        waitedSeconds: 750,
        servedSeconds: 485,
        counter: 'Quầy 3',
        officer: 'Trần Văn Bình',
        rating: 'very-satisfied',
      },
    });
  });

  it('codes a returned result as 10', () => {
    expect(buildRecord(source({ outcome: 'returned' })).TrangThaiHoSo).toBe(10);
  });

  it('writes Vietnam dates whatever the UTC day: 00:30 on 1 Dec in Vietnam is 17:30 UTC on 30 Nov', () => {
    const finishedAt = new Date('2026-11-30T17:30:00.000Z');
    const r = buildRecord(
      source({
        calledAt: new Date('2026-11-30T17:20:00.000Z'),
        servedAt: null,
        finishedAt,
        appointmentAt: null,
      }),
    );
    expect(r.NgayTiepNhan).toBe('20261201003000');
    expect(r.NgayHenTra).toBeNull();
    // No start of service recorded: served from the call.
    expect(r.queue.servedSeconds).toBe(600);
  });

  it('leaves personal fields null without intake, and procedure fields null without a procedure', () => {
    const r = buildRecord(source({ intake: null, procedure: null, rating: null }));
    expect(r).toMatchObject({
      ChuHoSo: null,
      SoGiayToChuHoSo: null,
      SoDienThoai: null,
      MaTTHC: null,
      TenTTHC: null,
      MaLinhVuc: null,
      TenLinhVuc: null,
    });
    expect(r.queue.rating).toBeNull();
    // Only the fields a citizen gave: a name alone stays a name alone.
    const nameOnly = buildRecord(source({ intake: { consent: true, fullName: 'Lê Văn An' } }));
    expect(nameOnly).toMatchObject({ ChuHoSo: 'Lê Văn An', SoGiayToChuHoSo: null, SoDienThoai: null });
  });

  it('sends no personal data when the stored intake lacks consent', () => {
    const intake = {
      consent: false,
      fullName: 'X',
      phone: '0912345678',
    } as unknown as DossierSource['intake'];
    expect(buildRecord(source({ intake }))).toMatchObject({ ChuHoSo: null, SoDienThoai: null });
  });

  it('refuses a ticket that is not a finished dossier, naming no one', () => {
    expect(() => buildRecord(source({ outcome: 'guidance' }))).toThrow(RecordError);
    expect(() => buildRecord(source({ outcome: null }))).toThrow(/ticket 42: outcome null/);
    expect(() => buildRecord(source({ finishedAt: null }))).toThrow(/ticket 42: not finished/);
    try {
      buildRecord(source({ outcome: 'guidance' }));
    } catch (e) {
      expect(String(e)).not.toMatch(/Mai|0912345678|086190001234/);
    }
  });
});
