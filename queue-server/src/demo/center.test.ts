import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PriorityGroup, ServiceInput } from '@layso/protocol';
import { describe, expect, it } from 'vitest';
import { createServiceMapper } from '../catalogue/mapping.js';
import { parseCatalogue } from '@layso/protocol/catalogue-file';
import { DEMO_CENTER } from './center.js';

describe('DEMO_CENTER', () => {
  const { services, counters, officers, priorityGroups } = DEMO_CENTER;

  it('is the Vĩnh Long center with valid, uniquely numbered services', () => {
    expect(DEMO_CENTER.name).toBe('Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long');
    expect(services.length).toBeGreaterThanOrEqual(15);
    for (const s of services) {
      expect(ServiceInput.parse(s)).toEqual(s);
      expect(s.dailyCap).toBeLessThanOrEqual(10 ** s.numberFormat.digits - 1);
    }
    expect(new Set(services.map((s) => s.code)).size).toBe(services.length);
    expect(new Set(services.map((s) => s.numberFormat.prefix)).size).toBe(services.length);
    for (const name of [
      'Tài chính',
      'Tư pháp',
      'Xây dựng',
      'Nông nghiệp và Môi trường',
      'Công an tỉnh',
      'Nội vụ',
    ]) {
      expect(
        services.some((s) => s.name.includes(name)),
        name,
      ).toBe(true);
    }
  });

  it('opens Monday–Friday in two spans and Saturday morning', () => {
    const hours = services[0]!.hours;
    expect(hours['1']).toEqual([
      { open: '07:00', close: '11:30' },
      { open: '13:00', close: '17:00' },
    ]);
    expect(hours['6']).toEqual([{ open: '07:00', close: '11:30' }]);
    expect(hours['7']).toEqual([]);
  });

  it('has 25 counters serving known services, every service served somewhere', () => {
    expect(counters.map((c) => c.number)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const codes = new Set(services.map((s) => s.code));
    for (const c of counters) {
      expect(c.name).toBe(`Quầy ${c.number}`);
      expect(c.serviceCodes.length).toBeGreaterThan(0);
      for (const code of c.serviceCodes) expect(codes.has(code)).toBe(true);
    }
    for (const code of codes)
      expect(
        counters.some((c) => c.serviceCodes.includes(code)),
        code,
      ).toBe(true);
    expect(counters.some((c) => c.serviceCodes.length > 1)).toBe(true);
  });

  it('has one officer per counter with unique usernames', () => {
    expect(new Set(officers.map((o) => o.username)).size).toBe(officers.length);
    for (const o of officers) {
      expect(o.username).toMatch(/^canbo\d{2}$/);
      expect(counters.some((c) => c.number === o.counterNumber)).toBe(true);
    }
  });

  it('has the priority groups of law and practice', () => {
    for (const g of priorityGroups) expect(PriorityGroup.parse(g)).toEqual(g);
    expect(priorityGroups.map((g) => g.code)).toEqual([
      'nguoi-cao-tuoi',
      'khuyet-tat',
      'phu-nu-mang-thai',
      'tre-nho',
      'nguoi-co-cong',
    ]);
  });

  it('ships a copy of the real catalogue that maps onto its services', () => {
    // The repository is the source of truth: the bundled copy is pinned by its digest (the national catalogue as
    // taken on import, 2,976 procedures), so an accidental edit fails here — no file outside the clone is read.
    const csv = readFileSync(new URL('./catalogue.csv', import.meta.url), 'utf8');
    expect(createHash('sha256').update(csv).digest('hex')).toBe(
      '36a8d5e0afec800109fd62d0b26f145d78e6d5452730a65c8abf1b464a0b7d98',
    );
    const { rows, errors } = parseCatalogue('csv', csv);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(2976);
    const mapper = createServiceMapper(services);
    const mapped = new Set(rows.map((r) => mapper(r).serviceCode));
    for (const code of ['TC', 'TP', 'NNMT', 'XD', 'CA', 'NV', 'YT', 'BHXH', 'KCN'])
      expect(mapped.has(code)).toBe(true);
  });
});
