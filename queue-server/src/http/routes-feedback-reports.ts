import { feedbackRegisterFileName } from '@layso/protocol/feedback-labels';
import type { Context } from '../context.js';
import { feedbackReport, registerRows, type RegisterView } from '../app/feedback-report.js';
import { fail } from '../errors.js';
import { feedbackRegisterXlsx } from '../reports/feedback-register.js';
import type { SomeHandlers } from './endpoint.js';
import { userIdOf } from './guard.js';
import { XLSX_TYPE } from './routes-reports.js';

/**
 * The feedback register's pictures, report and XLSX (issue 22), for its staff only (admin, supervisors, the feedback
 * desk). Each reads with the viewer: a case about them, not answered yet, is neither shown, nor counted, nor in the
 * file — and its pictures answer 404 like a case that does not exist.
 */
export function feedbackReportHandlers(ctx: Context) {
  const view = (viewerId: number | null): RegisterView => ({ ...ctx.feedback.register.dueDays(), viewerId });

  return {
    feedbackFile: async (req, reply) => {
      const { id, fileId } = req.params;
      ctx.feedback.register.visible(id, userIdOf(req));
      const file = ctx.store.feedback.file(id, fileId);
      // Erased by retention (or lost from disk): gone for the register as well.
      const bytes = file ? ctx.feedbackFiles.read(file.name) : null;
      if (!file || !bytes) fail('LAYSO_FEEDBACK_NOT_FOUND');
      const ext = file.type === 'image/png' ? 'png' : 'jpg';
      // A citizen's upload, even stripped: never sniffed as anything else, never able to load or run anything,
      // never kept by a shared cache or the browser's.
      return reply
        .headers({
          'content-disposition': `inline; filename="phan-anh-${id}-${fileId}.${ext}"`,
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'",
          'cache-control': 'private, no-store',
        })
        .type(file.type)
        .send(bytes);
    },

    feedbackReport: async (req) =>
      feedbackReport(ctx.store, req.query.from, req.query.to, view(userIdOf(req))),

    feedbackRegister: async (req, reply) => {
      const { from, to } = req.query;
      const v = view(userIdOf(req));
      const rows = registerRows(ctx.store, from, to, v);
      const file = await feedbackRegisterXlsx({
        centerName: ctx.settings.get().centerName,
        from,
        to,
        rows,
        today: v.today,
        soon: v.soon,
      });
      reply.header('content-disposition', `attachment; filename="${feedbackRegisterFileName(from, to)}"`);
      reply.header('cache-control', 'private, no-store');
      return reply.type(XLSX_TYPE).send(file);
    },
  } satisfies SomeHandlers;
}
