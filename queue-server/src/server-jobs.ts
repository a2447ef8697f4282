import type { Context } from './context.js';
import { bookingsJob } from './app/bookings-setup.js';
import { FeedbackRetention } from './app/feedback-retention.js';
import { IntakeRetention } from './db/retention.js';
import { every, hourly, Jobs } from './jobs.js';
import { applyDossierStatus } from './notify/planner.js';
import type { RealtimeGateway } from './realtime/gateway.js';
import { ReportDayJob, Reports } from './reports/service.js';
import type { ServerOptions } from './server.js';
import type { SyncLogger } from './sync/provincial.js';
import { StatusRefresh } from './sync/status-refresh.js';

/** Every background job of a server, in start order (see {@link Jobs}). */
export function backgroundJobs(
  ctx: Context,
  live: RealtimeGateway,
  options: ServerOptions,
  failed: (e: unknown, what: string) => void,
  log?: SyncLogger,
): Jobs {
  const { config, clock, store } = ctx;
  const jobs = new Jobs();
  // Once a minute: counters whose officer's session ended close, and sockets of ended sessions drop.
  jobs.add(
    every(
      'housekeeping',
      60_000,
      () => {
        try {
          live.publish(ctx.queue.releaseIdleSeats());
          live.sweep();
        } catch (e) {
          failed(e, 'housekeeping');
        }
      },
      false,
    ),
  );
  // The kiosk printer's state reaches kiosks and the admin when it changes, found by polling between jobs.
  let unwatch = () => {};
  let polling: Promise<unknown> = Promise.resolve();
  const poll = every('printer-poll', config.PRINTER_POLL_SECONDS * 1000, () => {
    polling = ctx.printer.check().catch((e: unknown) => failed(e, 'printer check'));
  });
  jobs.add({
    name: poll.name,
    start() {
      unwatch = ctx.printer.onChange((data) => live.publish([{ type: 'printer:status', data }]));
      poll.start();
    },
    async stop() {
      poll.stop();
      unwatch();
      await polling;
    },
  });
  jobs.add({ name: 'provincial-sync', start: () => ctx.sync.start(), stop: () => ctx.sync.stop() });
  const hubSender = ctx.hub.job();
  if (hubSender) jobs.add(hubSender);
  const cataloguePull = ctx.provinceCatalogue.job();
  if (cataloguePull) jobs.add(cataloguePull);
  jobs.add(bookingsJob(ctx, failed));
  jobs.add({
    name: 'notices',
    start: () => ctx.notices.dispatcher.start(),
    stop: () => ctx.notices.dispatcher.stop(),
  });
  // The register's due dossiers, refreshed from the province at PROVINCIAL_STATUS_RATE (none without a province).
  if (config.PROVINCIAL_URL) {
    jobs.add(
      new StatusRefresh({
        register: {
          stale: (q) => store.dossiers.stale(q),
          // "Result ready" notices are planned with the status that says so.
          applyStatus: (status, source, at) =>
            store.transaction(() => applyDossierStatus(store, ctx.notices.planner, status, source, at)),
        },
        adapter: ctx.provincialStatus,
        clock,
        ratePerSecond: config.PROVINCIAL_STATUS_RATE,
        staleMinutes: config.PROVINCIAL_STATUS_STALE_MINUTES,
        calendar: () => ctx.settings.calendar(),
        ...(log ? { logger: log } : {}),
      }),
    );
  }
  if (options.maintenance === false) return jobs;
  jobs.add({
    name: 'backup',
    start: () => ctx.backup.startDaily((e) => failed(e, 'daily backup')),
    stop: () => {
      ctx.backup.stop();
      return ctx.backup.idle();
    },
  });
  // The admin may change the period at run time: asked at each hourly run.
  const retention = new IntakeRetention(
    store,
    clock,
    () => ctx.settings.get().intakeRetentionDays,
    () => ctx.backup.files(),
  );
  jobs.add(
    hourly(
      'intake-retention',
      () => retention.run(),
      (e) => failed(e, 'intake retention'),
    ),
  );
  // Feedback keeps personal data longer than queue intake, by its own setting (read at each hourly run).
  const feedbackRetention = new FeedbackRetention(
    store,
    clock,
    () => ctx.feedback.settings().retentionDays,
    ctx.feedbackFiles,
    () => ctx.backup.files(),
  );
  jobs.add(
    hourly(
      'feedback-retention',
      () => feedbackRetention.run(),
      (e) => failed(e, 'feedback retention'),
    ),
  );
  // Closed days are aggregated for reports ahead of time: the history of an upgraded database, then each new day.
  const reportDays = new ReportDayJob(new Reports(store, clock));
  jobs.add({
    name: 'report-days',
    start: () => reportDays.start((e) => failed(e, 'report aggregation')),
    stop: () => {
      reportDays.stop();
      return reportDays.idle();
    },
  });
  return jobs;
}
