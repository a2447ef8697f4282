import { z } from 'zod';
import { PushKeyReply, PushSubscribeReply, PushSubscriptionBody, PushUnsubscribeBody } from '../notices.js';
import type { EndpointDef } from './define.js';
import { PHONE_PATHS } from './phone-paths.js';

const TrackCode = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) });

/**
 * The phone page's notices (issue 19): the server's VAPID public key, and a browser's push subscription to one
 * ticket by its tracking code (anyone holding the QR; the consent text's version is recorded).
 */
export const PUBLIC_NOTICE_ENDPOINTS = {
  pushKey: {
    ...PHONE_PATHS.pushKey,
    summary: "The server's VAPID public key for `pushManager.subscribe`, and whether push notices are on",
    tag: 'public',
    who: 'anyone',
    reply: { 200: PushKeyReply },
    errors: [],
  },
  pushSubscribe: {
    ...PHONE_PATHS.pushSubscribe,
    summary: "Turns push notices on for a ticket (the browser's subscription and the consent version shown)",
    tag: 'public',
    who: 'anyone',
    params: TrackCode,
    body: PushSubscriptionBody,
    reply: { 200: PushSubscribeReply },
    errors: [
      'LAYSO_TICKET_NOT_FOUND',
      'LAYSO_NOTICES_CLOSED',
      'LAYSO_PUSH_ENDPOINT_REFUSED',
      'LAYSO_CONSENT_VERSION_UNKNOWN',
      'LAYSO_PHONE_ACTION_LIMIT',
    ],
  },
  pushUnsubscribe: {
    ...PHONE_PATHS.pushUnsubscribe,
    summary: "Turns a browser's push notices off for a ticket",
    tag: 'public',
    who: 'anyone',
    params: TrackCode,
    body: PushUnsubscribeBody,
    reply: { 200: PushSubscribeReply },
    errors: ['LAYSO_TICKET_NOT_FOUND', 'LAYSO_PHONE_ACTION_LIMIT'],
  },
} as const satisfies Record<string, EndpointDef>;
