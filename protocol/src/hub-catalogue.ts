import { z } from 'zod';
import { PROCEDURE_CODE } from './catalogue-file.js';
import type { ErrorCode } from './errors.js';
import { PriorityGroupsInput } from './rest.js';
import { IsoDateTime } from './scalars.js';
import { AnnounceSettings } from './screens.js';
import { ProvinceCatalogueStatus } from './upstream-health.js';

/**
 * Hub → sites (issue 20, Deliver 3): what the province manages for every site — its procedure catalogue with each
 * procedure's province-level service code, the announcement wording and the priority groups — as one versioned
 * document. Sites pull it with `If-None-Match` (its ETag is the sha-256 of the bytes served) and apply it whole; what
 * the document leaves out (counters, officers, hours, devices, services it does not name) stays each site's own.
 */

/** A service's code as the province names it; a site offers the procedure under its own service of that code. */
export const ProvinceServiceCode = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/);

const Optional = z.string().max(5_000).nullable();

export const HubCatalogueProcedure = z.strictObject({
  code: z.string().regex(PROCEDURE_CODE),
  name: z.string().min(1).max(2_000),
  field: Optional,
  agency: Optional,
  level: Optional,
  processingTime: Optional,
  fee: Optional,
  /** The province-level service it is offered under; null: the province names none and each site maps it. */
  service: ProvinceServiceCode.nullable(),
});
export type HubCatalogueProcedure = z.infer<typeof HubCatalogueProcedure>;

/** The whole document a site pulls. A part set to null is left to the sites (version 0: nothing managed yet). */
export const HubCatalogue = z.strictObject({
  version: z.number().int().nonnegative(),
  updatedAt: IsoDateTime.nullable(),
  procedures: z.array(HubCatalogueProcedure).max(50_000),
  announce: AnnounceSettings.nullable(),
  priorityGroups: PriorityGroupsInput.nullable(),
});
export type HubCatalogue = z.infer<typeof HubCatalogue>;

/** The province admin's import: the same file shapes as a center's (CSV or JSON), all or nothing. */
export const HubCatalogueImportBody = z.strictObject({
  format: z.enum(['csv', 'json']),
  content: z.string().min(1).max(20_000_000),
  /** Agency name (as in the file) → province service code, as a center's `agencyMap`; unnamed agencies: null. */
  agencyMap: z.record(z.string(), ProvinceServiceCode).optional(),
});
export type HubCatalogueImportBody = z.infer<typeof HubCatalogueImportBody>;

/** The announcement and the priority groups the province sets; null gives one back to the sites. */
export const HubCatalogueSettingsInput = z.strictObject({
  announce: AnnounceSettings.nullable(),
  priorityGroups: PriorityGroupsInput.nullable(),
});
export type HubCatalogueSettingsInput = z.input<typeof HubCatalogueSettingsInput>;

/** The catalogue as the province admin sees it: the document without its procedures, counted. */
export const HubCatalogueState = z.strictObject({
  version: z.number().int().nonnegative(),
  updatedAt: IsoDateTime.nullable(),
  etag: z.string(),
  procedures: z.number().int().nonnegative(),
  /** Procedures with a province service code. */
  mapped: z.number().int().nonnegative(),
  announce: AnnounceSettings.nullable(),
  priorityGroups: PriorityGroupsInput.nullable(),
});
export type HubCatalogueState = z.infer<typeof HubCatalogueState>;

const ADMIN_ERRORS = [
  'LAYSO_UNAUTHENTICATED',
  'LAYSO_FORBIDDEN',
  'LAYSO_HUB_DB_UNAVAILABLE',
  'LAYSO_NOT_FOUND',
  'LAYSO_INTERNAL',
] as const satisfies readonly ErrorCode[];
const WITH_BODY = [
  'LAYSO_VALIDATION',
  'LAYSO_BAD_JSON',
  'LAYSO_UNSUPPORTED_MEDIA',
  'LAYSO_BODY_TOO_LARGE',
] as const satisfies readonly ErrorCode[];

/** Spread into HUB_ENDPOINTS (hub.ts). */
export const HUB_CATALOGUE_ENDPOINTS = {
  hubCatalogue: {
    method: 'GET',
    path: '/api/hub/catalogue',
    who: 'site',
    summary:
      "The province's catalogue and settings, for a site with its key. Answers a strong `ETag` (sha-256 of the " +
      'body); a request whose `If-None-Match` names it is answered 304 with no body.',
    reply: { 200: HubCatalogue },
    errors: [
      'LAYSO_HUB_SITE_KEY',
      'LAYSO_HUB_SITE_REVOKED',
      'LAYSO_HUB_UNAVAILABLE',
      'LAYSO_NOT_FOUND',
      'LAYSO_INTERNAL',
    ],
  },
  hubAdminCatalogue: {
    method: 'GET',
    path: '/api/hub/admin/catalogue',
    who: 'province_admin',
    summary: "The province's catalogue: version, ETag, counts, the announcement and the priority groups.",
    reply: { 200: HubCatalogueState },
    errors: [...ADMIN_ERRORS],
  },
  hubAdminCatalogueImport: {
    method: 'POST',
    path: '/api/hub/admin/catalogue/import',
    who: 'province_admin',
    summary:
      "Replaces the province's procedures from a CSV or JSON file (a center's import format). A file with any bad " +
      'row is refused whole with the rows and reasons; nothing changes. Audited; the version moves on.',
    body: HubCatalogueImportBody,
    reply: { 200: HubCatalogueState },
    errors: [...ADMIN_ERRORS, ...WITH_BODY, 'LAYSO_IMPORT_INVALID'],
    bodyLimit: 25 * 1024 * 1024,
  },
  hubAdminCatalogueSettings: {
    method: 'POST',
    path: '/api/hub/admin/catalogue/settings',
    who: 'province_admin',
    summary: 'Sets the announcement wording and the priority groups (null leaves one to the sites). Audited.',
    body: HubCatalogueSettingsInput,
    reply: { 200: HubCatalogueState },
    errors: [...ADMIN_ERRORS, ...WITH_BODY],
  },
} as const;

/** The admin's view: the status and each province procedure with the service code the province names (or null). */
export const ProvinceCatalogueReply = ProvinceCatalogueStatus.extend({
  procedures: z.array(z.strictObject({ code: z.string(), service: ProvinceServiceCode.nullable() })),
});
export type ProvinceCatalogueReply = z.infer<typeof ProvinceCatalogueReply>;
