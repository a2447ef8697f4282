import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketCalled } from '@layso/protocol';
import { startHarness, type Harness } from '../testing/harness.js';
import { login, next, socket } from '../testing/kit.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

function ticketCount(): number {
  return (h.store.db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
}

/** Calls and marks no-show whatever waits for this counter, until nobody does. */
async function drain(token: string, counterId: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const r = await h.api(`/api/counters/${counterId}/call-next`, { token, method: 'POST' });
    if (r.status === 204) return;
    expect(r.status).toBe(200);
    await h.api(`/api/tickets/${r.body.ticket.id}/no-show`, { token, method: 'POST' });
  }
  throw new Error('counter never drained');
}

/** A service served first at the given officer's counter. */
function firstServiceOf(counterId: number): number {
  return h.store.counters.byId(counterId)!.serviceIds[0]!;
}

describe('public reads', () => {
  it('answers health, services and the OpenAPI document', async () => {
    const health = await h.api('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    const services = await h.api('/api/services');
    expect(services.status).toBe(200);
    expect(services.body.length).toBeGreaterThanOrEqual(10);
    expect(services.body[0]).toMatchObject({
      id: expect.any(Number),
      code: expect.any(String),
      name: expect.any(String),
    });
    const docs = await h.api('/api/docs');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/tickets', '/api/counters/{id}/call-next']),
    );
  });

  it('finds procedures without diacritics', async () => {
    const r = await h.api('/api/procedures?q=ly%20lich%20tu%20phap&limit=5');
    expect(r.status).toBe(200);
    expect(r.body[0].name.toLowerCase()).toContain('lý lịch tư pháp');
  });
});

describe('issuing tickets', () => {
  it('a kiosk gets a numbered, durable ticket with people ahead and an estimate', async () => {
    const serviceId = firstServiceOf(h.credentials.officers[5]!.counterId);
    const a = await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId } });
    const b = await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId } });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body).toMatchObject({ status: 'waiting', serviceId, ahead: 0 });
    expect(b.body.ahead).toBe(1);
    expect(Number(b.body.number)).toBe(Number(a.body.number) + 1);
    expect(b.body.estimatedWaitMinutes).toBeGreaterThan(0);
    expect(b.body.trackingUrl).toContain(b.body.trackingCode);
    const track = await h.api(`/api/track/${b.body.trackingCode}`);
    expect(track.status).toBe(200);
    expect(track.body).toEqual(expect.objectContaining({ number: b.body.number, ahead: 1 }));
    const phone = await fetch(b.body.trackingUrl);
    expect(phone.status).toBe(200);
    const html = await phone.text();
    expect(html).toContain(b.body.number);
    expect(html).toContain('Đang chờ');
  });

  it('refuses strangers, the wrong device and bad bodies without changing anything', async () => {
    const before = ticketCount();
    const serviceId = h.store.catalogue.services()[0]!.id;
    expect((await h.api('/api/tickets', { body: { serviceId } })).status).toBe(401);
    const display = await h.api('/api/tickets', { token: h.credentials.displayToken, body: { serviceId } });
    expect(display.status).toBe(403);
    expect(display.body.error.code).toBe('LAYSO_FORBIDDEN');
    const bad = await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'LAYSO_VALIDATION', message: expect.stringContaining('/') });
    const missing = await h.api('/api/tickets', {
      token: h.credentials.kioskToken,
      body: { serviceId: 999999 },
    });
    expect(missing.status).toBe(404);
    const priority = await h.api('/api/tickets', {
      token: h.credentials.kioskToken,
      body: { serviceId, priority: 'vip' },
    });
    expect(priority.body.error.code).toBe('LAYSO_PRIORITY_UNKNOWN');
    const json = await h.api('/api/tickets', {
      token: h.credentials.kioskToken,
      raw: '{"serviceId":',
      headers: { 'content-type': 'application/json' },
    });
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe('LAYSO_BAD_JSON');
    expect(ticketCount()).toBe(before);
  });

  it('keeps personal intake off the ticket reply', async () => {
    const serviceId = h.store.catalogue.services()[1]!.id;
    const r = await h.api('/api/tickets', {
      token: h.credentials.kioskToken,
      body: { serviceId, intake: { consent: true, fullName: 'Nguyễn Văn A', phone: '0912345678' } },
    });
    expect(r.status).toBe(201);
    expect(JSON.stringify(r.body)).not.toContain('Nguyễn Văn A');
    expect(JSON.stringify(r.body)).not.toContain('0912345678');
  });
});

