import { z } from 'zod';
import type { ErrorCode } from './errors.js';
import { Id, IsoDateTime } from './scalars.js';
import { Text } from './text.js';

/**
 * The province hub's people (issue 20, Deliver 4): accounts with a role, their sessions, and what the province's
 * admin does with sites and accounts. Declared apart from hub.ts (the sites' contract), which spreads these
 * endpoints into HUB_ENDPOINTS.
 */

/** The hub's roles: the province's admin and viewers, and a viewer of some sites only. */
export const HubRole = z.enum(['province_admin', 'province_viewer', 'site_viewer']);
export type HubRole = z.infer<typeof HubRole>;

/** As the center's: lower-case letters, digits, dot, dash, underscore; 3–64. */
export const HubUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,64}$/);
/** The same bounds as a center account's password. */
export const HubPassword = z.string().min(10).max(256);

/** A display name or a commune's name: NFC, 1–120 characters, no control characters. */
export const HubName = Text(120);

/** A new account. A site_viewer sees `siteIds` only; the province roles see every site (their list is ignored). */
export const HubUserInput = z.strictObject({
  username: HubUsername,
  displayName: HubName,
  password: HubPassword,
  role: HubRole,
  siteIds: z.array(Id).max(1000).default([]),
});
export type HubUserInput = z.input<typeof HubUserInput>;

export const HubLoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type HubLoginBody = z.infer<typeof HubLoginBody>;

/** Who is signed in, as the screens show it. `siteIds` null = every site of the province (the two province roles). */
export const HubViewerInfo = z.strictObject({
  userId: Id,
  username: z.string(),
  displayName: z.string(),
  role: HubRole,
  siteIds: z.array(Id).nullable(),
});
export type HubViewerInfo = z.infer<typeof HubViewerInfo>;

export const HubLoginReply = z.strictObject({
  token: z.string(),
  expiresAt: IsoDateTime,
  viewer: HubViewerInfo,
});
export type HubLoginReply = z.infer<typeof HubLoginReply>;

export const HubOk = z.strictObject({ ok: z.literal(true) });

/** Who may call a hub endpoint: a site's key, anyone, anyone signed in, or the province's admin only. */
export type HubWho = 'site' | 'anyone' | 'signed-in' | 'province_admin';

/** The errors every endpoint behind a session may answer. */
const SESSION_ERRORS = [
  'LAYSO_UNAUTHENTICATED',
  'LAYSO_HUB_DB_UNAVAILABLE',
  'LAYSO_NOT_FOUND',
  'LAYSO_INTERNAL',
] as const satisfies readonly ErrorCode[];

export const HUB_ACCOUNT_ENDPOINTS = {
  hubLogin: {
    method: 'POST',
    path: '/api/hub/auth/login',
    summary:
      'Signs in to the hub (as strong as a center: argon2id, limits per name and address, spraying, a bounded ' +
      'hasher); the token goes in `Authorization: Bearer`.',
    who: 'anyone',
    body: HubLoginBody,
    reply: { 200: HubLoginReply },
    errors: [
      'LAYSO_VALIDATION',
      'LAYSO_BAD_JSON',
      'LAYSO_UNSUPPORTED_MEDIA',
      'LAYSO_BAD_CREDENTIALS',
      'LAYSO_RATE_LIMITED',
      'LAYSO_HUB_USER_DISABLED',
      'LAYSO_HUB_DB_UNAVAILABLE',
      'LAYSO_NOT_FOUND',
      'LAYSO_INTERNAL',
    ],
  },
  hubLogout: {
    method: 'POST',
    path: '/api/hub/auth/logout',
    summary: 'Ends the session of the token used.',
    who: 'signed-in',
    reply: { 200: HubOk },
    errors: [...SESSION_ERRORS],
  },
  hubMe: {
    method: 'GET',
    path: '/api/hub/auth/me',
    summary: 'Who the token belongs to (the screens ask on start).',
    who: 'signed-in',
    reply: { 200: HubViewerInfo },
    errors: [...SESSION_ERRORS],
  },
} as const;
