import { ScreenSettings } from '@layso/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Context } from './context.js';
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
      async (req) => ({
        centerName: ctx.config.CENTER_NAME,
        notice: ctx.config.DISPLAY_NOTICE,
        announce: {
          template: ctx.config.ANNOUNCE_TEMPLATE,
          reading: ctx.config.ANNOUNCE_READING,
          dialect: ctx.config.ANNOUNCE_DIALECT,
          repeat: ctx.config.ANNOUNCE_REPEAT,
        },
        voicePackUrl: '/voice-pack/',
        ratingSeconds: ctx.config.RATING_SECONDS,
        counterId:
          req.principal?.kind === 'device' && req.principal.device.kind === 'counter'
            ? req.principal.device.counterId
            : null,
      }),
    );
  };
