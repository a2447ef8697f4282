import { join } from 'node:path';
import fastifySwagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Database } from 'better-sqlite3';
import { VERSION } from './build-info.js';
import { HTTP_TIMEOUTS, serverWithTls, trustedProxies, type HttpTimeouts } from './network.js';
import { EventCounters, type Outgoing } from './app/events.js';
import { CatalogueService } from './app/catalogue.js';
import { DeviceRate } from './app/device-rate.js';
import { PhoneActionLimit } from './app/phone-limit.js';
import { bookingsFromConfig } from './app/bookings-setup.js';
import { feedbackFromConfig } from './app/feedback-setup.js';
import { DossierService } from './app/dossiers.js';
import { FloorView } from './app/floor.js';
import { DossierDeadlines } from './app/dossier-deadlines.js';
import { StorageHealth, freeBytesOf } from './app/health.js';
import { QueueService } from './app/queue.js';
import { CenterSettingsStore, livePolicy, settingsFromConfig } from './app/settings.js';
import { AuthService } from './auth/service.js';
import { FirstRunSetup } from './auth/setup.js';
import type { Config } from './config.js';
import { AuditLog } from './db/audit.js';
import { toIso } from './domain/time.js';
import { Backups } from './db/backup.js';
import { secureDataDir } from './db/files.js';
import { OutboxRepo } from './db/outbox.js';
import { Store } from './db/store.js';
import { DEFAULT_POLICY, type CallPolicy, type Clock } from './domain/types.js';
import type { Context } from './context.js';
import { clientError, frameworkErrors, installErrorHandling } from './http/errors.js';
import { LOG_SERIALIZERS } from './http/log-redact.js';
import { apiRoutes } from './http/routes.js';
import { webRoutes } from './http/routes-web.js';
import { ReceiptPrinter } from './printing/receipt-printer.js';
import { TicketPrinter } from './printing/ticket-printer.js';
import { RealtimeGateway } from './realtime/gateway.js';
import { DevicePresence } from './realtime/presence.js';
import type { ProvincialStatusAdapter } from './sync/status.js';
import type { Jobs } from './jobs.js';
import { backgroundJobs } from './server-jobs.js';
import { provincialSyncFromConfig } from './sync/provincial.js';
import { statusAdapterFromConfig } from './sync/status-http.js';
import { smsAdapter } from './notify/sms.js';
import { znsAdapter } from './notify/zns.js';
import { Notices, type NoticesOptions } from './notify/service.js';
import { CataloguePull } from './hub/catalogue-pull.js';
import { hubLinkFromConfig } from './hub/link.js';

export { VERSION };

/** How long `close()` lets requests under way finish before it drops their connections. */
const CLOSE_GRACE_MS = 2000;

export const systemClock: Clock = { now: () => new Date() };

/**
 * How long a client may take before its connection is closed: without these a client that sends headers and
 * half a body (or nothing at all) holds a socket forever, and a few hundred of them exhaust the server.
 */
export { HTTP_TIMEOUTS, type HttpTimeouts };

export interface ServerOptions {
  db: Database;
  config: Config;
  clock?: Clock;
  /** Where kiosks' tickets print (overrides PRINTER_URL; main passes the demo's virtual printer). */
  printerUrl?: string | null;
  /** Where counters print receipt slips (overrides RECEIPT_PRINTER_URL; main passes the demo's virtual printer). */
  receiptPrinterUrl?: string | null;
  /** Quiet by default in tests. */
  logger?: boolean;
  /** Where the log lines go instead of stdout (a test reading what the server logs); turns the logger on. */
  logStream?: { write(line: string): void };
  /**
   * The maintenance jobs: daily backup, intake retention, report aggregation (default on). Tests that count
   * backups or aggregated days, or keep old intake on purpose, turn them off.
   */
  maintenance?: boolean;
  /** Tests shorten them to see a stalled request closed quickly. */
  httpTimeouts?: HttpTimeouts;
  /** Where dossier statuses come from (tests put in a fake province); default: HTTP to PROVINCIAL_URL, or NO_PROVINCE. */
  provincialStatus?: ProvincialStatusAdapter;
  /** The ZNS and SMS adapters (issue 19); tests put in their own, or tune the dispatcher. */
  notices?: Pick<NoticesOptions, 'providers' | 'fetchImpl' | 'dispatch'>;
}

