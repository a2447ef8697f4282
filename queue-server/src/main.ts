/**
 * Entry point of `npm start`: loads the config, opens the database, seeds the demo center on an empty
 * DATA_DIR (never in production), starts the demo's virtual printer, and serves everything.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeConfig, loadConfig } from './config.js';
import { networkWarnings } from './network.js';
import { openDatabase } from './db/open.js';
import { openForServing } from './db/startup.js';
import { Store } from './db/store.js';
import { seedDemo, writeDemoCredentials, type DemoCredentials } from './demo/seed.js';
import { createServer, systemClock } from './server.js';
import { startDemoPrinter } from './printing/demo-printer.js';
import { startNotifyMock, type NotifyMock } from './notify/mock.js';
import { readNoticeConfig, saveNoticeConfig } from './notify/settings.js';

async function main(): Promise<void> {
  const config = loadConfig();
  mkdirSync(config.DATA_DIR, { recursive: true, mode: 0o700 });
  // A corrupt, read-only or full database stops here with a message naming the file and the newest backup.
  const db = openForServing(config.dbFile, config.DATA_DIR, () => openDatabase(config.dbFile));
  const store = new Store(db);
  console.log('LấySố queue server — cấu hình / configuration:', describeConfig(config));

  const production = config.NODE_ENV === 'production';
  if (production && !config.PUBLIC_URL) {
    console.warn(
      'Chưa đặt PUBLIC_URL: mã QR trên phiếu sẽ trỏ tới 127.0.0.1, điện thoại không mở được / ' +
        'PUBLIC_URL is not set: ticket QR codes point at 127.0.0.1, which phones cannot open',
    );
  }
  // An empty database (no accounts) on a non-production start becomes the demo center.
  const seeded = store.accounts.users().length === 0 && !production && !config.NO_DEMO;
  // The demo's notice stand-in runs before seeding, so the credentials name its real port (NOTIFY_MOCK_PORT=0).
  const demoMode = !production && (seeded || store.settings.get('demo') === 'true');
  const standIn = demoMode ? await startDemoStandIn(config.NOTIFY_MOCK_PORT) : null;
  if (standIn) pointSmsAt(store, `${standIn.url}/sms`);
  if (seeded) {
    await seedDemo(store, systemClock, config.publicUrl, (c) =>
      writeDemoCredentials(config.DATA_DIR, { ...c, ...(standIn ? { noticeStandInUrl: standIn.url } : {}) }),
    );
    console.log(
      `Đã tạo trung tâm mẫu / demo center seeded; credentials: ${join(config.DATA_DIR, 'demo-credentials.json')}`,
    );
  }
  const demo = !production && store.settings.get('demo') === 'true';
  const printer = demo ? await startDemoPrinter(config.PRINTER_PORT, join(config.DATA_DIR, 'printed')) : null;

  const printerUrl = config.PRINTER_URL ?? (printer ? `tcp://127.0.0.1:${printer.port}` : null);
  // Receipt slips print at the counter's printer; the demo's go to the virtual printer too.
  const receiptPrinterUrl =
    config.RECEIPT_PRINTER_URL ?? (printer ? `tcp://127.0.0.1:${printer.port}` : null);
  // The demo's SMS go to the stand-in on the loopback: plain http allowed for it, as for any lab.
  const serving = standIn && !config.ALLOW_HTTP_UPSTREAM ? { ...config, ALLOW_HTTP_UPSTREAM: true } : config;
  const server = await createServer({ db, config: serving, logger: true, printerUrl, receiptPrinterUrl });
  const port = await server.listen();
  // With the demo's stand-in, plain http to this machine is on: said at start like any ALLOW_HTTP_UPSTREAM.
  for (const warning of networkWarnings(serving)) console.warn(warning);
  // A renewed certificate is read again without a restart (`systemctl reload layso` sends SIGHUP).
  process.on('SIGHUP', () => {
    try {
      server.reloadTls();
      console.log('Đã đọc lại chứng chỉ TLS / TLS certificate reloaded');
    } catch (e) {
      console.error(
        'Không đọc được chứng chỉ TLS mới, giữ chứng chỉ cũ / could not read the new TLS certificate, keeping the old one',
        e,
      );
    }
  });
  // Ready for a stop before the banner says it runs: whoever reads the banner may stop it at once.
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: đang dừng / shutting down`);
    // Whatever hangs, the process ends within 10 s; the database is closed on every path.
    setTimeout(() => process.exit(1), 10_000).unref();
    let code = 0;
    try {
      // Stops every background job (backup, retention, report aggregation, provincial sync, printer poll) first.
      await server.close();
      await printer?.close();
      await standIn?.close();
    } catch (e) {
      console.error('Lỗi khi dừng / error while shutting down:', e instanceof Error ? e.message : e);
      code = 1;
    } finally {
      db.close();
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const base = config.PUBLIC_URL ?? `${config.TLS_CERT ? 'https' : 'http'}://127.0.0.1:${port}`;
  // The demo's devices open ready to use: their token rides in the URL's fragment (from the credentials file).
  // Printed once, at the start that seeded them; afterwards the console (and whatever keeps its log) only
  // points at the file, which stays in DATA_DIR.
  const tokens = demo && seeded ? demoTokens(config.DATA_DIR) : null;
  const device = (path: string, token: string | undefined) =>
    `${base}${path}${token ? `#token=${token}` : ''}`;
  console.log(
    [
      `LấySố đang chạy / running: ${base}`,
      `  API:       ${base}/api/health · ${base}/api/services · ${base}/api/docs`,
      `  Ki-ốt:     ${device('/kiosk', tokens?.kioskToken)}`,
      `  Màn hình:  ${device('/display', tokens?.displayToken)}`,
      `  Quầy:      ${base}/counter${tokens?.officers?.[0] ? ` (${tokens.officers[0].username} / mật khẩu trong tệp demo-credentials.json)` : ''}`,
      ...(tokens?.counterTopUrls ?? []).slice(0, 1).map((c) => {
        const token = new URL(c.url).hash.replace(/^#token=/, '');
        const more = (tokens?.counterTopUrls?.length ?? 1) - 1;
        return `  Mặt quầy:  ${device(`/counter-top/${c.counterId}`, token)}${more > 0 ? ` (+${more} quầy khác: demo-credentials.json)` : ''}`;
      }),
      `  Quản trị:  ${base}/admin`,
      `  Đặt lịch:  ${base}/dat-lich (điện thoại / phone) · áp phích / poster: ${base}/dat-lich/poster`,
      `  Góp ý, phản ánh: ${base}/pa (điện thoại / phone) · áp phích / poster: ${base}/pa/poster${tokens?.feedbackDesk ? ` · sổ phản ánh / register: ${tokens.feedbackDesk.username} (mật khẩu trong tệp demo-credentials.json)` : ''}`,
      demo && !seeded
        ? `  Mã thiết bị mẫu / demo device tokens: ${join(config.DATA_DIR, 'demo-credentials.json')}`
        : '',
      printer
        ? `  Máy in ảo / virtual printer: tcp://127.0.0.1:${printer.port} → ${join(config.DATA_DIR, 'printed')}`
        : '',
      standIn
        ? `  Tin nhắn mẫu (mã đặt lịch, trả lời phản ánh) / demo SMS (booking codes, feedback answers): ${standIn.url}/_control/sms/messages`
        : '',
      // The only place the setup code ever appears: not in the log, not on disk.
      ...(server.setupCode ? setupLines(base, server.setupCode) : []),
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

/**
 * The demo's SMS go to its stand-in (a newcomer's booking code arrives there): switched on the first time, and kept
 * pointed at the stand-in's address of this start after that — unless the admin has pointed SMS at a real provider
 * (an https URL). An admin who turned SMS off keeps it off.
 */
