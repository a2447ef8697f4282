/**
 * The center's settings (GET/PUT /api/admin/settings): the environment gives the defaults, the admin's saved
 * values win and hold at once — screens' and kiosks' replies, printed center names, dossier codes, the priority
 * mix — and every screen hears `settings:changed`. The real server on port 0 with the demo center.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as drivers from '@layso/printer-drivers';
import { startVirtualPrinter, type TicketData, type VirtualPrinter } from '@layso/printer-drivers';
import type { CenterSettings, SettingsChanged } from '@layso/protocol';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.js';
import { issue, login, next, socket } from '../testing/kit.js';

/** What the server asked the ESC/POS library to print on kiosk tickets. */
const printed = vi.hoisted(() => ({ tickets: [] as TicketData[] }));
vi.mock('@layso/printer-drivers', async (importOriginal) => {
  const real = await importOriginal<typeof drivers>();
  return {
    ...real,
    printTicket: (...args: Parameters<typeof real.printTicket>) => {
      printed.tickets.push(args[1]);
      return real.printTicket(...args);
    },
  };
});

const ENV_NAME = 'Trung tâm Phục vụ hành chính công (môi trường)';
const AGENCY = '000.00.12.H62';
let h: Harness;
let printer: VirtualPrinter;
let outDir: string;
let admin: string;
let supervisor: string;

const current = async (): Promise<CenterSettings> => {
  const r = await h.api('/api/admin/settings', { token: admin });
  expect(r.status).toBe(200);
  return r.body;
};
const put = (body: unknown, token = admin) => h.api('/api/admin/settings', { token, method: 'PUT', body });

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'layso-settings-'));
  printer = await startVirtualPrinter({ port: 0, host: '127.0.0.1', outDir });
  h = await startHarness({
    env: { CENTER_NAME: ENV_NAME, RATING_SECONDS: '25', MAX_PRIORITY_IN_ROW: '2' },
    printerUrl: `tcp://127.0.0.1:${printer.port}`,
  });
  admin = (await login(h, 'admin')).token;
  const sup = await h.api('/api/admin/users', {
    token: admin,
    body: {
      username: 'giam.sat',
      displayName: 'Giám sát',
      password: 'mat-khau-giam-sat',
      role: 'supervisor',
    },
  });
  expect(sup.status).toBe(201);
  supervisor = (await login(h, 'giam.sat', 'mat-khau-giam-sat')).token;
});
afterAll(async () => {
  await h.close();
  await printer.close();
  rmSync(outDir, { recursive: true, force: true });
});

describe('GET/PUT /api/admin/settings', () => {
  it('starts from the environment, and a saved value comes back as saved (trimmed, NFC)', async () => {
    const start = await current();
    expect(start).toMatchObject({
      centerName: ENV_NAME,
      agencyId: null,
      ratingSeconds: 25,
      maxPriorityInRow: 2,
      printerFaultMode: 'screen',
      announce: { reading: 'digits', dialect: 'south', repeat: 1 },
    });
    expect((await h.api('/api/admin/settings', { token: supervisor })).body).toEqual(start);

    const next: CenterSettings = {
      ...start,
      // Decomposed diacritics and spaces around: stored as NFC, trimmed.
      centerName: '  Trung tâm Hành chính công Vĩnh Long '.normalize('NFD'),
      notice: 'Sáng thứ Bảy làm việc từ 7 giờ 30',
      announce: {
        template: 'Mời số {number} tới quầy {counter}',
        reading: 'whole',
        dialect: 'north',
        repeat: 0,
      },
      ratingSeconds: 40,
    };
    const saved = await put(next);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.centerName).toBe('Trung tâm Hành chính công Vĩnh Long');
    expect(saved.body.centerName).toBe(saved.body.centerName.normalize('NFC'));
    expect(await current()).toEqual(saved.body);
    // Saved in the database: a new reader (a restart) sees them over the environment.
    const row = h.store.db.prepare("SELECT value FROM center_settings WHERE key = 'ratingSeconds'").get() as {
      value: string;
    };
    expect(JSON.parse(row.value)).toBe(40);
  });

  it('a template without {counter} is a 400 with the bilingual reason, and nothing changes', async () => {
    const before = await current();
    const auditBefore = h.server.ctx.audit.list(1)[0]?.id;
    const bad = await put({ ...before, announce: { ...before.announce, template: 'Mời số {number}' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('LAYSO_VALIDATION');
    const messages = JSON.stringify(bad.body.error.details);
    expect(messages).toContain('Câu thông báo phải có {counter}');
    expect(messages).toContain('The template must contain {counter}');
    const unknown = await put({ ...before, announce: { ...before.announce, template: '{number} {quay}' } });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.error.details)).toContain('Unknown placeholder {quay}');
    // Other bad values: out of range, unknown keys, a malformed agency identifier.
    for (const body of [
      { ...before, ratingSeconds: 1 },
      { ...before, maxPriorityInRow: 0 },
      { ...before, agencyId: '12345' },
      { ...before, extra: true },
      { ...before, centerName: '   ' },
    ]) {
      expect((await put(body)).status).toBe(400);
    }
    expect(await current()).toEqual(before);
    expect(h.server.ctx.audit.list(1)[0]?.id).toBe(auditBefore);
  });

  it('is read by admins and supervisors, changed by admins only', async () => {
    const o = await login(h, 0);
    const body = await current();
    expect((await put(body, supervisor)).status).toBe(403);
    expect((await put(body, o.token)).status).toBe(403);
    expect((await h.api('/api/admin/settings', { token: o.token })).status).toBe(403);
    expect((await h.api('/api/admin/settings', { token: h.credentials.displayToken })).status).toBe(403);
    expect((await h.api('/api/admin/settings')).status).toBe(401);
    expect((await put(body, h.credentials.kioskToken)).status).toBe(403);
  });
});

