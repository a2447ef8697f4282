import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FEEDBACK_SETTINGS } from '@layso/protocol';
import { hashPassword } from '@layso/server-kit';
import { saveFeedbackSettings } from '../app/feedback-settings.js';
import { exifWithGps, jpegSegment, PLAIN_JPEG } from '../testing/feedback-files.js';
import { FEEDBACK_REGISTER_HEADER_ROW } from '../reports/feedback-register.js';
import { seedSmallCenter } from '../testing/center.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { issue, login, next, socket, type Session } from '../testing/kit.js';
import { XLSX_TYPE } from './routes-reports.js';

/**
 * The register's pictures, report and XLSX over HTTP (issue 22), each read with its viewer's visibility, and the
 * counter-top's feedback address after "Không hài lòng".
 */
let h: Harness;
let desk: Session;
let sup: Session;
let address = 0;
const fresh = () => ({ 'x-forwarded-for': `10.9.0.${++address}` });
const idOf = (code: string) => h.store.feedback.byCode(code.replace('-', ''))?.id ?? 0;

/** A photo as a phone sends it: EXIF with a GPS position and a comment before the picture. */
const PHOTO = Buffer.concat([
  PLAIN_JPEG.subarray(0, 2),
  jpegSegment(0xe1, exifWithGps('SECRETCAM')),
  jpegSegment(0xfe, 'SECRETCOMMENT'),
  PLAIN_JPEG.subarray(2),
]);

beforeAll(async () => {
  h = await startHarness({ seed: seedSmallCenter, env: { TRUST_PROXY: '127.0.0.1' } });
  desk = await login(h, 'tiepnhan');
  h.store.accounts.addUser({
    username: 'gs9',
    displayName: 'Giám sát Chín',
    role: 'supervisor',
    passwordHash: await hashPassword('mat-khau-gs9'),
    counterId: null,
  });
  sup = await login(h, 'gs9', 'mat-khau-gs9');
});
afterAll(() => h.close());
beforeEach(() => saveFeedbackSettings(h.store, DEFAULT_FEEDBACK_SETTINGS));

