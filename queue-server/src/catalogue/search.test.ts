import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CENTER } from '../demo/center.js';
import { createServiceMapper } from './mapping.js';
import { parseCatalogue } from '@layso/protocol/catalogue-file';
import {
  createSearchIndex,
  DEFAULT_SYNONYMS,
  editDistance,
  fold,
  type SearchableProcedure,
} from './search.js';

const serviceIds = new Map(DEMO_CENTER.services.map((s, i) => [s.code, i + 1]));
let procedures: SearchableProcedure[] = [];
let index: ReturnType<typeof createSearchIndex>;

beforeAll(() => {
  const csv = readFileSync(new URL('../demo/catalogue.csv', import.meta.url), 'utf8');
  const mapper = createServiceMapper(DEMO_CENTER.services);
  procedures = parseCatalogue('csv', csv).rows.map((row, i) => ({
    id: 1000 + i,
    code: row.code,
    name: row.name,
    field: row.field,
    serviceId: serviceIds.get(mapper(row).serviceCode ?? '') ?? null,
  }));
  index = createSearchIndex(procedures);
});

const byId = (id: number) => procedures.find((p) => p.id === id)!;
const names = (q: string, limit = 5, serviceId?: number) =>
  index.search(q, { limit, serviceId }).map((h) => byId(h.id).name);
const codes = (q: string, limit = 5, serviceId?: number) =>
  index.search(q, { limit, serviceId }).map((h) => byId(h.id).code);

describe('fold', () => {
  it('lowercases, strips tone and vowel marks and turns đ into d', () => {
    expect(fold('Cấp Phiếu Lý lịch tư pháp')).toBe('cap phieu ly lich tu phap');
    expect(fold('ĐĂNG KÝ ĐẤT ĐAI')).toBe('dang ky dat dai');
    expect(fold('Sổ đỏ'.normalize('NFD'))).toBe('so do');
    expect(fold('ưởng ơn ă â ê ô')).toBe('uong on a a e o');
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and transpositions, bounded', () => {
    expect(editDistance('phap', 'phap', 1)).toBe(0);
    expect(editDistance('phapp', 'phap', 1)).toBe(1);
    expect(editDistance('lcih', 'lich', 1)).toBe(1);
    expect(editDistance('kinh', 'lich', 1)).toBe(2);
    expect(editDistance('a', 'abcd', 1)).toBe(2);
  });
});

