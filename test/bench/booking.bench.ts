/**
 * Appointments (issue 21) against the queue server in its own process (the demo center, SMS on, pointed at the SMS
 * stand-in of `npm run notify-mock`, which runs here):
 *   (a) booking under BOOKING_CLIENTS (200) concurrent clients, each from its own address (127.0.x.y: no client
 *       shares another's per-address limits), each with its own phone and CCCD: the one-time code asked for, read
 *       from the text the stand-in received, typed back → a proof (the flow's time per client is reported, the
 *       outbox's delivery included); then every client books the same slot at once (capacity = clients): the
 *       create alone, p50 / p99, with the proofs prepared. Every booking must be made: no refusal, no oversell.
 *   (b) check-in at the kiosk: CHECKINS (50) of those bookings checked in one after another, tap → the booked
 *       ticket — in Chromium on the kiosk page when it offers check-in (typing the code), else the check-in call
 *       alone (`POST /api/kiosk/check-in`), p50 / p95; the JSON says which.
 * Needs `npm run build:web` first (the kiosk page). Prints a table and writes bench-results/booking.json. The demo's services are open round the clock, so the
 * bench books today's next slot at any hour (booking closes 0 minutes before it, check-in opens 4 hours early).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BookingSettings } from '@layso/protocol';
import {
  BookingDays,
  BookingOtpReply,
  BookingSlots,
  BookingVerifyReply,
  CheckInReply,
  DEFAULT_BOOKING_SETTINGS,
  PublicBooking,
} from '@layso/protocol';
import { startNotifyMock } from '@layso/queue-server';
import { REPO_ROOT, killAllServerProcesses, readCredentials, startServerProcess } from '../support/child.js';
import { checkInInChromium } from './booking-kiosk.js';

function num(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name}: 1 … ${max}, not ${raw}`);
  return n;
}
const CLIENTS = num('BOOKING_CLIENTS', 200, 500);
const CHECKINS = Math.min(CLIENTS, num('CHECKINS', 50, 500));
const SMS_KEY = 'bench-sms-key-0042';
/** Waiting for one text to reach the stand-in: a bound, not a sleep. */
const CODE_TIMEOUT_MS = 60_000;

const pct = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const round = (x: number) => Math.round(x * 10) / 10;

interface Reply {
  status: number;
  body: unknown;
  ms: number;
}

/** One JSON call through `agent` (which fixes the source address), timed from the request to the body's end. */
function call(
  base: string,
  agent: Agent,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<Reply> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string | number> = {};
  if (text !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = Buffer.byteLength(text);
  }
  if (token) headers.authorization = `Bearer ${token}`;
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          body: raw ? (JSON.parse(raw) as unknown) : null,
          ms: performance.now() - t,
        });
      });
    });
    req.on('error', (e) => reject(new Error(`${method} ${path}: ${e.message}`)));
    req.end(text);
  });
}