/** A phone case with the photo, classified as about the supervisor: its id and its file's. */
async function caseAboutSupervisor(): Promise<{ id: number; fileId: number }> {
  const r = await h.api('/api/public/feedback', {
    body: {
      topic: 'attitude',
      text: 'Giám sát nói năng thiếu tôn trọng',
      files: [{ type: 'image/jpeg', data: PHOTO.toString('base64') }],
    },
    headers: fresh(),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const id = idOf(r.body.code);
  const c = await h.api(`/api/admin/feedback/${id}/classify`, {
    token: desk.token,
    body: { class: 'officer-conduct', officerId: sup.user.id },
  });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  return { id, fileId: c.body.files[0].id };
}

const picture = (s: Session | string, id: number, fileId: number) =>
  fetch(`${h.url}/api/admin/feedback/${id}/files/${fileId}`, {
    headers: { authorization: `Bearer ${typeof s === 'string' ? s : s.token}` },
  });

describe("a case's picture", () => {
  it('is served stripped, privately, to the register only; hidden from the officer concerned until answered', async () => {
    const { id, fileId } = await caseAboutSupervisor();
    const res = await picture(desk, id, fileId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; /);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.equals(PLAIN_JPEG)).toBe(true);
    expect(bytes.includes('SECRET')).toBe(false);

    // Not the kiosk, not an officer; not the supervisor it is about, as if it did not exist.
    expect((await picture(h.credentials.kioskToken, id, fileId)).status).toBe(403);
    expect((await picture(await login(h, 0), id, fileId)).status).toBe(403);
    const hidden = await picture(sup, id, fileId);
    expect(hidden.status).toBe(404);
    expect(((await hidden.json()) as { error: { code: string } }).error.code).toBe(
      'LAYSO_FEEDBACK_NOT_FOUND',
    );
    expect((await picture(desk, id, fileId + 1000)).status).toBe(404);

    await h.api(`/api/admin/feedback/${id}/answer`, {
      token: desk.token,
      body: { answer: 'Đã nhắc nhở', publish: false },
    });
    expect((await picture(sup, id, fileId)).status).toBe(200);
    // Gone from disk (erased by retention): gone for the register too.
    const name = h.store.feedback.file(id, fileId)?.name ?? '';
    h.server.ctx.feedbackFiles.remove([name]);
    expect((await picture(desk, id, fileId)).status).toBe(404);
  });
});

describe('the report and the register', () => {
  it('counts what the viewer may see, refuses a bad range, and downloads the register as XLSX', async () => {
    const { id } = await caseAboutSupervisor();
    const today = h.server.ctx.feedback.register.dueDays().today;
    const q = `from=${today}&to=${today}`;
    const full = await h.api(`/api/admin/feedback/report?${q}`, { token: desk.token });
    expect(full.status, JSON.stringify(full.body)).toBe(200);
    const mine = await h.api(`/api/admin/feedback/report?${q}`, { token: sup.token });
    expect(mine.body.totals.cases).toBe(full.body.totals.cases - 1);
    expect(full.body.byClass).toContainEqual(expect.objectContaining({ key: 'officer-conduct' }));
    expect(full.body.byChannel).toContainEqual(
      expect.objectContaining({ key: 'phone', label: 'Trực tuyến (mã QR)' }),
    );
    const bad = await h.api(`/api/admin/feedback/report?from=${today}&to=2000-01-01`, { token: desk.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('LAYSO_REPORT_RANGE_INVALID');

    const code = h.store.feedback.byId(id)?.code ?? '';
    const shown = `${code.slice(0, 4)}-${code.slice(4)}`;
    const codes = async (s: Session) => {
      const res = await fetch(`${h.url}/api/admin/feedback/register.xlsx?${q}`, {
        headers: { authorization: `Bearer ${s.token}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
      expect(res.headers.get('content-disposition')).toContain(`so-theo-doi-phan-anh-${today}-${today}.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      const ws = wb.worksheets[0];
      if (!ws) throw new Error('no sheet');
      return Array.from({ length: ws.rowCount - FEEDBACK_REGISTER_HEADER_ROW }, (_, i) =>
        String(ws.getRow(FEEDBACK_REGISTER_HEADER_ROW + 1 + i).getCell(3).value),
      );
    };
    const all = await codes(desk);
    expect(all).toContain(shown);
    expect(all).toHaveLength(full.body.totals.cases);
    expect(await codes(sup)).not.toContain(shown);
    expect((await fetch(`${h.url}/api/admin/feedback/register.xlsx?${q}`)).status).toBe(401);
  });
});

describe('after "Không hài lòng"', () => {
  it("answers the feedback form's address for the ticket, and none when satisfied or feedback is off", async () => {
    const o = await login(h, 2);
    const top = h.credentials.counterTopUrls.find((c) => c.counterId === o.counterId);
    if (!top) throw new Error('no counter-top');
    const screen = socket(h, '/counter', { token: new URL(top.url).hash.replace('#token=', '') });
    const serviceId = h.store.counters.byId(o.counterId)?.serviceIds[0] ?? 0;
    const rate = async (rating: string) => {
      const t = await issue(h, serviceId);
      let called;
      do {
        called = await h.api(`/api/counters/${o.counterId}/call-next`, { token: o.token, method: 'POST' });
        if (called.body.ticket.id !== t.id)
          await h.api(`/api/tickets/${called.body.ticket.id}/no-show`, { token: o.token, method: 'POST' });
      } while (called.body.ticket.id !== t.id);
      const asked = next(screen, 'rating:request');
      await h.api(`/api/tickets/${t.id}/finish`, { token: o.token, body: { outcome: 'guidance' } });
      await asked;
      return { t, ack: await screen.emitWithAck('rating:submit', { ticketId: t.id, rating }) };
    };

    const unhappy = await rate('unsatisfied');
    const url = `${h.server.ctx.queue.publicBase()}/pa?t=${unhappy.t.trackingCode}&from=rating`;
    expect(unhappy.ack).toEqual({ ok: true, value: { ticketId: unhappy.t.id, feedbackUrl: url } });
    const happy = await rate('satisfied');
    expect(happy.ack).toEqual({ ok: true, value: { ticketId: happy.t.id } });
    saveFeedbackSettings(h.store, { ...DEFAULT_FEEDBACK_SETTINGS, enabled: false });
    const off = await rate('unsatisfied');
    expect(off.ack).toEqual({ ok: true, value: { ticketId: off.t.id } });
  });
});
