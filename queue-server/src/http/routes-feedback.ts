import { saveFeedbackSettings } from '../app/feedback-settings.js';
import { feedbackSlip } from '../app/feedback-slip.js';
import type { FeedbackReceiptCore } from '../app/feedback.js';
import type { Context } from '../context.js';
import { fail } from '../errors.js';
import type { SomeHandlers } from './endpoint.js';
import { userIdOf } from './guard.js';
import { qrSvg } from './routes-pages.js';

/** The receipt with its page's QR (the kiosk shows it; the phone is on the page already). */
const withQr = (r: FeedbackReceiptCore) => ({ ...r, qrSvg: qrSvg(r.url) });

/**
 * Feedback and complaints (issue 22): the citizen's form and status page (anyone; rate limited by address, phone and
 * case), the kiosk's form (limited per kiosk), a staff member's record for a citizen, and the register's list, case
 * and actions (each audited, never with the free text). The pictures, the report and the XLSX are in
 * routes-feedback-reports.ts; the pages /pa… in routes-feedback-pages.ts.
 */
export const feedbackHandlers = (ctx: Context) => {
  const viewer = (req: Parameters<typeof userIdOf>[0]): number => userIdOf(req) ?? fail('LAYSO_FORBIDDEN');
  const audit = (req: Parameters<typeof userIdOf>[0], action: string, id: number) =>
    ctx.audit.record(ctx.clock.now(), userIdOf(req), `feedback.${action}`, { caseId: id });
  return {
    feedbackOptions: async (req) => ctx.feedback.options(req.query.t),
    feedbackCreate: async (req, reply) =>
      reply.code(201).send(withQr(await ctx.feedback.createFromPhone(req.body, req.ip))),
    feedbackStatus: async (req) => ctx.feedback.status(req.params.code, req.ip),
    feedbackLookup: async (req) => ctx.feedback.lookup(req.params.code, req.body.proof, req.ip),

    kioskFeedback: async (req, reply) => {
      const p = req.principal;
      if (p?.kind !== 'device') fail('LAYSO_FORBIDDEN');
      return reply.code(201).send(withQr(ctx.feedback.createFromKiosk(req.body, p.device.id)));
    },
    kioskFeedbackPrint: async (req) => {
      const p = req.principal;
      if (p?.kind !== 'device') fail('LAYSO_FORBIDDEN');
      const messagesOn = ctx.notices.planner.phoneChannel() !== null;
      const slip = feedbackSlip(
        ctx.store,
        ctx.clock,
        ctx.queue.publicBase(),
        req.params.code,
        p.device.id,
        messagesOn,
      );
      // A fault is a normal reply (the kiosk says the slip did not print) and the printer's state goes to the floor
      // monitor; the log names the kiosk and the fault, never the case.
      const result = await ctx.printer.printFeedbackSlip(slip);
      if (result.error)
        req.log.warn({ deviceId: p.device.id, code: result.error.code }, 'feedback slip not printed');
      return result;
    },
    staffFeedback: async (req, reply) => {
      const p = req.principal;
      if (p?.kind !== 'user') fail('LAYSO_FORBIDDEN');
      const receipt = ctx.feedback.createFromStaff(req.body, { id: p.user.id, role: p.user.role });
      return reply.code(201).send(withQr(receipt));
    },

    feedbackCases: async (req) => ctx.feedback.register.list(req.query, viewer(req)),
    feedbackCase: async (req) => ctx.feedback.register.view(req.params.id, viewer(req)),
    feedbackClassify: async (req) => {
      const c = ctx.feedback.register.classify(req.params.id, req.body, viewer(req));
      audit(req, 'classify', c.id);
      return c;
    },
    feedbackAssign: async (req) => {
      const c = ctx.feedback.register.assign(req.params.id, req.body.assigneeId, viewer(req));
      audit(req, 'assign', c.id);
      return c;
    },
    feedbackForward: async (req) => {
      const c = ctx.feedback.register.forward(req.params.id, req.body, viewer(req));
      audit(req, 'forward', c.id);
      return c;
    },
    feedbackAnswer: async (req) => {
      const c = ctx.feedback.register.answer(req.params.id, req.body, viewer(req));
      audit(req, 'answer', c.id);
      return c;
    },
    feedbackClose: async (req) => {
      const c = ctx.feedback.register.close(req.params.id, req.body, viewer(req));
      audit(req, 'close', c.id);
      return c;
    },

    feedbackStaff: async () =>
      ctx.store.accounts
        .users()
        .filter((u) => u.active)
        .map((u) => ({ id: u.id, displayName: u.displayName, role: u.role })),

    feedbackSettings: async () => ctx.feedback.settings(),
    setFeedbackSettings: async (req) => {
      const before = ctx.feedback.settings();
      // Cases already received keep their due days; only cases from now on count with the new numbers.
      saveFeedbackSettings(ctx.store, req.body);
      const after = ctx.feedback.settings();
      ctx.audit.record(ctx.clock.now(), userIdOf(req), 'feedback.settings.update', { before, after });
      return after;
    },
  } satisfies SomeHandlers;
};
