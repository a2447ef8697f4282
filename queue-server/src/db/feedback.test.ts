import { describe, expect, it } from 'vitest';
import { vnInstant } from '../domain/time.js';
import { feedbackStore, newFeedbackCase } from '../testing/feedback-store.js';
import type { NewFeedbackCase } from './feedback.js';

/** The feedback register on an in-memory database: filters, folded search, the hidden officer, due counts. */
function setup() {
  const { store, officer, desk } = feedbackStore();
  const add = (code: string, day: string, over: Partial<NewFeedbackCase> = {}) =>
    store.feedback.insert(
      newFeedbackCase(code, day, {
        text: 'Chờ quá lâu ở quầy Tư pháp',
        forwardDueDay: '2026-12-14',
        answerDueDay: '2026-12-21',
        ...over,
      }),
    );
  return { store, officer: officer('cb1', 'Cán bộ Một'), desk, add };
}

const DUE = { today: '2026-12-07', soon: '2026-12-09' };

describe('the feedback register', () => {
  it('keeps a case with its received event and files, found by id and code', () => {
    const { store, desk, add } = setup();
    const c = add('K7PQ3M2D', '2026-12-07', { channel: 'desk', receivedBy: desk, phone: '0912345678' });
    expect(c).toMatchObject({
      code: 'K7PQ3M2D',
      status: 'new',
      class: null,
      published: false,
      phone: '0912345678',
    });
    expect(store.feedback.byCode('K7PQ3M2D')?.id).toBe(c.id);
    expect(store.feedback.byId(c.id + 1)).toBeNull();
    expect(store.feedback.history(c.id)).toEqual([
      { at: c.receivedAt, kind: 'received', byUser: desk, byName: 'Tiếp nhận', note: 'desk' },
    ]);
    const f = store.feedback.insert({ ...c, code: 'A1B2C3D4', at: c.receivedAt, receivedBy: null }, [
      { name: 'r1.jpg', type: 'image/jpeg', bytes: 10, page: null },
    ]);
    const [file] = store.feedback.files(f.id);
    expect(file).toMatchObject({ name: 'r1.jpg', type: 'image/jpeg', bytes: 10, page: null });
    expect(store.feedback.file(f.id, file?.id ?? 0)?.name).toBe('r1.jpg');
    expect(store.feedback.file(c.id, file?.id ?? 0)).toBeNull();
  });

  it('filters by state, class, channel, days and a folded search over code and text', () => {
    const { store, add } = setup();
    const a = add('K7PQ3M2D', '2026-12-01');
    add('A1B2C3D4', '2026-12-05', { channel: 'phone', text: 'Cán bộ thái độ không tốt' });
    store.feedback.classify(
      a.id,
      { class: 'within-authority', note: null, serviceId: null, officerId: null, status: 'processing' },
      new Date(),
      null,
    );
    const codes = (f: Parameters<typeof store.feedback.list>[0]) =>
      store.feedback.list(f, 50).map((c) => c.code);
    const all = { ...DUE, viewerId: null };
    expect(codes(all)).toEqual(['A1B2C3D4', 'K7PQ3M2D']);
    expect(codes({ ...all, status: 'processing' })).toEqual(['K7PQ3M2D']);
    expect(codes({ ...all, class: 'within-authority' })).toEqual(['K7PQ3M2D']);
    expect(codes({ ...all, channel: 'phone' })).toEqual(['A1B2C3D4']);
    expect(codes({ ...all, from: '2026-12-02', to: '2026-12-05' })).toEqual(['A1B2C3D4']);
    expect(codes({ ...all, q: 'thai do' })).toEqual(['A1B2C3D4']);
    expect(codes({ ...all, q: 'CHỜ QUÁ' })).toEqual(['K7PQ3M2D']);
    expect(codes({ ...all, q: 'k7pq-3m' })).toEqual(['K7PQ3M2D']);
    expect(store.feedback.list(all, 1)).toHaveLength(1);
    expect(store.feedback.counts(all).total).toBe(2);
  });

  it('hides a case about the viewer until it is answered, and counts what is due', () => {
    const { store, officer, desk, add } = setup();
    const about = add('K7PQ3M2D', '2026-12-01', { officerId: officer, answerDueDay: '2026-12-06' });
    add('A1B2C3D4', '2026-12-01', { forwardDueDay: '2026-12-08', answerDueDay: '2026-12-15' });
    add('B1B2C3D4', '2026-12-01', { forwardDueDay: '2026-12-20', answerDueDay: '2026-12-30' });
    expect(store.feedback.list({ ...DUE, viewerId: officer }, 50).map((c) => c.code)).toEqual([
      'B1B2C3D4',
      'A1B2C3D4',
    ]);
    expect(store.feedback.counts({ ...DUE, viewerId: officer })).toEqual({
      total: 2,
      overdue: 0,
      dueSoon: 1,
    });
    expect(store.feedback.counts({ ...DUE, viewerId: desk })).toEqual({ total: 3, overdue: 1, dueSoon: 1 });
    expect(store.feedback.list({ ...DUE, viewerId: desk, due: 'overdue' }, 50).map((c) => c.code)).toEqual([
      'K7PQ3M2D',
    ]);
    expect(store.feedback.list({ ...DUE, viewerId: desk, due: 'soon' }, 50).map((c) => c.code)).toEqual([
      'A1B2C3D4',
    ]);
    store.feedback.answer(
      about.id,
      { answer: 'Đã nhắc nhở', published: true, correction: false, wasPublished: false },
      new Date(),
      desk,
    );
    expect(store.feedback.list({ ...DUE, viewerId: officer }, 50).map((c) => c.code)).toContain('K7PQ3M2D');
    expect(store.feedback.dueCounts(DUE)).toEqual({ overdue: 0, dueSoon: 1 });
    expect(store.feedback.history(about.id).map((e) => e.kind)).toEqual([
      'received',
      'answered',
      'published',
    ]);
  });

  it('counts cases per phone and per kiosk since a time (the limits)', () => {
    const { store, add } = setup();
    add('K7PQ3M2D', '2026-12-07', { phone: '0912345678', deviceId: 4 });
    add('A1B2C3D4', '2026-12-07', { phone: '0912345678', deviceId: 4 });
    expect(store.feedback.countByPhoneSince('0912345678', vnInstant('2026-12-07', 0))).toBe(2);
    expect(store.feedback.countByPhoneSince('0912345678', vnInstant('2026-12-08', 0))).toBe(0);
    expect(store.feedback.countByDeviceSince(4, vnInstant('2026-12-07', 0))).toBe(2);
    expect(store.feedback.countByDeviceSince(5, vnInstant('2026-12-07', 0))).toBe(0);
  });
});
