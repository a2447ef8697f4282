import { describe, expect, it } from 'vitest';
import { ReturnDetails } from '@layso/protocol';
import { EMPTY_RETURN, ownerFrom, returnDetailsFrom } from './dossier.js';
import { M } from './messages.js';

describe("the owner's ID or phone given at the counter", () => {
  it('tells a phone from an ID number, and nothing from nothing', () => {
    expect(ownerFrom('')).toEqual({ ok: true, value: null });
    expect(ownerFrom(' 0912 345 678 ')).toEqual({ ok: true, value: { phone: '0912345678' } });
    expect(ownerFrom('086195001234')).toEqual({ ok: true, value: { idNumber: '086195001234' } });
    expect(ownerFrom('361234567')).toEqual({ ok: true, value: { idNumber: '361234567' } });
    expect(ownerFrom('12345')).toEqual({ ok: false, problem: M.ownerInvalid });
    expect(ownerFrom('0212345678')).toEqual({ ok: false, problem: M.ownerInvalid });
  });
});

describe('who collected a result', () => {
  it('the owner: only the originals count is sent', () => {
    const r = returnDetailsFrom({ ...EMPTY_RETURN, name: 'typed then switched back', originals: '2' });
    expect(r).toEqual({ ok: true, value: { collectedBy: 'owner', originalsReturned: 2 } });
  });

  it('an authorised person needs a name and consent; an ID, when typed, must be one', () => {
    const base = { ...EMPTY_RETURN, collectedBy: 'authorised' as const };
    expect(returnDetailsFrom(base)).toEqual({ ok: false, problem: M.collectorNameNeeded });
    expect(returnDetailsFrom({ ...base, name: 'Lê Văn Bình', idNumber: '123' })).toEqual({
      ok: false,
      problem: M.collectorIdInvalid,
    });
    expect(returnDetailsFrom({ ...base, name: 'Lê Văn Bình' })).toEqual({
      ok: false,
      problem: M.consentNeeded,
    });
    const ok = returnDetailsFrom({ ...base, name: ' Lê Văn Bình ', idNumber: '086190001234', consent: true });
    expect(ok).toEqual({
      ok: true,
      value: {
        collectedBy: 'authorised',
        collectorName: 'Lê Văn Bình',
        collectorIdNumber: '086190001234',
        consent: true,
        originalsReturned: 0,
      },
    });
    // What is sent passes the server's own schema.
    expect(ok.ok && ReturnDetails.safeParse(ok.value).success).toBe(true);
  });

  it('refuses an originals count that is not a small whole number', () => {
    for (const originals of ['', '-1', '1.5', '101', 'hai'])
      expect(returnDetailsFrom({ ...EMPTY_RETURN, originals })).toEqual({
        ok: false,
        problem: M.originalsInvalid,
      });
  });
});