function pointSmsAt(store: Store, url: string): void {
  const notices = readNoticeConfig(store);
  const sms = notices.channels.sms;
  if (sms.url !== null && !sms.url.startsWith('http://127.0.0.1:')) return;
  const enabled = sms.url === null ? true : sms.enabled;
  saveNoticeConfig(store, {
    ...notices,
    channels: {
      ...notices.channels,
      sms: { ...sms, enabled, url, credential: 'demo', sender: 'LAYSO' },
    },
  });
}

/** The demo's notice stand-in (SMS, ZNS, push), or null with a warning when its port is taken. */
async function startDemoStandIn(port: number): Promise<NotifyMock | null> {
  try {
    return await startNotifyMock({ host: '127.0.0.1', port });
  } catch (e) {
    console.warn(
      `Không mở được trạm tin nhắn mẫu ở cổng ${port} (NOTIFY_MOCK_PORT) / demo notice stand-in not started:`,
      e instanceof Error ? e.message : e,
    );
    return null;
  }
}

/** What the console says when no admin exists yet: Vietnamese first, English second. */
function setupLines(base: string, code: string): string[] {
  return [
    `Chưa có tài khoản quản trị. Mã thiết lập (dùng một lần, đổi mỗi lần khởi động): ${code}`,
    `  Tạo quản trị viên đầu tiên: mở ${base}/admin và nhập mã này`,
    '  hoặc trên máy chủ: npm run create-admin -- --username <tên-đăng-nhập>',
    `No admin account yet. Setup code (one use, new at every start): ${code}`,
    `  Create the first admin: open ${base}/admin and enter this code`,
    '  or on the server: npm run create-admin -- --username <username>',
  ];
}

/** The demo's device tokens from DATA_DIR/demo-credentials.json, when it is there and readable. */
function demoTokens(dataDir: string): Partial<DemoCredentials> | null {
  try {
    return JSON.parse(
      readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8'),
    ) as Partial<DemoCredentials>;
  } catch {
    return null;
  }
}

main().catch((e: unknown) => {
  // Non-zero, so systemd's StartLimitBurst stops retrying what a restart cannot fix (DatabaseStartError's message
  // already names the file and the newest backup).
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
