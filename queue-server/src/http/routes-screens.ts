import type { Context } from './context.js';
import type { SomeHandlers } from './endpoint.js';

/** What lobby displays and counter-top screens need besides the queue: wording, voice, notice. */
export const screenHandlers = (ctx: Context) =>
  ({
    screenSettings: async (req) => {
      // As they hold now: screens fetch them again when they hear `settings:changed`.
      const s = ctx.settings.get();
      return {
        centerName: s.centerName,
        notice: s.notice,
        announce: s.announce,
        voicePackUrl: '/voice-pack/',
        ratingSeconds: s.ratingSeconds,
        counterId:
          req.principal?.kind === 'device' && req.principal.device.kind === 'counter'
            ? req.principal.device.counterId
            : null,
      };
    },
  }) satisfies SomeHandlers;