export interface LaysoServer {
  app: FastifyInstance;
  ctx: Context;
  gateway: RealtimeGateway;
  /** Every background job: started by `listen()`, stopped by `close()`. */
  jobs: Jobs;
  /**
   * The one-time code that creates the first admin (`POST /api/setup`), made when the server starts without any
   * admin; null otherwise. `main.ts` prints it on the console, nothing else shows or stores it.
   */
  setupCode: string | null;
  /** Binds and resolves with the port actually used (PORT=0 picks a free one). */
  listen(): Promise<number>;
  close(): Promise<void>;
  /** Reads TLS_CERT / TLS_KEY again (SIGHUP in `main.ts`); nothing without TLS. */
  reloadTls(): void;
}

export function policyFrom(config: Config): CallPolicy {
  return {
    ...DEFAULT_POLICY,
    maxPriorityInRow: config.MAX_PRIORITY_IN_ROW,
    recallLimit: config.RECALL_LIMIT,
    defaultServiceMinutes: config.DEFAULT_SERVICE_MINUTES,
  };
}

/** The app factory: everything wired, nothing listening yet. `main.ts` only loads config and calls this. */
export async function createServer(options: ServerOptions): Promise<LaysoServer> {
  const { db, config } = options;
  const clock = options.clock ?? systemClock;
  const store = new Store(db);
  const network = serverWithTls(config, options.httpTimeouts ?? HTTP_TIMEOUTS);
  const app = Fastify({
    serverFactory: network.factory,
    logger:
      options.logger || options.logStream
        ? {
            level: config.LOG_LEVEL,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            // Tracking codes out of request URLs (http/log-redact.ts).
            serializers: LOG_SERIALIZERS,
            ...(options.logStream ? { stream: options.logStream } : {}),
          }
        : false,
    bodyLimit: 256 * 1024,
    frameworkErrors,
    clientErrorHandler: clientError,
    // The client behind a trusted proxy (TRUST_PROXY); nobody's X-Forwarded-For otherwise.
    trustProxy: trustedProxies(config),
    // Errors are logged by the error handler; one line per request would only cost time.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  const backupDir = join(config.DATA_DIR, 'backups');
  // Citizens' data lives here: owner-only whatever the umask; wider modes left by an earlier run are narrowed.
  for (const n of secureDataDir(config.DATA_DIR))
    app.log.warn(
      { path: n.path, was: n.was },
      'Đã thu hẹp quyền tệp còn mở cho người khác / narrowed permissions that let others read',
    );
  const realtime: { gateway?: RealtimeGateway } = {};
  const outbox = new OutboxRepo(db);
  const sync = provincialSyncFromConfig(config, {
    repo: outbox,
    clock,
    ...(options.logger ? { logger: app.log } : {}),
  });
  const counters = new EventCounters();
  // Joined to a province hub (HUB_URL, HUB_SITE_KEY): commands record facts from here on, a job sends them.
  const hub = hubLinkFromConfig(config, { store, clock, ...(options.logger ? { logger: app.log } : {}) });
  // Devices' presence asks for the kiosk printer's state at use time (the printer is made with the context).
  const presence = new DevicePresence(store, clock, () => ctx.printer.status());
  // The admin's settings over the environment's: every reader below asks for the value at use time.
  const settings = new CenterSettingsStore(store, settingsFromConfig(config));
  const kioskRate = new DeviceRate(clock, () => config.KIOSK_ISSUE_RATE);
  kioskRate.onChange((deviceId) =>
    app.log.warn({ deviceId }, 'kiosk refused: issuing beyond KIOSK_ISSUE_RATE'),
  );
  const storage = new StorageHealth({
    probe: () => store.health.write(clock.now().getTime()),
    freeBytes: () => freeBytesOf(config.DATA_DIR),
    minFreeBytes: config.DISK_MIN_FREE_MB * 1024 * 1024,
    now: () => clock.now().getTime(),
  });
  const deadlines = new DossierDeadlines(
    store,
    clock,
    () => settings.get().uncollectedAlertDays,
    (d) => ctx.dossiers.recordOf(d),
    () => settings.calendar(),
  );
  const notices = new Notices({
    store,
    clock,
    config,
    centerName: () => settings.get().centerName,
    providers: { zns: znsAdapter, sms: smsAdapter },
    ...options.notices,
    ...(options.logger ? { logger: app.log } : {}),
  });
  const { bookingIdentity, bookings } = bookingsFromConfig({
    store,
    clock,
    config,
    notices,
    settings,
    publicUrl: () => ctx.queue.publicBase(),
  });
  const { feedback, feedbackFiles } = feedbackFromConfig({
    store,
    clock,
    config,
    notices,
    settings,
    publicUrl: () => ctx.queue.publicBase(),
    warn: (message) => app.log.warn(message),
  });
  const ctx: Context = {
    version: VERSION,
    clock,
    store,
    queue: new QueueService(store, clock, livePolicy(policyFrom(config), settings), config.publicUrl, {
      agencyId: () => settings.get().agencyId,
      notices: notices.planner,
    }),
    auth: new AuthService(store, clock, {
      sessionTtlHours: config.SESSION_TTL_HOURS,
      maxFailures: config.LOGIN_MAX_FAILURES,
      maxUsernames: config.LOGIN_MAX_USERNAMES,
      windowMinutes: config.LOGIN_WINDOW_MINUTES,
      hashQueue: config.LOGIN_HASH_QUEUE,
      surgePerMinute: config.LOGIN_SURGE_PER_MINUTE,
    }),
    publisher: {
      publish: (events: Outgoing[]) => {
        realtime.gateway?.publish(events);
        counters.observe(events);
        hub.observe(events);
        // A finished ticket may have written a dossier record: the provincial worker looks at once.
        if (events.some((e) => e.type === 'ticket:updated' && e.data.status === 'done')) sync.wake();
        // A call or a moving queue may have planned notices: the notice workers look at once.
        if (events.some((e) => e.type === 'ticket:called' || e.type === 'queue:changed'))
          notices.dispatcher.wake();
      },
      sweep: (only) => realtime.gateway?.sweep(only),
      settingsChanged: (e) => realtime.gateway?.settingsChanged(e),
    },
    catalogue: new CatalogueService(store),
    printer: new TicketPrinter({
      url: options.printerUrl ?? config.PRINTER_URL ?? null,
      centerName: () => settings.get().centerName,
      notice: 'Vui lòng chờ gọi số và theo dõi màn hình',
      clock,
    }),
    receiptPrinter: new ReceiptPrinter({
      url: options.receiptPrinterUrl ?? config.RECEIPT_PRINTER_URL ?? null,
      clock,
    }),
    config,
    presence,
    kioskRate,
    storage,
    floor: new FloorView({
      store,
      clock,
      presence,
      tooFast: () => kioskRate.tooFast(),
      outbox,
      province: () => sync.health(),
      hub: () => (hub.sender ? hub.view() : null),
      signIns: () => ctx.auth.signInSurge(),
      storage: () => storage.recent(),
      queue: () => ctx.queue,
      dossiers: () => deadlines.alerts(),
      feedback: () => feedback.register.floorCounts(),
    }),
    settings,
    outbox,
    sync,
    audit: new AuditLog(db),
    counters,
    backup: new Backups(db, backupDir, clock, { keep: config.BACKUP_KEEP, hour: config.BACKUP_HOUR }),
    deadlines,
    // HTTP to PROVINCIAL_URL (NO_PROVINCE without one), unless a test puts in its own province.
    provincialStatus: options.provincialStatus ?? statusAdapterFromConfig(config),
    dossiers: new DossierService({
      store,
      clock,
      province: () => ctx.provincialStatus,
      settings: () => settings.get(),
      planner: notices.planner,
      limits: { perCode: config.LOOKUP_WRONG_PER_CODE, perSource: config.LOOKUP_WRONG_PER_SOURCE },
      log: app.log,
    }),
    notices,
    hub,
    provinceCatalogue: new CataloguePull({
      hub:
        config.HUB_URL && config.HUB_SITE_KEY ? { url: config.HUB_URL, siteKey: config.HUB_SITE_KEY } : null,
      everyMs: config.HUB_CATALOGUE_PULL_MINUTES * 60_000,
      store,
      clock,
      audit: { record: (...entry) => ctx.audit.record(...entry) },
      applied: (announceChanged) => {
        ctx.catalogue.reload();
        settings.reload();
        if (announceChanged) ctx.publisher.settingsChanged({ at: toIso(clock.now()) });
      },
      ...(options.logger ? { logger: app.log } : {}),
    }),
    phoneLimit: new PhoneActionLimit(clock, config.PHONE_ACTIONS_PER_SOURCE, config.PHONE_ACTIONS_PER_TICKET),
    bookingIdentity,
    bookings,
    feedback,
    feedbackFiles,
  };

  // Sessions held in memory during a storage fault (AuthService) open their counters once they are written.
  ctx.auth.onRestored((sessions) => {
    try {
      for (const s of sessions)
        if (s.counterId !== null) ctx.publisher.publish(ctx.queue.occupy(s.counterId, s.userId));
      ctx.publisher.publish(ctx.queue.releaseIdleSeats());
      ctx.publisher.sweep('sessions');
    } catch (e) {
      app.log.error({ err: e }, 'opening the counters of restored sessions failed');
    }
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'LấySố queue server',
        version: VERSION,
        description: 'Queue numbers, counters and screens',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  // A device's authenticated request counts as seeing it (kept in memory; see DevicePresence).
  app.addHook('onResponse', async (req) => {
    if (req.principal?.kind === 'device') ctx.presence.request(req.principal.device.id);
  });
  const setup = new FirstRunSetup(store, clock, {
    maxFailures: config.LOGIN_MAX_FAILURES,
    windowMinutes: config.LOGIN_WINDOW_MINUTES,
  });
  await app.register(apiRoutes(ctx, setup));
  await app.register(webRoutes(config.webDir, config.VOICE_PACK_DIR));
  app.get('/api/docs', { schema: { hide: true } }, async () => app.swagger());
  await app.ready();
  const live = new RealtimeGateway(app.server, ctx);
  realtime.gateway = live;
  const jobs = backgroundJobs(
    ctx,
    live,
    options,
    (e, what) => app.log.error({ err: e }, `${what} failed`),
    options.logger ? app.log : undefined,
  );

  return {
    app,
    ctx,
    gateway: live,
    jobs,
    setupCode: setup.setupCode,
    async listen() {
      await app.listen({ port: config.PORT, host: config.HOST });
      const addr = app.server.address();
      const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
      if (!config.PUBLIC_URL) ctx.queue.setPublicUrl(`${network.tls ? 'https' : 'http'}://127.0.0.1:${port}`);
      jobs.start();
      return port;
    },
    reloadTls: () => network.reload(),
    async close() {
      // First, while connections are open: an import being parsed ends and its request is answered (503).
      await ctx.catalogue.close();
      await jobs.stop();
      // Requests under way get a moment to finish; then every connection goes, including the ones a browser
      // opened ahead of time and never used, which would otherwise hold the close until their timeouts.
      const force = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
      try {
        const sockets = live.close();
        app.server.closeIdleConnections();
        await sockets;
        await app.close();
        // Every socket has gone: the devices' last-seen times not stored yet are stored now.
        ctx.presence.flush();
      } finally {
        clearTimeout(force);
      }
    },
  };
}
