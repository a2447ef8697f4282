import type { ProvinceCatalogueReply } from '@layso/protocol';
import { describe, expect, it } from 'vitest';
import { provinceLocks, pullSummary } from './province.js';

const REPLY: ProvinceCatalogueReply = {
  state: 'current',
  version: 3,
  etag: '"abc"',
  appliedAt: '2026-12-07T02:00:00.000Z',
  lastCheckedAt: '2026-12-07T03:15:00.000Z',
  lastResult: 'unchanged',
  lastFailureAt: null,
  lastError: null,
  managed: { procedures: 3, announce: true, priorityGroups: false },
  procedures: [
    { code: '1.000894', service: 'TP' },
    { code: '2.000908', service: null },
    { code: '1.001022', service: 'KHONG-CO' },
  ],
};

describe("what the province's catalogue locks on the admin's screens", () => {
  it("locks a procedure's service only when the province names one this center has", () => {
    const locks = provinceLocks(REPLY, [{ code: 'TP' }, { code: 'TC' }]);
    expect(['1.000894', '2.000908', '1.001022', '1.999999'].map((c) => locks.procedure(c))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(['1.000894', '2.000908', '1.001022'].map((c) => locks.procedureService(c))).toEqual([
      true,
      false,
      false,
    ]);
    expect([locks.announce, locks.priorityGroups]).toEqual([true, false]);
  });

  it('locks nothing before the province answered or when the center is not joined', () => {
    const locks = provinceLocks(null, [{ code: 'TP' }]);
    expect([locks.announce, locks.priorityGroups, locks.procedure('1.000894')]).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('says which version is applied, when it was last checked and that the ETag matched, or why it failed', () => {
    const ok = pullSummary(REPLY);
    expect(ok.failing).toBeNull();
    expect(ok.lines.map((l) => l.vi)).toEqual([
      'Phiên bản 3 · 3 thủ tục do tỉnh quản lý · áp dụng lúc 07/12/2026 09:00',
      'Kiểm tra lần cuối lúc 07/12/2026 10:15: không có thay đổi (ETag "abc" khớp)',
    ]);
    expect(ok.lines[1]?.en).toBe('Last checked at 07/12/2026 10:15: no change (ETag "abc" matched)');
    const failing = pullSummary({
      ...REPLY,
      state: 'failing',
      lastFailureAt: '2026-12-07T03:30:00.000Z',
      lastError: 'HTTP 503 LAYSO_HUB_UNAVAILABLE',
    });
    expect(failing.failing?.vi).toBe(
      'Không lấy được danh mục từ tỉnh lúc 07/12/2026 10:30 (HTTP 503 LAYSO_HUB_UNAVAILABLE): trung tâm vẫn dùng phiên bản đã có.',
    );
    expect(pullSummary({ ...REPLY, state: 'off' }).lines[0]?.vi).toMatch(/^Trung tâm chưa kết nối/);
  });
});