describe('calling at a counter', () => {
  it('call-next, recall, serve and finish, with ticket:called on a display socket', async () => {
    const officer = h.credentials.officers[2]!;
    const { token, counterId } = await login(h, 2);
    const serviceId = firstServiceOf(officer.counterId);
    const display = socket(h, '/display', { token: h.credentials.displayToken });
    const snapshot = await next<{ seq: number; services: unknown[] }>(display, 'snapshot');
    expect(snapshot.services.length).toBeGreaterThan(0);

    const issued = await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId } });
    const calledEvent = next<TicketCalled>(display, 'ticket:called');
    const call = await h.api(`/api/counters/${counterId}/call-next`, { token, method: 'POST' });
    expect(call.status).toBe(200);
    expect(call.body.ticket).toMatchObject({ id: issued.body.id, status: 'called', counterId });
    const e = await calledEvent;
    expect(e).toMatchObject({
      ticketId: issued.body.id,
      number: issued.body.number,
      counterId,
      serviceId,
      recall: 0,
    });
    expect(e.seq).toBeGreaterThan(snapshot.seq);
    expect(e.counterName).toBe(h.store.counters.byId(counterId)!.name);

    const recalled = next<TicketCalled>(display, 'ticket:called');
    const recall = await h.api(`/api/tickets/${issued.body.id}/recall`, { token, method: 'POST' });
    expect(recall.status).toBe(200);
    expect((await recalled).recall).toBe(1);

    const busy = await h.api(`/api/counters/${counterId}/call-next`, { token, method: 'POST' });
    expect(busy.body.error.code).toBe('LAYSO_COUNTER_BUSY');

    expect((await h.api(`/api/tickets/${issued.body.id}/start`, { token, method: 'POST' })).body.status).toBe(
      'serving',
    );
    const needsCode = await h.api(`/api/tickets/${issued.body.id}/finish`, {
      token,
      body: { outcome: 'received' },
    });
    expect(needsCode.body.error.code).toBe('LAYSO_DOSSIER_REQUIRED');
    const done = await h.api(`/api/tickets/${issued.body.id}/finish`, {
      token,
      body: { outcome: 'received', dossier: { code: '000.00.12.H61-261128-0001' } },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'done',
      outcome: 'received',
      dossierCode: '000.00.12.H61-261128-0001',
    });
    const admin = await login(h, 'admin');
    const outbox = await h.api('/api/admin/outbox?filter=pending', { token: admin.token });
    expect(outbox.status).toBe(200);
    expect(outbox.body.pending).toBeGreaterThanOrEqual(1);
    expect(outbox.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ticketId: issued.body.id,
          dossierCode: '000.00.12.H61-261128-0001',
          deliveredAt: null,
        }),
      ]),
    );

    await drain(token, counterId);
    expect((await h.api(`/api/counters/${counterId}/call-next`, { token, method: 'POST' })).status).toBe(204);
  });

  it('officers act only for the counter they are signed in at', async () => {
    const { token } = await login(h, 3);
    const other = h.credentials.officers[4]!.counterId;
    const r = await h.api(`/api/counters/${other}/call-next`, { token, method: 'POST' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('LAYSO_WRONG_COUNTER');
    const kiosk = await h.api(`/api/counters/${other}/call-next`, {
      token: h.credentials.kioskToken,
      method: 'POST',
    });
    expect(kiosk.status).toBe(403);
  });

  it('one officer per counter: a held seat is refused, and signing in elsewhere frees the old one', async () => {
    const a = await login(h, 8);
    const b = h.credentials.officers[9]!;
    const taken = await h.api('/api/auth/login', {
      body: { username: b.username, password: b.password, counterId: a.counterId },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('LAYSO_COUNTER_TAKEN');
    const elsewhere = h.credentials.officers[13]!.counterId;
    const moved = await h.api('/api/auth/login', {
      body: {
        username: h.credentials.officers[8]!.username,
        password: h.credentials.officers[8]!.password,
        counterId: elsewhere,
      },
    });
    expect(moved.status).toBe(200);
    expect(h.store.counters.byId(a.counterId)!.officerId).toBeNull();
    // The old session no longer acts anywhere.
    expect(
      (await h.api(`/api/counters/${a.counterId}/call-next`, { token: a.token, method: 'POST' })).status,
    ).toBe(401);
    const now = await h.api('/api/auth/login', {
      body: { username: b.username, password: b.password, counterId: a.counterId },
    });
    expect(now.status).toBe(200);
  });

  it('a transferred ticket keeps its place by its original issue time', async () => {
    const a = await login(h, 6);
    const from = firstServiceOf(a.counterId);
    const to = h.store.catalogue
      .services()
      .find((s) => s.id !== from && !h.store.counters.byId(a.counterId)!.serviceIds.includes(s.id))!.id;
    await drain(a.token, a.counterId);
    const first = await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId: from } });
    const later = await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId: to } });
    const called = await h.api(`/api/counters/${a.counterId}/call-next`, { token: a.token, method: 'POST' });
    expect(called.body.ticket.id).toBe(first.body.id);
    const moved = await h.api(`/api/tickets/${first.body.id}/transfer`, {
      token: a.token,
      body: { serviceId: to },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      serviceId: to,
      status: 'waiting',
      transferredFromId: first.body.id,
      ahead: 0,
    });
    expect(moved.body.queuedAt).toBe(first.body.issuedAt);
    const laterNow = await h.api(`/api/tickets/${later.body.id}`, { token: h.credentials.kioskToken });
    expect(laterNow.body.ahead).toBeGreaterThanOrEqual(1);
    expect(
      (await h.api(`/api/tickets/${first.body.id}`, { token: h.credentials.kioskToken })).body.status,
    ).toBe('transferred');
  });
});

