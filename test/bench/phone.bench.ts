/**
 * The citizen's phone ticket (issue 19), in Chromium at 390×844 against a real queue server:
 * 1. call → phone page painted: the officer's call (REST, Quầy 4) to the frame after the page shows "called",
 *    over ROUNDS calls, while PHONES other phone sockets (`/ticket`, in another process: phone-sockets.ts) follow
 *    tickets of the same service — each call changes what every one of them shows (target p99 ≤ 300 ms). Times are
 *    read on one clock (Date.now() here, performance.timeOrigin + now() in the page, same machine).
 * 2. first paint on a throttled 3G profile (CDP: 562.5 ms RTT, 1.44 Mbit/s down, 675 kbit/s up — DevTools' "Fast
 *    3G" — and the CPU 4× slower), cache off, PAINT_RUNS loads: first contentful paint and the number on screen,
 *    and the bytes the page moved (target ≤ 1.5 s).
 * Prints a table and writes bench-results/phone.json. Needs `npm run build:web` first.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startHarness, type Harness } from '@layso/queue-server';
import { launchBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/child.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const PHONES = Number(process.env.BENCH_PHONES ?? 500);
const PAINT_RUNS = Number(process.env.BENCH_PAINT_RUNS ?? 5);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

async function main(): Promise<void> {
  const h: Harness = await startHarness({ env: { KIOSK_ISSUE_RATE: 'off' } });
  const chrome = await launchBrowser();
  const tmp = mkdtempSync(join(tmpdir(), 'layso-phone-bench-'));
  try {
    const officer = h.credentials.officers[3];
    if (!officer) throw new Error('no officer at Quầy 4');
    const token = (await h.api('/api/auth/login', { body: officer })).body.token as string;
    const serviceId = h.store.counters.byId(officer.counterId)?.serviceIds[0];
    const s = serviceId === undefined ? null : h.store.catalogue.service(serviceId);
    if (!s || serviceId === undefined) throw new Error('no service at Quầy 4');
    const admin = (await h.api('/api/auth/login', { body: h.credentials.admin })).body.token as string;
    const raised = await h.api(`/api/admin/services/${serviceId}`, {
      token: admin,
      method: 'PUT',
      body: {
        code: s.code,
        name: s.name,
        nameEn: s.nameEn,
        numberFormat: s.numberFormat,
        hours: s.hours,
        dailyCap: 999,
      },
    });
    if (raised.status !== 200) throw new Error(`cap not raised: ${JSON.stringify(raised.body)}`);
    const issue = async (priority?: string) => {
      const r = await h.api('/api/tickets', {
        token: h.credentials.kioskToken,
        body: priority ? { serviceId, priority } : { serviceId },
      });
      if (r.status !== 201) throw new Error(`issue failed: ${JSON.stringify(r.body)}`);
      return r.body as { number: string; trackingCode: string };
    };
    const callNext = async () => {
      const q = await h.api(`/api/counters/${officer.counterId}/queue`, { token });
      const current = q.body.current as { id: number; status: string } | null;
      if (current?.status === 'called')
        await h.api(`/api/tickets/${current.id}/no-show`, { token, body: {} });
      const r = await h.api(`/api/counters/${officer.counterId}/call-next`, { token, body: {} });
      return r.status === 200 ? (r.body.ticket as { number: string }) : null;
    };

    // The other phones: PHONES waiting tickets of the same service, followed from another process.
    const codes: string[] = [];
    for (let i = 0; i < PHONES; i++) codes.push((await issue()).trackingCode);
    const file = join(tmp, 'codes.txt');
    writeFileSync(file, codes.join('\n'));
    const fleet = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'test/bench/phone-sockets.ts'), h.url, file],
      {
        cwd: REPO_ROOT,
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    // The fleet's lines as they come (an async iterator would close the stream at its first early return).
    const seen: string[] = [];
    const waiters: (() => void)[] = [];
    let ended = false;
    const lines = createInterface({ input: fleet.stdout });
    lines.on('line', (line) => {
      seen.push(line);
      for (const w of waiters.splice(0)) w();
    });
    lines.on('close', () => {
      ended = true;
      for (const w of waiters.splice(0)) w();
    });
    const nextLine = async (prefix: string): Promise<string> => {
      for (;;) {
        const hit = seen.find((l) => l.startsWith(prefix));
        if (hit) return hit;
        if (ended) throw new Error(`the phone fleet ended before "${prefix}"`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    };
    if (PHONES > 0) await nextLine('ready');

    // 1. call → painted.
    const delays: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // A priority ticket goes before the PHONES normal ones (at most 2 priority calls in a row: then one of them).
      const mine = await issue('nguoi-cao-tuoi');
      const page = await chrome.page({ width: 390, height: 844 });
      await page.goto(`${h.url}/t/${mine.trackingCode}`);
      await page.getByTestId('phone-number').waitFor();
      await page.evaluate(() => {
        const w = window as { laysoPainted?: Promise<number> };
        w.laysoPainted = new Promise((resolve) => {
          new MutationObserver((_, obs) => {
            if (!document.querySelector('[data-status="called"]')) return;
            obs.disconnect();
            requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
          }).observe(document.body, { subtree: true, childList: true, attributes: true });
        });
      });
      for (let i = 0; i < 5; i++) {
        const t0 = Date.now();
        const called = await callNext();
        if (called?.number !== mine.number) continue;
        const painted = await page.evaluate(
          () => (window as { laysoPainted?: Promise<number> }).laysoPainted,
        );
        if (painted === undefined) throw new Error('no paint watcher');
        delays.push(painted - t0);
        break;
      }
      await page.context().close();
    }
    fleet.stdin.end();
    const messages = PHONES > 0 ? await nextLine('messages') : 'messages 0';
    await once(fleet, 'exit');

    // 2. first paint on throttled 3G.
    // FCP already shows the number: the server draws the ticket in the page; `live` is the app running over it.
    const paints: { fcp: number; live: number; bytes: number }[] = [];
    const waiting = await issue();
    for (let i = 0; i < PAINT_RUNS; i++) {
      const page = await chrome.page({ width: 390, height: 844 });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 562.5,
        downloadThroughput: (1.44 * 1024 * 1024) / 8,
        uploadThroughput: (675 * 1024) / 8,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      let bytes = 0;
      cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
        bytes += e.encodedDataLength;
      });
      await page.goto(`${h.url}/t/${waiting.trackingCode}`, { waitUntil: 'load' });
      await page.getByTestId('phone-number').waitFor();
      const t = await page.evaluate(() => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
        return new Promise<{ fcp: number; live: number }>((resolve) =>
          requestAnimationFrame(() => resolve({ fcp, live: performance.now() })),
        );
      });
      paints.push({ ...t, bytes });
      await page.context().close();
    }

    const result = {
      phones: PHONES,
      rounds: delays.length,
      callToPaintMs: {
        p50: pct(delays, 50),
        p90: pct(delays, 90),
        p99: pct(delays, 99),
        max: Math.max(...delays),
      },
      fleetMessages: Number(messages.split(' ')[1]),
      throttled3g: {
        runs: paints.length,
        firstContentfulPaintMs: {
          p50: pct(
            paints.map((p) => p.fcp),
            50,
          ),
          max: Math.max(...paints.map((p) => p.fcp)),
        },
        appLiveMs: {
          p50: pct(
            paints.map((p) => p.live),
            50,
          ),
          max: Math.max(...paints.map((p) => p.live)),
        },
        bytes: pct(
          paints.map((p) => p.bytes),
          50,
        ),
      },
    };
    console.table({
      'call → phone painted p50 (ms)': result.callToPaintMs.p50.toFixed(1),
      'call → phone painted p90 (ms)': result.callToPaintMs.p90.toFixed(1),
      'call → phone painted p99 (ms)': result.callToPaintMs.p99.toFixed(1),
      'other phone sockets': PHONES,
      '3G first paint, number on it, p50 (ms)': result.throttled3g.firstContentfulPaintMs.p50.toFixed(0),
      '3G app live over it p50 (ms)': result.throttled3g.appLiveMs.p50.toFixed(0),
      'page bytes (3G load)': result.throttled3g.bytes,
    });
    mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
    writeFileSync(join(REPO_ROOT, 'bench-results/phone.json'), JSON.stringify(result, null, 2));
  } finally {
    await chrome.close();
    await h.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
