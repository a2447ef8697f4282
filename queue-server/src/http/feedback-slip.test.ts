import { renderFeedbackSlip, startVirtualPrinter, type VirtualPrinter } from '@layso/printer-drivers';
import { FEEDBACK_CONSENT, type FeedbackReceipt, type PrintReply } from '@layso/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnInstant } from '../domain/time.js';
import { ManualClock, startHarness, type Harness } from '../testing/harness.js';
import { login } from '../testing/kit.js';
import { readNoticeConfig, saveNoticeConfig } from '../notify/settings.js';

/**
 * A feedback case's slip at the kiosk that took it (issue 22): printed on the kiosk's printer with the QR of the
 * case's page, only by that kiosk within 15 minutes — a code alone prints nothing anywhere — and a printer fault is an
 * honest `{printed:false, error}`. Real HTTP and a real virtual printer on a fake clock.
 */
const clock = new ManualClock(vnInstant('2026-12-07', 9 * 60));
let h: Harness;
let printer: VirtualPrinter;
let otherKiosk: string;

beforeAll(async () => {
  printer = await startVirtualPrinter({ port: 0, host: '127.0.0.1' });
  h = await startHarness({ clock, printerUrl: `tcp://127.0.0.1:${printer.port}` });
  const admin = await login(h, 'admin');
  const reg = await h.api('/api/admin/devices', {
    token: admin.token,
    body: { kind: 'kiosk', name: 'Ki-ốt 2' },
  });
  expect(reg.status).toBe(201);
  otherKiosk = reg.body.token as string;
});
afterAll(async () => {
  await h.close();
  await printer.close();
});

async function takeCase(phone: string | null): Promise<FeedbackReceipt> {
  const r = await h.api('/api/kiosk/feedback', {
    token: h.credentials.kioskToken,
    body: {
      topic: 'delay',
      text: 'Chờ quá lâu ở quầy 3.',
      ...(phone ? { name: 'An Bình', phone, consentVersion: FEEDBACK_CONSENT.version } : {}),
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as FeedbackReceipt;
}

const print = (code: string, token = h.credentials.kioskToken) =>
  h.api(`/api/kiosk/feedback/${code}/print`, { method: 'POST', token });

/** The slip drawn from the receipt the kiosk got: its code, dates, the QR of its page and the page's address to type. */
const slipFor = (receipt: FeedbackReceipt, answerByNotice: boolean) =>
  renderFeedbackSlip({
    centerName: h.server.ctx.settings.get().centerName,
    code: receipt.code,
    receivedAt: new Date(receipt.receivedAt),
    answerDueDay: receipt.answerDueDay,
    url: receipt.url,
    address: `${h.url.replace(/^http:\/\//, '')}/pa/${receipt.code}`,
    answerByNotice,
  });

describe('the feedback slip printed at the kiosk', () => {
  it("prints the case's code and the QR of its page, and nothing the citizen wrote", async () => {
    const receipt = await takeCase(null);
    const job = printer.nextJob(10_000);
    const r = await print(receipt.code);
    expect(r.status).toBe(200);
    expect(r.body as PrintReply).toEqual({ printed: true, error: null });
    const bmp = (await job).bitmap;
    if (!bmp) throw new Error('the printer decoded no image');
    // Exactly the slip drawn from the receipt: the layout has no place for the text, a name or a phone.
    const expected = slipFor(receipt, false);
    expect(bmp.cropHeight(expected.height).equals(expected)).toBe(true);
    // The code as typed (no dash, lower case) finds it too: the printer gets the same paper again.
    const again = printer.nextJob(10_000);
    expect((await print(receipt.code.replace('-', '').toLowerCase())).body).toEqual({
      printed: true,
      error: null,
    });
    expect((await again).bitmap?.equals(bmp)).toBe(true);
  });

  it('another kiosk, a code that does not exist, or 15 minutes later: not found, nothing printed', async () => {
    const receipt = await takeCase('0912345678');
    const before = printer.jobs.length;
    const other = await print(receipt.code, otherKiosk);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('LAYSO_FEEDBACK_NOT_FOUND');
    expect((await print('ZZZZ-ZZZZ')).body.error.code).toBe('LAYSO_FEEDBACK_NOT_FOUND');
    // An officer's token is no kiosk's.
    const officer = await login(h, h.credentials.officers[0]!.username);
    expect((await print(receipt.code, officer.token)).status).toBe(403);
    clock.advance(15 * 60_000 + 1000);
    expect((await print(receipt.code)).body.error.code).toBe('LAYSO_FEEDBACK_NOT_FOUND');
    expect(printer.jobs.length).toBe(before);
  });

  it("a printer out of paper: printed false with the fault's code, said in both languages", async () => {
    const receipt = await takeCase(null);
    printer.setState('paper-out');
    try {
      const r = await print(receipt.code);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ printed: false, error: { code: 'LAYSO_PRINTER_PAPER_OUT' } });
      expect((r.body as PrintReply).error?.message).toMatch(/ \/ /);
      expect(h.server.ctx.printer.status().state).toBe('paper-out');
    } finally {
      printer.setState('ready');
    }
  });

  it('promises the answer by text, as the receipt does, only when a phone was given and ZNS or SMS is on', async () => {
    const slipMatches = async (receipt: FeedbackReceipt, answerByNotice: boolean) => {
      const job = printer.nextJob(10_000);
      expect((await print(receipt.code)).body).toEqual({ printed: true, error: null });
      const bmp = (await job).bitmap;
      if (!bmp) throw new Error('the printer decoded no image');
      const expected = slipFor(receipt, answerByNotice);
      return bmp.cropHeight(expected.height).equals(expected);
    };
    // A new center has no text channel: a phone given, yet no text can come.
    const silent = await takeCase('0912000111');
    expect(silent.answerByNotice).toBe(false);
    expect(await slipMatches(silent, false)).toBe(true);
    const before = readNoticeConfig(h.store);
    saveNoticeConfig(h.store, {
      ...before,
      channels: { ...before.channels, sms: { ...before.channels.sms, enabled: true } },
    });
    try {
      const told = await takeCase('0912000222');
      expect(told.answerByNotice).toBe(true);
      expect(await slipMatches(told, true)).toBe(true);
    } finally {
      saveNoticeConfig(h.store, before);
    }
  });
});