describe('auth', () => {
  it('rate-limits failed logins', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await h.api('/api/auth/login', { body: { username: 'canbo09', password: 'wrong-password' } }))
          .status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
  });

  it('lets an admin register a device whose token then works, and revoke it', async () => {
    const admin = await login(h, 'admin');
    const reg = await h.api('/api/admin/devices', {
      token: admin.token,
      body: { kind: 'kiosk', name: 'Ki-ốt 2' },
    });
    expect(reg.status).toBe(201);
    const serviceId = h.store.catalogue.services()[2]!.id;
    expect((await h.api('/api/tickets', { token: reg.body.token, body: { serviceId } })).status).toBe(201);
    expect(JSON.stringify(h.store.devices.all())).not.toContain(reg.body.token);
    expect(
      (await h.api(`/api/admin/devices/${reg.body.device.id}`, { token: admin.token, method: 'DELETE' }))
        .status,
    ).toBe(200);
    expect((await h.api('/api/tickets', { token: reg.body.token, body: { serviceId } })).status).toBe(401);
    const officer = await login(h, 7);
    expect(
      (await h.api('/api/admin/devices', { token: officer.token, body: { kind: 'kiosk', name: 'x' } }))
        .status,
    ).toBe(403);
  });

  it('refuses sockets without a valid token and display tokens on the admin namespace', async () => {
    const bad = socket(h, '/display', { token: 'nope' });
    const err = await next<Error & { data?: { code: string } }>(bad, 'connect_error');
    expect(err.data?.code).toBe('LAYSO_UNAUTHENTICATED');
    const wrong = socket(h, '/admin', { token: h.credentials.displayToken });
    expect((await next<Error & { data?: { code: string } }>(wrong, 'connect_error')).data?.code).toBe(
      'LAYSO_FORBIDDEN',
    );
  });
});