const expectStatus = (r: Reply, status: number, what: string): unknown => {
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

/** Client i's address, phone and CCCD number: all distinct. */
const client = (i: number) => ({
  from: `127.0.${3 + Math.floor(i / 250)}.${1 + (i % 250)}`,
  phone: `09${String(20_000_000 + i).padStart(8, '0')}`,
  cccd: `0792${String(10_000_000 + i).padStart(8, '0')}`,
});

async function main(): Promise<void> {
  const mock = await startNotifyMock({ port: 0, sms: { apiKey: SMS_KEY } });
  const dataDir = mkdtempSync(join(tmpdir(), 'layso-bench-booking-'));
  // The demo's own notice stand-in on any free port: the bench points SMS at its stand-in here.
  const server = await startServerProcess(dataDir, { ALLOW_HTTP_UPSTREAM: 'true', NOTIFY_MOCK_PORT: '0' });
  const local = new Agent({ keepAlive: true, maxSockets: 4 });
  const agents: Agent[] = [];
  try {
    const creds = readCredentials(dataDir);
    const login = await call(server.url, local, 'POST', '/api/auth/login', creds.admin);
    const admin = (expectStatus(login, 200, 'admin sign-in') as { token: string }).token;

    // The admin turns SMS on (the stand-in) and opens Tư pháp for booking: half-hour slots, CLIENTS places each.
    const notices = await call(server.url, local, 'GET', '/api/admin/notices/settings', undefined, admin);
    const sms = (
      expectStatus(notices, 200, 'notice settings') as { channels: { sms: Record<string, unknown> } }
    ).channels.sms;
    const saved = await call(
      server.url,
      local,
      'PUT',
      '/api/admin/notices/settings',
      {
        channels: {
          sms: { ...sms, enabled: true, url: mock.urls.sms, credential: SMS_KEY, sender: 'LAYSO' },
        },
      },
      admin,
    );
    expectStatus(saved, 200, 'SMS on');
    const services = expectStatus(await call(server.url, local, 'GET', '/api/services'), 200, 'services') as {
      id: number;
      code: string;
    }[];
    const tp = services.find((s) => s.code === 'TP');
    if (!tp) throw new Error('no TP service in the demo');
    const everyDay = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, CLIENTS]));
    const settings: BookingSettings = {
      ...DEFAULT_BOOKING_SETTINGS,
      bookableFrom: '00:00',
      bookableUntil: '23:59',
      closeBeforeMinutes: 0,
      checkInEarlyMinutes: 240,
      checkInLateMinutes: 60,
      otpMaxTries: 10,
      services: [
        { serviceId: tp.id, enabled: true, slotMinutes: 30, walkInSharePercent: 0, capacity: everyDay },
      ],
    };
    expectStatus(
      await call(server.url, local, 'PUT', '/api/admin/booking/settings', settings, admin),
      200,
      'booking settings',
    );
    const days = BookingDays.parse(
      expectStatus(
        await call(server.url, local, 'GET', `/api/public/booking/days?serviceId=${tp.id}`),
        200,
        'days',
      ),
    );
    const day = days.days.find((d) => d.open && d.free >= CLIENTS)?.day;
    if (!day) throw new Error(`no day with ${CLIENTS} free places: ${JSON.stringify(days)}`);
    const slots = BookingSlots.parse(
      expectStatus(
        await call(server.url, local, 'GET', `/api/public/booking/slots?serviceId=${tp.id}&day=${day}`),
        200,
        'slots',
      ),
    );
    const slot = slots.slots.find((s) => s.open && s.free >= CLIENTS);
    if (!slot) throw new Error(`no slot with ${CLIENTS} free places on ${day}`);

    // (a) Every client at once: the code, read from the stand-in, typed back → a proof.
    const people = Array.from({ length: CLIENTS }, (_, i) => client(i));
    // A connection per request, as phones make them (and no idle socket closed under a request by the server).
    for (const p of people) agents.push(new Agent({ keepAlive: false, localAddress: p.from }));
    const flowStart = performance.now();
    const proofs = await Promise.all(
      people.map(async (p, i) => {
        const agent = agents[i]!;
        const t = performance.now();
        const asked = await call(server.url, agent, 'POST', '/api/public/booking/otp', {
          phone: p.phone,
          cccd: p.cccd,
        });
        const otp = BookingOtpReply.parse(expectStatus(asked, 202, 'otp'));
        const digits = p.phone.slice(-9);
        const codeOf = () =>
          mock.sms
            .received()
            .find((m) => m.to.endsWith(digits))
            ?.text.match(/\b(\d{6})\b/)?.[1];
        await mock.until(() => codeOf() !== undefined, CODE_TIMEOUT_MS);
        const typed = await call(server.url, agent, 'POST', '/api/public/booking/verify', {
          challengeId: otp.challengeId,
          code: codeOf(),
        });
        const verified = BookingVerifyReply.parse(expectStatus(typed, 200, 'verify'));
        return { proof: verified.proof, flowMs: performance.now() - t, otpMs: asked.ms, verifyMs: typed.ms };
      }),
    );
    const flowSeconds = (performance.now() - flowStart) / 1000;

    // Then every client books the same slot at once.
    const createStart = performance.now();
    const creates = await Promise.all(
      proofs.map((p, i) =>
        call(server.url, agents[i]!, 'POST', '/api/public/bookings', {
          proof: p.proof,
          serviceId: tp.id,
          day,
          start: slot.start,
        }),
      ),
    );
    const createSeconds = (performance.now() - createStart) / 1000;
    const refused = creates.filter((c) => c.status !== 201);
    if (refused.length > 0)
      throw new Error(
        `${refused.length} bookings refused, e.g. ${refused[0]?.status} ${JSON.stringify(refused[0]?.body)}`,
      );
    const bookings = creates.map((c) => PublicBooking.parse(c.body));
    const after = BookingSlots.parse(
      expectStatus(
        await call(server.url, local, 'GET', `/api/public/booking/slots?serviceId=${tp.id}&day=${day}`),
        200,
        'slots after',
      ),
    );
    const left = after.slots.find((s) => s.start === slot.start)?.free;
    if (left !== slot.free - CLIENTS) throw new Error(`places left ${left}, expected ${slot.free - CLIENTS}`);

    const createMs = creates.map((c) => c.ms);
    const flowMs = proofs.map((p) => p.flowMs);
    const otpMs = proofs.map((p) => p.otpMs);
    const verifyMs = proofs.map((p) => p.verifyMs);
    console.log(
      [
        `booking (${CLIENTS} concurrent clients, one slot of ${slot.capacity} places)`,
        `  create alone            p50 ${round(pct(createMs, 50))} ms  p99 ${round(pct(createMs, 99))} ms  max ${round(Math.max(...createMs))} ms  (${bookings.length} made in ${round(createSeconds)} s)`,
        `  code → proof (via SMS)  p50 ${round(pct(flowMs, 50))} ms  p99 ${round(pct(flowMs, 99))} ms`,
        `    the otp call alone     p50 ${round(pct(otpMs, 50))} ms  p99 ${round(pct(otpMs, 99))} ms; verify p50 ${round(pct(verifyMs, 50))} ms  p99 ${round(pct(verifyMs, 99))} ms`,
      ].join('\n'),
    );

    // (b) Check-in, one booking after another.
    const codes = bookings.slice(0, CHECKINS).map((b) => b.code);
    const kiosk = await checkInInChromium(server.url, creds.kioskToken, codes);
    let checkIns: number[];
    let checkInMode: 'chromium' | 'http';
    if (kiosk) {
      checkIns = kiosk;
      checkInMode = 'chromium';
    } else {
      checkInMode = 'http';
      checkIns = [];
      for (const code of codes) {
        const r = await call(server.url, local, 'POST', '/api/kiosk/check-in', { code }, creds.kioskToken);
        const reply = CheckInReply.parse(expectStatus(r, 201, 'check-in'));
        if (reply.outcome !== 'issued') throw new Error(`check-in: ${reply.outcome}`);
        checkIns.push(r.ms);
      }
    }

    const result = {
      at: new Date().toISOString(),
      clients: CLIENTS,
      slot: { day, start: slot.start, capacity: slot.capacity },
      create: {
        measured: 'POST /api/public/bookings alone, every client at once on one slot, proofs prepared',
        p50Ms: round(pct(createMs, 50)),
        p99Ms: round(pct(createMs, 99)),
        maxMs: round(Math.max(...createMs)),
        seconds: round(createSeconds),
        made: bookings.length,
      },
      codeToProof: {
        measured: 'otp → the text at the SMS stand-in → verify, every client at once',
        p50Ms: round(pct(flowMs, 50)),
        p99Ms: round(pct(flowMs, 99)),
        seconds: round(flowSeconds),
        otpCall: { p50Ms: round(pct(otpMs, 50)), p99Ms: round(pct(otpMs, 99)) },
        verifyCall: { p50Ms: round(pct(verifyMs, 50)), p99Ms: round(pct(verifyMs, 99)) },
      },
      checkIn: {
        mode: checkInMode,
        measured:
          checkInMode === 'chromium'
            ? 'kiosk page in Chromium: the tap on the check-in button to the booked ticket on screen'
            : 'POST /api/kiosk/check-in alone (the kiosk page offers no check-in yet)',
        checkIns: checkIns.length,
        p50Ms: round(pct(checkIns, 50)),
        p95Ms: round(pct(checkIns, 95)),
        maxMs: round(Math.max(...checkIns)),
      },
    };
    console.log(
      `check-in (${checkInMode}, ${checkIns.length})  p50 ${result.checkIn.p50Ms} ms  p95 ${result.checkIn.p95Ms} ms  max ${result.checkIn.maxMs} ms`,
    );
    const out = join(REPO_ROOT, 'bench-results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'booking.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`wrote ${join(out, 'booking.json')}`);
  } finally {
    for (const a of agents) a.destroy();
    local.destroy();
    await killAllServerProcesses();
    await mock.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