describe('search over the real catalogue', () => {
  it('indexes every procedure', () => {
    expect(index.size).toBe(2976);
  });

  it('"ly lich tu phap" (no diacritics) puts Cấp Phiếu lý lịch tư pháp at the top', () => {
    const top = names('ly lich tu phap', 4);
    expect(top).toHaveLength(4);
    for (const name of top) expect(fold(name)).toMatch(/^cap phieu ly lich tu phap/);
  });

  it('"lý lịch" with diacritics and a missing word finds the same procedures', () => {
    expect(fold(names('lý lịch', 1)[0]!)).toMatch(/^cap phieu ly lich tu phap/);
  });

  it('tolerates a typo and missing words', () => {
    expect(fold(names('ly lick tu phap', 1)[0]!)).toMatch(/^cap phieu ly lich tu phap/);
    expect(fold(names('phieu lich tu phap', 1)[0]!)).toMatch(/^cap phieu ly lich tu phap/);
    expect(names('dang ky ket hn', 1)).toEqual(['Thủ tục đăng ký kết hôn']);
  });

  it('everyday words go through the synonym table', () => {
    for (const q of ['sổ đỏ', 'so do', 'sổ hồng']) {
      const top = names(q, 3);
      for (const name of top) expect(fold(name)).toContain('giay chung nhan quyen su dung dat');
    }
    for (const name of names('bang lai', 3)) expect(fold(name)).toContain('giay phep lai xe');
    expect(names('bằng lái xe', 1)[0]).toMatch(/giấy phép lái xe$/);
    expect(fold(names('sao y', 1)[0]!)).toMatch(/^chung thuc ban sao/);
    expect(names('giấy độc thân', 1)).toEqual(['Thủ tục cấp Giấy xác nhận tình trạng hôn nhân']);
    for (const name of names('sang tên', 3)) expect(name).toMatch(/^Đăng ký biến động/);
    for (const name of names('giấy phép kinh doanh', 5))
      expect(fold(name)).toMatch(/dang ky (ho kinh doanh|doanh nghiep)/);
    expect(names('làm hộ chiếu', 1)[0]).toMatch(/^Cấp hộ chiếu phổ thông/);
  });

  it('"khai sinh" and "ket hon" find the civil-status procedures, shortest first', () => {
    expect(names('khai sinh', 1)).toEqual(['Thủ tục đăng ký khai sinh']);
    expect(names('ket hon', 1)).toEqual(['Thủ tục đăng ký kết hôn']);
    for (const name of names('ket hon', 4)) expect(fold(name)).toContain('ket hon');
  });

  it('the whole name of a procedure finds it first', () => {
    expect(
      codes('Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 1),
    ).toEqual(['1.012783']);
  });

  it('procedure codes: exact first, with or without dots; a prefix lists codes in order', () => {
    expect(codes('1.000894', 3)).toEqual(['1.000894']);
    expect(codes('1000894', 1)).toEqual(['1.000894']);
    const prefixed = codes('1.0008', 5);
    expect(prefixed).toHaveLength(5);
    for (const c of prefixed) expect(c.startsWith('1.0008')).toBe(true);
    expect(prefixed).toEqual([...prefixed].sort());
    expect(codes('2.000815', 1)).toEqual(['2.000815.000.00.00.H61']);
    expect(codes('2.000815.000.00.00.H61', 1)).toEqual(['2.000815.000.00.00.H61']);
  });

  it('name matches beat field matches', () => {
    // "hộ tịch" is the field of all civil-status procedures; those that say it in their name come first.
    const top = names('hộ tịch', 3);
    for (const name of top) expect(fold(name)).toContain('ho tich');
  });

  it('filters by service', () => {
    const ca = serviceIds.get('CA')!;
    const tp = serviceIds.get('TP')!;
    const hits = index.search('ly lich tu phap', { serviceId: ca, limit: 10 });
    expect(hits.length).toBeGreaterThanOrEqual(3);
    for (const h of hits) expect(byId(h.id).serviceId).toBe(ca);
    expect(
      index.search('ly lich tu phap', { serviceId: tp, limit: 10 }).map((h) => byId(h.id).code),
    ).not.toContain('3.000333');
    for (const h of index.search('1.000894', { serviceId: ca, limit: 5 }))
      expect(byId(h.id).serviceId).toBe(ca);
  });

  it('an empty query lists procedures by service, then name, up to the limit', () => {
    const tp = serviceIds.get('TP')!;
    const listed = index.search('  ', { serviceId: tp, limit: 50 });
    expect(listed).toHaveLength(50);
    const rows = listed.map((h) => byId(h.id));
    for (const r of rows) expect(r.serviceId).toBe(tp);
    const collator = new Intl.Collator('vi');
    const sorted = [...rows].sort((a, b) => collator.compare(a.name, b.name));
    expect(rows.map((r) => r.name)).toEqual(sorted.map((r) => r.name));
    const all = index.search('', { limit: 5 }).map((h) => byId(h.id).serviceId);
    expect(all).toEqual([1, 1, 1, 1, 1]);
  });

  it('after setService the listing is the one a fresh index of the same mapping gives', () => {
    const moved = createSearchIndex(procedures);
    const now = procedures.map((p) => ({ ...p }));
    // Unmapped ones get a service, mapped ones lose theirs or change it, ids spread over the catalogue.
    for (let i = 0; i < now.length; i += 97) {
      const p = now[i]!;
      const serviceId = p.serviceId === null ? 1 + (i % 15) : i % 2 ? null : 1 + ((p.serviceId + 3) % 15);
      p.serviceId = serviceId;
      moved.setService(p.id, serviceId);
    }
    const fresh = createSearchIndex(now);
    const all = { limit: 100_000 };
    expect(moved.search('', all)).toEqual(fresh.search('', all));
    expect(moved.search('', { ...all, serviceId: null })).toEqual(
      fresh.search('', { ...all, serviceId: null }),
    );
    expect(moved.search('giay phep', { ...all, serviceId: 4 })).toEqual(
      fresh.search('giay phep', { ...all, serviceId: 4 }),
    );
  });

  it('respects the limit, returns scores in descending order and nothing for gibberish', () => {
    const hits = index.search('dang ky', { limit: 7 });
    expect(hits).toHaveLength(7);
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
    expect(index.search('zzqxw', { limit: 5 })).toEqual([]);
    expect(index.search('ly lich', { limit: 0 })).toEqual([]);
  });
});

describe('createSearchIndex on a small catalogue', () => {
  const small: SearchableProcedure[] = [
    { id: 1, code: '1.000001', name: 'Cấp giấy phép lái xe', serviceId: 1, field: 'Đường bộ' },
    { id: 2, code: '1.000002', name: 'Số hóa hồ sơ', serviceId: 1, field: null },
    { id: 3, code: '1.000003', name: 'Cấp sổ hộ nghèo', serviceId: 2, field: null },
  ];

  it('prefers the spelling with the diacritics the user typed', () => {
    const idx = createSearchIndex(small, {});
    expect(idx.search('sổ', { limit: 2 }).map((h) => h.id)).toEqual([3, 2]);
    expect(idx.search('số', { limit: 2 }).map((h) => h.id)).toEqual([2, 3]);
  });

  it('uses the synonyms given, and none when given an empty table', () => {
    // Literally only "lái" matches; through the synonym the whole phrase does.
    const literal = createSearchIndex(small, {}).search('bằng lái', { limit: 5 });
    const withSynonyms = createSearchIndex(small).search('bằng lái', { limit: 5 });
    expect(literal.map((h) => h.id)).toEqual([1]);
    expect(withSynonyms.map((h) => h.id)).toEqual([1]);
    expect(withSynonyms[0]!.score).toBeGreaterThan(literal[0]!.score + 2);
    expect(createSearchIndex(small, {}).search('driving licence', { limit: 5 })).toEqual([]);
    const custom = createSearchIndex(small, { 'driving licence': ['giấy phép lái xe'] });
    expect(custom.search('Driving licence', { limit: 5 }).map((h) => h.id)).toEqual([1]);
  });

  it('serviceId null finds only the procedures mapped to no service', () => {
    const idx = createSearchIndex(
      [...small, { id: 4, code: '1.000004', name: 'Cấp sổ đỏ', serviceId: null, field: null }],
      {},
    );
    expect(idx.search('', { serviceId: null, limit: 10 }).map((h) => h.id)).toEqual([4]);
    expect(idx.search('cap so', { serviceId: null, limit: 10 }).map((h) => h.id)).toEqual([4]);
    expect(idx.search('1.000004', { serviceId: null, limit: 10 }).map((h) => h.id)).toEqual([4]);
    expect(idx.search('1.000003', { serviceId: null, limit: 10 })).toEqual([]);
  });

  it('setService moves one procedure: filters and the listing follow, as if the index were built again', () => {
    const idx = createSearchIndex(small, {});
    idx.setService(3, null);
    idx.setService(2, 2);
    expect(idx.search('', { serviceId: null, limit: 10 }).map((h) => h.id)).toEqual([3]);
    expect(idx.search('so', { serviceId: 2, limit: 10 }).map((h) => h.id)).toEqual([2]);
    expect(idx.search('', { limit: 10 }).map((h) => h.id)).toEqual([1, 2, 3]);
    idx.setService(99, 1); // unknown: nothing happens
    expect(idx.size).toBe(3);
  });

  it('matches a prefix of the last word while it is being typed', () => {
    const idx = createSearchIndex(small, {});
    expect(idx.search('giay phep la', { limit: 1 }).map((h) => h.id)).toEqual([1]);
  });

  it('has a default synonym table for the everyday words citizens use', () => {
    for (const key of [
      'bằng lái',
      'sổ đỏ',
      'sổ hồng',
      'sao y',
      'giấy độc thân',
      'sang tên',
      'giấy phép kinh doanh',
    ]) {
      expect(DEFAULT_SYNONYMS[key]?.length).toBeGreaterThan(0);
    }
  });
});
