import { z } from 'zod';
import { ProvincialStatus } from '../dossier-register.js';
import type { EndpointDef } from './define.js';

/** What the center answers a status push it took. */
export const ProvincialPushReply = z.object({
  MaHoSo: z.string(),
  /** False for a push already taken (the same signature again inside the window): nothing changed. */
  applied: z.boolean(),
});
export type ProvincialPushReply = z.infer<typeof ProvincialPushReply>;

/**
 * Called by the provincial system, not by our screens (DESIGN.md, "Provincial status"): a dossier's status pushed
 * to the center, signed with the shared secret (PROVINCIAL_PUSH_SECRET) over `timestamp + "." + body`.
 */
export const PROVINCIAL_ENDPOINTS = {
  provincialStatusPush: {
    method: 'POST',
    path: '/api/provincial/status',
    summary:
      "A dossier's status pushed by the province; headers X-Layso-Timestamp (unix seconds) and X-Layso-Signature " +
      '(hex HMAC-SHA256 of timestamp + "." + body); refused 401 when unsigned, older or newer than 5 minutes, or forged',
    tag: 'public',
    who: 'anyone',
    body: ProvincialStatus,
    rawBody: true,
    reply: { 200: ProvincialPushReply },
    errors: ['LAYSO_PUSH_UNSIGNED', 'LAYSO_PUSH_STALE', 'LAYSO_PUSH_BAD_SIGNATURE', 'LAYSO_PUSH_DISABLED'],
    bodyLimit: 16 * 1024,
  },
} as const satisfies Record<string, EndpointDef>;
