import type { FastifyPluginAsync } from 'fastify';
import type { FirstRunSetup } from '../auth/setup.js';
import type { Context } from '../context.js';
import { registerEndpoints, type Handlers } from './endpoint.js';
import { adminHandlers } from './routes-admin.js';
import { auditHandlers } from './routes-audit.js';
import { authHandlers } from './routes-auth.js';
import { bookingPageHandlers } from './routes-booking-pages.js';
import { bookingHandlers } from './routes-bookings.js';
import { checkInHandlers } from './routes-check-in.js';
import { deviceHandlers } from './routes-devices.js';
import { dossierHandlers } from './routes-dossiers.js';
import { feedbackHandlers } from './routes-feedback.js';
import { feedbackPageHandlers } from './routes-feedback-pages.js';
import { feedbackReportHandlers } from './routes-feedback-reports.js';
import { metricsHandlers, monitoringGuard } from './routes-metrics.js';
import { noticeAdminHandlers } from './routes-notices-admin.js';
import { noticeHandlers } from './routes-notices.js';
import { outboxHandlers } from './routes-outbox.js';
import { pageHandlers } from './routes-pages.js';
import { procedureHandlers } from './routes-procedures.js';
import { provincialHandlers } from './routes-provincial.js';
import { publicHandlers } from './routes-public.js';
import { reportHandlers } from './routes-reports.js';
import { dossierDeadlineHandlers } from './routes-dossier-deadlines.js';
import { screenHandlers } from './routes-screens.js';
import { settingsHandlers } from './routes-settings.js';
import { setupHandlers } from './routes-setup.js';
import { simulationHandlers } from './routes-simulations.js';
import { ticketHandlers } from './routes-tickets.js';
import { userHandlers } from './routes-users.js';

/**
 * Every endpoint of the protocol's table, each with its handler (by feature, in routes-*.ts). `Handlers` needs one
 * per endpoint: a table entry without its handler, or a handler of an endpoint the table lacks, does not compile.
 */
export const apiRoutes =
  (ctx: Context, setup: FirstRunSetup): FastifyPluginAsync =>
  async (app) => {
    const handlers: Handlers = {
      ...publicHandlers(ctx),
      ...pageHandlers(ctx),
      ...bookingPageHandlers(ctx),
      ...feedbackPageHandlers(ctx),
      ...metricsHandlers(ctx),
      ...setupHandlers(ctx, setup),
      ...authHandlers(ctx),
      ...ticketHandlers(ctx),
      ...screenHandlers(ctx),
      ...adminHandlers(ctx),
      ...procedureHandlers(ctx),
      ...userHandlers(ctx),
      ...deviceHandlers(ctx),
      ...settingsHandlers(ctx),
      ...auditHandlers(ctx),
      ...outboxHandlers(ctx),
      ...simulationHandlers(ctx, app),
      ...reportHandlers(ctx),
      ...dossierDeadlineHandlers(ctx),
      ...dossierHandlers(ctx),
      ...provincialHandlers(ctx),
      ...noticeAdminHandlers(ctx),
      ...noticeHandlers(ctx),
      ...bookingHandlers(ctx),
      ...checkInHandlers(ctx),
      ...feedbackHandlers(ctx),
      ...feedbackReportHandlers(ctx),
    };
    registerEndpoints(app, ctx.auth, handlers, { monitoring: monitoringGuard(ctx.config.METRICS_TOKEN) });
  };
