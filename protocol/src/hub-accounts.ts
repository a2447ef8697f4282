import { z } from 'zod';
import type { ErrorCode } from './errors.js';
import { SiteCode } from './hub-scalars.js';
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

/** An account as the province's admin sees it (never its password hash). */
export const HubUser = z.strictObject({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: HubRole,
  /** A site_viewer's sites; null for the province roles (every site). */
  siteIds: z.array(Id).nullable(),
  disabled: z.boolean(),
  createdAt: IsoDateTime,
});
export type HubUser = z.infer<typeof HubUser>;

/** What the admin changes on an account: any of these, at least one. Role, sites or disabling end its sessions. */
export const HubUserPatch = z
  .strictObject({
    displayName: HubName.optional(),
    role: HubRole.optional(),
    siteIds: z.array(Id).max(1000).optional(),
    disabled: z.boolean().optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), {
    message: 'Cần ít nhất một thay đổi / At least one change is required',
  });
export type HubUserPatch = z.infer<typeof HubUserPatch>;

/** A new password set by the admin: the account's sessions end. */
export const HubPasswordReset = z.strictObject({ password: HubPassword });

export const HubUserParams = z.strictObject({ id: z.coerce.number().pipe(Id) });
export const HubSiteParams = z.strictObject({ code: SiteCode });

/** A site as the province's admin sees it (its key is never shown again after it was issued). */
export const HubSiteRecord = z.strictObject({
  id: Id,
  code: SiteCode,
  name: z.string(),
  commune: z.string(),
  createdAt: IsoDateTime,
  /** When its key was revoked; null while the key works. */
  revokedAt: IsoDateTime.nullable(),
  lastSeenAt: IsoDateTime.nullable(),
  acknowledgedSeq: z.number().int().nonnegative(),
});
export type HubSiteRecord = z.infer<typeof HubSiteRecord>;

export const HubSiteInput = z.strictObject({ code: SiteCode, name: HubName, commune: HubName });
export type HubSiteInput = z.infer<typeof HubSiteInput>;

/** A site with its key: the only time the key is shown (the hub keeps its hash). */
export const HubSiteKeyReply = z.strictObject({ site: HubSiteRecord, key: z.string() });

export const HubAuditEntry = z.strictObject({
  id: z.number().int().positive(),
  at: IsoDateTime,
  /** Who: null for the CLI and the demo's seeding. */
  userId: Id.nullable(),
  username: z.string().nullable(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type HubAuditEntry = z.infer<typeof HubAuditEntry>;

/** Newest first; `before` = the last id of the previous page. */
export const HubAuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
});
export const HubAuditPage = z.strictObject({
  entries: z.array(HubAuditEntry),
  /** The `before` of the next page, or null at the oldest. */
  next: z.number().int().positive().nullable(),
});

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

/** The errors every admin endpoint may answer: a session's, and a signed-in viewer who is not the admin. */
const ADMIN_ERRORS = [...SESSION_ERRORS, 'LAYSO_FORBIDDEN'] as const satisfies readonly ErrorCode[];
const WITH_BODY = [
  'LAYSO_VALIDATION',
  'LAYSO_BAD_JSON',
  'LAYSO_UNSUPPORTED_MEDIA',
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
  hubAdminSites: {
    method: 'GET',
    path: '/api/hub/admin/sites',
    summary: "The province's sites with their key's state, last heard and acknowledged seq.",
    who: 'province_admin',
    reply: { 200: z.array(HubSiteRecord) },
    errors: [...ADMIN_ERRORS],
  },
  hubAdminSiteRegister: {
    method: 'POST',
    path: '/api/hub/admin/sites',
    summary: 'Registers a site (code, name, commune) and answers its key, shown this once. Audited.',
    who: 'province_admin',
    body: HubSiteInput,
    reply: { 200: HubSiteKeyReply },
    errors: [...ADMIN_ERRORS, ...WITH_BODY, 'LAYSO_CONFLICT'],
  },
  hubAdminSiteKey: {
    method: 'POST',
    path: '/api/hub/admin/sites/:code/key',
    summary:
      'Issues the site a new key (shown this once): the old one stops working, a revocation is lifted. Audited.',
    who: 'province_admin',
    params: HubSiteParams,
    reply: { 200: HubSiteKeyReply },
    errors: [...ADMIN_ERRORS, 'LAYSO_VALIDATION', 'LAYSO_HUB_SITE_NOT_FOUND'],
  },
  hubAdminSiteRevoke: {
    method: 'POST',
    path: '/api/hub/admin/sites/:code/revoke',
    summary: "Revokes the site's key: its batches are refused (403) from now on; its facts stay. Audited.",
    who: 'province_admin',
    params: HubSiteParams,
    reply: { 200: HubSiteRecord },
    errors: [...ADMIN_ERRORS, 'LAYSO_VALIDATION', 'LAYSO_HUB_SITE_NOT_FOUND'],
  },
  hubAdminUsers: {
    method: 'GET',
    path: '/api/hub/admin/users',
    summary: "The hub's accounts.",
    who: 'province_admin',
    reply: { 200: z.array(HubUser) },
    errors: [...ADMIN_ERRORS],
  },
  hubAdminUserCreate: {
    method: 'POST',
    path: '/api/hub/admin/users',
    summary: "Creates an account with a role (and a site viewer's sites). Audited.",
    who: 'province_admin',
    body: HubUserInput,
    reply: { 200: HubUser },
    errors: [...ADMIN_ERRORS, ...WITH_BODY, 'LAYSO_CONFLICT', 'LAYSO_HUB_SITE_NOT_FOUND'],
  },
  hubAdminUserUpdate: {
    method: 'POST',
    path: '/api/hub/admin/users/:id',
    summary:
      "Changes an account's name, role, sites or disabled state; a change of access ends its sessions. The last " +
      'active province admin cannot be demoted or disabled. Audited.',
    who: 'province_admin',
    params: HubUserParams,
    body: HubUserPatch,
    reply: { 200: HubUser },
    errors: [
      ...ADMIN_ERRORS,
      ...WITH_BODY,
      'LAYSO_USER_NOT_FOUND',
      'LAYSO_HUB_SITE_NOT_FOUND',
      'LAYSO_HUB_LAST_ADMIN',
    ],
  },
  hubAdminUserPassword: {
    method: 'POST',
    path: '/api/hub/admin/users/:id/password',
    summary: 'Sets a new password on an account; its sessions end. Audited (never the password).',
    who: 'province_admin',
    params: HubUserParams,
    body: HubPasswordReset,
    reply: { 200: HubUser },
    errors: [...ADMIN_ERRORS, ...WITH_BODY, 'LAYSO_USER_NOT_FOUND'],
  },
  hubAdminAudit: {
    method: 'GET',
    path: '/api/hub/admin/audit',
    summary: 'The admin changes, newest first, a page at a time.',
    who: 'province_admin',
    query: HubAuditQuery,
    reply: { 200: HubAuditPage },
    errors: [...ADMIN_ERRORS, 'LAYSO_VALIDATION'],
  },
} as const;
