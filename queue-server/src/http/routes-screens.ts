import { ScreenSettings } from '@layso/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Context } from '../context.js';
import { guard } from './guard.js';

/** What lobby displays and counter-top screens need besides the queue: wording, voice, notice. */
export const screenRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const screens = guard(ctx.auth, {
      devices: ['display', 'counter'],
      roles: ['officer', 'supervisor', 'admin'],
    });
    app.get(
      '/api/screens/settings',
      { onRequest: screens, schema: { tags: ['display'], response: { 200: ScreenSettings } } },
      async (req) => {
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
    );
  };