describe('a change holds at once', () => {
  it('is audited before → after, reaches screens and kiosks, and every socket hears settings:changed', async () => {
    const o = await login(h, 1);
    const all = [
      socket(h, '/display', { token: h.credentials.displayToken }),
      socket(h, '/kiosk', { token: h.credentials.kioskToken }),
      socket(h, '/admin', { token: admin }),
      socket(h, '/counter', { token: o.token }),
    ];
    await Promise.all(all.map((s) => next(s, 'snapshot')));
    const heard = all.map((s) => next<SettingsChanged>(s, 'settings:changed'));

    const before = await current();
    const r = await put({
      ...before,
      centerName: 'Trung tâm mới',
      notice: 'Thông báo mới',
      ratingSeconds: 15,
      intakeRetentionDays: 90,
      printerFaultMode: 'stop',
    });
    expect(r.status).toBe(200);
    for (const e of await Promise.all(heard)) {
      expect(e.at).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(e).not.toHaveProperty('seq');
    }

    const [entry] = h.server.ctx.audit.list(1);
    expect(entry).toMatchObject({ action: 'settings.update' });
    const detail = JSON.parse(entry!.detail as string);
    expect(detail.before.centerName).toBe(before.centerName);
    expect(detail.after).toMatchObject({ centerName: 'Trung tâm mới', ratingSeconds: 15 });

    const screens = await h.api('/api/screens/settings', { token: h.credentials.displayToken });
    expect(screens.body).toMatchObject({
      centerName: 'Trung tâm mới',
      notice: 'Thông báo mới',
      ratingSeconds: 15,
      announce: before.announce,
    });
    const kioskSettings = await h.api('/api/kiosk/settings', { token: h.credentials.kioskToken });
    expect(kioskSettings.body).toMatchObject({
      centerName: 'Trung tâm mới',
      intakeRetentionDays: 90,
      printerFaultMode: 'stop',
    });
  });

  it('the kiosk ticket and the receipt slip carry the new center name', async () => {
    await put({ ...(await current()), centerName: 'Trung tâm in phiếu', agencyId: AGENCY });
    const o = await login(h, 2);
    const serviceId = h.store.counters.byId(o.counterId)!.serviceIds[0]!;
    const issued = await issue(h, serviceId);
    const print = await h.api(`/api/tickets/${issued.id}/print`, {
      token: h.credentials.kioskToken,
      method: 'POST',
    });
    expect(print.status).toBe(200);
    expect(printed.tickets.at(-1)?.centerName).toBe('Trung tâm in phiếu');

    const call = await h.api(`/api/counters/${o.counterId}/call-next`, { token: o.token, method: 'POST' });
    expect(call.body.ticket.id).toBe(issued.id);
    const fin = await h.api(`/api/tickets/${issued.id}/finish`, {
      token: o.token,
      body: { outcome: 'received', dossier: { appointmentAt: '2026-12-09T14:00:00+07:00' } },
    });
    expect(fin.status, JSON.stringify(fin.body)).toBe(200);
    const slip = vi.spyOn(h.server.ctx.receiptPrinter, 'print');
    try {
      const r = await h.api(`/api/tickets/${issued.id}/receipt`, { token: o.token, body: {} });
      expect(r.status).toBe(200);
      expect(slip.mock.calls[0]?.[0]).toMatchObject({
        centerName: 'Trung tâm in phiếu',
        collectAt: expect.stringContaining('Trung tâm in phiếu'),
      });
    } finally {
      slip.mockRestore();
    }
  });

  it('the agency identifier switches dossier codes between generated and typed', async () => {
    const o = await login(h, 3);
    const serviceId = h.store.counters.byId(o.counterId)!.serviceIds[0]!;
    const finishOne = async (body: object) => {
      const t = await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId } });
      await h.api(`/api/counters/${o.counterId}/call-next`, { token: o.token, method: 'POST' });
      const r = await h.api(`/api/tickets/${t.body.id}/finish`, { token: o.token, body });
      if (r.status !== 200) {
        await h.api(`/api/tickets/${t.body.id}/finish`, { token: o.token, body: { outcome: 'guidance' } });
      }
      return r;
    };
    await put({ ...(await current()), agencyId: AGENCY });
    const queue = await h.api(`/api/counters/${o.counterId}/queue`, { token: o.token });
    expect(queue.body.dossierCodes).toBe('generated');
    const generated = await finishOne({ outcome: 'received' });
    expect(generated.status).toBe(200);
    expect(generated.body.dossierCode).toMatch(/^000\.00\.12\.H62-\d{6}-\d{4}$/);

    await put({ ...(await current()), agencyId: null });
    expect((await h.api(`/api/counters/${o.counterId}/queue`, { token: o.token })).body.dossierCodes).toBe(
      'typed',
    );
    const typed = await finishOne({ outcome: 'received' });
    expect(typed.status).toBe(400);
    expect(typed.body.error.code).toBe('LAYSO_DOSSIER_REQUIRED');
  });

  it('the priority mix follows maxPriorityInRow', async () => {
    const o = await login(h, 4);
    const serviceId = h.store.counters.byId(o.counterId)!.serviceIds[0]!;
    const priority = h.store.catalogue.priorityGroups()[0]!.code;
    /** Issues the tickets in order, then calls and finishes them all; returns P/N in call order. */
    const order = async (kinds: string): Promise<string> => {
      const byId = new Map<number, string>();
      for (const k of kinds) {
        byId.set((await issue(h, serviceId, k === 'P' ? { priority } : {})).id, k);
      }
      let calls = '';
      for (let i = 0; i < kinds.length; i++) {
        const call = await h.api(`/api/counters/${o.counterId}/call-next`, {
          token: o.token,
          method: 'POST',
        });
        expect(call.status).toBe(200);
        calls += byId.get(call.body.ticket.id) ?? '?';
        await h.api(`/api/tickets/${call.body.ticket.id}/finish`, {
          token: o.token,
          body: { outcome: 'guidance' },
        });
      }
      return calls;
    };
    // The environment's 2 would call PPNN; 1 alternates (and ends on a normal call: the streak is back to 0).
    await put({ ...(await current()), maxPriorityInRow: 1 });
    expect(await order('PPNN')).toBe('PNPN');
    await put({ ...(await current()), maxPriorityInRow: 3 });
    expect(await order('PPPPN')).toBe('PPPNP');
  });

  it('the returns service is a service of the center, or none (the receiving one)', async () => {
    const before = await current();
    expect(before.returnsServiceId).toBeNull();
    const missing = await put({ ...before, returnsServiceId: 999_999 });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('LAYSO_SERVICE_NOT_FOUND');
    expect(await current()).toEqual(before);
    const serviceId = h.store.catalogue.services()[0]!.id;
    const saved = await put({ ...before, returnsServiceId: serviceId });
    expect(saved.body.returnsServiceId).toBe(serviceId);
    // The kiosk hears it too: a citizen refused more lookups is offered a number there.
    const kiosk = await h.api('/api/kiosk/settings', { token: h.credentials.kioskToken });
    expect(kiosk.body.returnsServiceId).toBe(serviceId);
    // Left out of a save: back to none.
    const { returnsServiceId: _left, ...rest } = await current();
    expect((await put(rest)).body.returnsServiceId).toBeNull();
  });

  it('holidays and make-up working days are saved sorted, each once; a day that is not a date changes nothing', async () => {
    const before = await current();
    expect(before).toMatchObject({ holidays: [], workdays: [] });
    const saved = await put({
      ...before,
      holidays: ['2027-02-08', '2027-01-01', '2027-02-08', '2027-02-05'],
      workdays: ['2027-01-30'],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.holidays).toEqual(['2027-01-01', '2027-02-05', '2027-02-08']);
    expect(saved.body.workdays).toEqual(['2027-01-30']);
    expect(await current()).toEqual(saved.body);
    expect(h.server.ctx.settings.calendar().holidays.has('2027-02-05')).toBe(true);

    const kept = await current();
    for (const bad of [['2027-02-30'], ['08/02/2027'], ['2027-2-8'], [20270208]]) {
      const refused = await put({ ...kept, holidays: bad });
      expect(refused.status, JSON.stringify(bad)).toBe(400);
      expect(refused.body.error.code).toBe('LAYSO_VALIDATION');
    }
    const refused = await put({ ...kept, workdays: ['2027-13-01'] });
    expect(refused.status).toBe(400);
    expect(await current()).toEqual(kept);
    expect(h.server.ctx.settings.calendar().workdays).toEqual(new Set(['2027-01-30']));
    // Emptied again: the plain Monday-to-Friday week.
    const cleared = await put({ ...kept, holidays: [], workdays: [] });
    expect(cleared.body).toMatchObject({ holidays: [], workdays: [] });
  });
});
