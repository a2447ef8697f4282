import { describe, expect, it } from 'vitest';
import { M, refusalText } from './messages.js';

describe('why no number was issued, as a citizen reads it', () => {
  it('sends the citizen to the help desk when the server cannot keep a ticket, not to the disk', () => {
    for (const code of ['LAYSO_DISK_FULL', 'LAYSO_DB_UNWRITABLE']) {
      expect(refusalText(code, 'Máy chủ hết dung lượng đĩa / disk full')).toEqual(M.refusedStorage);
    }
    expect(M.refusedStorage.vi).toContain('bàn hướng dẫn');
  });

  it("asks to wait and tap again at the kiosk's pace, without blaming the citizen", () => {
    expect(refusalText('LAYSO_KIOSK_TOO_FAST')).toEqual(M.refusedTooFast);
  });

  it("keeps the server's own words for everything else", () => {
    expect(refusalText('LAYSO_SERVICE_CLOSED').vi).toMatch(/\S/);
    expect(refusalText('LAYSO_SOMETHING_NEW', 'Lý do mới / A new reason')).toEqual({
      vi: 'Lý do mới',
      en: 'A new reason',
    });
  });
});