describe('admin', () => {
  it('imports the national procedure list as it is (dry run: every row valid)', async () => {
    const admin = await login(h, 'admin');
    const { readFileSync } = await import('node:fs');
    const content = readFileSync(new URL('../demo/catalogue.csv', import.meta.url), 'utf8');
    const r = await h.api('/api/admin/catalogue/import', {
      token: admin.token,
      body: { format: 'csv', content, dryRun: true },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ rows: 2976, skipped: 0, errors: [], dryRun: true });
    // The demo center already holds the catalogue: saving it again would update every row, add none.
    expect(r.body).toMatchObject({ imported: 0, updated: 2976 });
    expect(r.body.rows - r.body.unmapped).toBeGreaterThan(1000);
  });

  it('edits the priority groups; a ticket then takes only a listed one', async () => {
    const admin = await login(h, 'admin');
    const before = (await h.api('/api/priority-groups')).body;
    const groups = [...before, { code: 'thuong-binh', name: 'Thương binh', nameEn: 'War invalid' }];
    const put = await h.api('/api/admin/priority-groups', {
      method: 'PUT',
      token: admin.token,
      body: groups,
    });
    expect(put.status).toBe(200);
    expect(put.body.map((g: { code: string }) => g.code)).toContain('thuong-binh');
    const serviceId = h.store.catalogue.services()[5]!.id;
    const t = await h.api('/api/tickets', {
      token: h.credentials.kioskToken,
      body: { serviceId, priority: 'thuong-binh' },
    });
    expect(t.body.priority).toBe('thuong-binh');
    const dup = await h.api('/api/admin/priority-groups', {
      method: 'PUT',
      token: admin.token,
      body: [groups[0], groups[0]],
    });
    expect(dup.status).toBe(400);
    expect((await h.api('/api/priority-groups')).body).toHaveLength(groups.length);
  });

  it('refuses a service whose numbers would collide with another on the floor', async () => {
    const admin = await login(h, 'admin');
    const taken = h.store.catalogue.services()[0]!.numberFormat;
    const body = (numberFormat: object, code = 'MOI') => ({
      code,
      name: 'Lĩnh vực mới',
      numberFormat,
      dailyCap: 50,
      hours: Object.fromEntries(
        ['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [{ open: '00:00', close: '24:00' }]]),
      ),
    });
    const same = await h.api('/api/admin/services', { token: admin.token, body: body(taken) });
    expect(same.body.error.code).toBe('LAYSO_CONFLICT');
    const nested = await h.api('/api/admin/services', {
      token: admin.token,
      body: body({ prefix: `${taken.prefix}0`, digits: taken.digits - 1 }),
    });
    expect(nested.body.error.code).toBe('LAYSO_CONFLICT');
    const fresh = await h.api('/api/admin/services', {
      token: admin.token,
      body: body({ prefix: 'Z', digits: 3 }),
    });
    expect(fresh.status).toBe(201);
    const issued = await h.api('/api/tickets', {
      token: h.credentials.kioskToken,
      body: { serviceId: fresh.body.id },
    });
    expect(issued.body.number).toBe('Z001');
    const renumber = await h.api(`/api/admin/services/${fresh.body.id}`, {
      method: 'PUT',
      token: admin.token,
      body: body({ prefix: 'Y', digits: 3 }),
    });
    expect(renumber.status).toBe(409);
  });

  it('adds and reconfigures counters; the floor hears about it', async () => {
    const admin = await login(h, 'admin');
    const [a, b] = h.store.catalogue.services();
    const created = await h.api('/api/admin/counters', {
      token: admin.token,
      body: { number: 26, name: 'Quầy 26', serviceIds: [a!.id, b!.id] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ number: 26, serviceIds: [a!.id, b!.id], status: 'closed' });
    const display = socket(h, '/display', { token: h.credentials.displayToken });
    await next(display, 'snapshot');
    const heard = next<{ counterId: number }>(display, 'counter:changed');
    const moved = await h.api(`/api/admin/counters/${created.body.id}`, {
      method: 'PUT',
      token: admin.token,
      body: { number: 26, name: 'Quầy 26 (ưu tiên)', serviceIds: [b!.id] },
    });
    expect(moved.body).toMatchObject({ name: 'Quầy 26 (ưu tiên)', serviceIds: [b!.id] });
    expect((await heard).counterId).toBe(created.body.id);
    const clash = await h.api('/api/admin/counters', {
      token: admin.token,
      body: { number: 1, name: 'Trùng số', serviceIds: [a!.id] },
    });
    expect(clash.body.error.code).toBe('LAYSO_CONFLICT');
    const dup = await h.api('/api/admin/counters', {
      token: admin.token,
      body: { number: 27, name: 'Lặp', serviceIds: [a!.id, a!.id] },
    });
    expect(dup.status).toBe(400);
  });

  it('imports a catalogue with a validation report; a dry run changes nothing', async () => {
    const admin = await login(h, 'admin');
    const csv = [
      'code,name,field,agency,level,processing_time,fee',
      '9.999001,"Cấp giấy thử nghiệm, có dấu phẩy",Hộ tịch,Sở Tư pháp,tỉnh,3 ngày,Không',
      'not-a-code,Tên thủ tục,Hộ tịch,Sở Tư pháp,tỉnh,,',
      '9.999002,,Hộ tịch,Sở Tư pháp,tỉnh,,',
    ].join('\n');
    const count = () => (h.store.db.prepare('SELECT count(*) AS n FROM procedures').get() as { n: number }).n;
    const before = count();
    const dry = await h.api('/api/admin/catalogue/import', {
      token: admin.token,
      body: { format: 'csv', content: csv, dryRun: true },
    });
    expect(dry.status).toBe(200);
    // What saving would do: one new procedure, two rows refused.
    expect(dry.body).toMatchObject({ rows: 3, imported: 1, updated: 0, skipped: 2, dryRun: true });
    expect(dry.body.errors.map((e: { row: number }) => e.row)).toEqual([2, 3]);
    expect(count()).toBe(before);
    const real = await h.api('/api/admin/catalogue/import', {
      token: admin.token,
      body: {
        format: 'json',
        content: JSON.stringify([
          { code: '9.999001', name: 'Cấp giấy thử nghiệm', field: 'Hộ tịch', agency: 'Sở Tư pháp' },
        ]),
      },
    });
    expect(real.body).toMatchObject({ rows: 1, imported: 1, unmapped: 0, byService: { TP: 1 } });
    const found = await h.api('/api/procedures?q=giay%20thu%20nghiem');
    expect(found.body[0]).toMatchObject({
      code: '9.999001',
      serviceId: h.store.catalogue.serviceByCode('TP')!.id,
    });
  });

  it('takes an online backup', async () => {
    const admin = await login(h, 'admin');
    const r = await h.api('/api/admin/backup', { token: admin.token, method: 'POST' });
    expect(r.status).toBe(200);
    expect(r.body.bytes).toBeGreaterThan(0);
  });
});

describe('malformed HTTP', () => {
  it('answers a request line Node refuses with our error shape', async () => {
    const { connect } = await import('node:net');
    const reply = await new Promise<string>((resolve) => {
      const s = connect(h.port, '127.0.0.1', () =>
        s.write(
          Buffer.concat([
            Buffer.from('GET /api/tickets/'),
            Buffer.from([0xe9, 0xff]),
            Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n'),
          ]),
        ),
      );
      let out = '';
      s.on('data', (d) => (out += d.toString()));
      s.on('close', () => resolve(out));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4)).error.code).toBe('LAYSO_VALIDATION');
  });
});
