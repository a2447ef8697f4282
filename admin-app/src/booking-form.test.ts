import { describe, expect, it } from 'vitest';
import { BookingSettings, DEFAULT_BOOKING_SETTINGS } from '@layso/protocol';
import {
  fromForm,
  NEW_SERVICE,
  NUMBER_FIELDS,
  RANGES,
  SERVICE_RANGES,
  toForm,
  wholeNumber,
  type BookingForm,
} from './booking-form.js';

const CATALOGUE = [
  { id: 1, name: 'Tư pháp', active: true },
  { id: 2, name: 'Đất đai', active: true },
  { id: 3, name: 'Lĩnh vực ngừng', active: false },
  { id: 4, name: 'Ngừng nhưng đã cài', active: false },
];
const SETTINGS: BookingSettings = {
  ...DEFAULT_BOOKING_SETTINGS,
  remindDayBeforeAt: null,
  services: [
    { serviceId: 1, enabled: true, slotMinutes: 20, walkInSharePercent: 40, capacity: { '1': 3, '6': 0 } },
    { serviceId: 4, enabled: false, slotMinutes: 60, walkInSharePercent: 0, capacity: {} },
    { serviceId: 99, enabled: true, slotMinutes: 30, walkInSharePercent: 50, capacity: {} },
  ],
};

function expectRefused(f: BookingForm, field: string) {
  const r = fromForm(f);
  expect(r.ok).toBe(false);
  if (r.ok) return [];
  expect(r.problems.map((p) => p.field)).toContain(field);
  return r.problems;
}

describe('the booking settings form', () => {
  it('gives back the settings it was made from (services of the catalogue only)', () => {
    const r = fromForm(toForm(SETTINGS, CATALOGUE));
    expect(r).toEqual({
      ok: true,
      settings: {
        ...SETTINGS,
        services: [
          SETTINGS.services[0],
          { serviceId: 2, ...NEW_SERVICE, capacity: {} },
          SETTINGS.services[1],
        ],
      },
    });
    if (r.ok) expect(BookingSettings.safeParse(r.settings).success).toBe(true);
  });

  it('offers every active service, and an inactive one only when the settings name it', () => {
    const f = toForm(SETTINGS, CATALOGUE);
    expect(f.services.map((s) => s.serviceId)).toEqual([1, 2, 4]);
    expect(f.services[1]).toMatchObject({ enabled: false, slotMinutes: '30', walkInSharePercent: '50' });
  });

  it('keeps a blank capacity as "counted from the counters" and 0 as "no booking that day"', () => {
    const f = toForm(SETTINGS, CATALOGUE);
    expect(f.services[0]?.capacity).toEqual({
      '1': '3',
      '2': '',
      '3': '',
      '4': '',
      '5': '',
      '6': '0',
      '7': '',
    });
    f.services[0]!.capacity['1'] = ' ';
    f.services[0]!.capacity['2'] = '12';
    const r = fromForm(f);
    expect(r.ok && r.settings.services[0]?.capacity).toEqual({ '2': 12, '6': 0 });
  });

  it('a blank reminder time means no reminder the day before; a time typed is kept', () => {
    const f = toForm(SETTINGS, CATALOGUE);
    expect(f.remindDayBeforeAt).toBe('');
    const on = fromForm({ ...f, remindDayBeforeAt: '19:30' });
    expect(on.ok && on.settings.remindDayBeforeAt).toBe('19:30');
  });

  it.each(NUMBER_FIELDS)('refuses %s outside the range the server takes, as the contract does', (k) => {
    const f = toForm(SETTINGS, CATALOGUE);
    const { min, max } = RANGES[k];
    for (const bad of [String(max + 1), String(min - 1), '2.5', '', 'abc']) {
      const problems = expectRefused({ ...f, [k]: bad }, k);
      expect(problems[0]?.message.vi).toContain(`từ ${min} đến ${max}`);
      if (/^-?\d+$/.test(bad))
        expect(BookingSettings.safeParse({ ...SETTINGS, [k]: Number(bad) }).success).toBe(false);
    }
    for (const good of [min, max]) {
      expect(fromForm({ ...f, [k]: String(good) }).ok).toBe(true);
      expect(BookingSettings.safeParse({ ...SETTINGS, [k]: good }).success).toBe(true);
    }
  });

  it("refuses a service's slot, walk-in share and capacity out of range, naming the service", () => {
    const f = toForm(SETTINGS, CATALOGUE);
    const svc = (patch: Partial<BookingForm['services'][number]>): BookingForm => ({
      ...f,
      services: f.services.map((s, i) => (i === 0 ? { ...s, ...patch } : s)),
    });
    const slot = expectRefused(
      svc({ slotMinutes: String(SERVICE_RANGES.slotMinutes.min - 1) }),
      'slotMinutes-1',
    );
    expect(slot[0]?.message.vi).toMatch(/^Tư pháp — Mỗi khung/);
    expectRefused(svc({ walkInSharePercent: '101' }), 'walkInSharePercent-1');
    const cap = expectRefused(svc({ capacity: { ...f.services[0]!.capacity, '3': '501' } }), 'capacity-1-3');
    expect(cap[0]?.message).toEqual({
      vi: 'Tư pháp — T4: nhập số nguyên từ 0 đến 500.',
      en: 'Tư pháp — Wed: type a whole number from 0 to 500.',
    });
  });

  it('refuses hours that are not times or end before they start, and a reminder time half typed', () => {
    const f = toForm(SETTINGS, CATALOGUE);
    expectRefused({ ...f, bookableFrom: null }, 'bookableFrom');
    expectRefused({ ...f, bookableUntil: '' }, 'bookableUntil');
    const order = expectRefused({ ...f, bookableFrom: '16:00', bookableUntil: '08:00' }, 'bookableUntil');
    expect(order[0]?.message.vi).toBe('Giờ kết thúc nhận hẹn phải sau giờ bắt đầu.');
    expectRefused({ ...f, remindDayBeforeAt: null }, 'remindDayBeforeAt');
  });

  it('lists every wrong field at once', () => {
    const f = toForm(SETTINGS, CATALOGUE);
    const r = fromForm({ ...f, daysAhead: '99', otpMaxTries: '0', bookableFrom: null });
    expect(r.ok ? [] : r.problems.map((p) => p.field)).toEqual(['daysAhead', 'otpMaxTries', 'bookableFrom']);
  });
});

describe('a whole number typed', () => {
  it('is read with spaces around it, never with a sign, a fraction or an exponent', () => {
    const r = { min: 0, max: 10 };
    expect(wholeNumber(' 7 ', r)).toBe(7);
    expect(wholeNumber('0', r)).toBe(0);
    for (const bad of ['-1', '+1', '1.0', '1e1', '11', '']) expect(wholeNumber(bad, r)).toBeNull();
  });
});
