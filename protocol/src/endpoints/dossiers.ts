import { z } from 'zod';
import { DossierCode } from '../dossier.js';
import { DossierLookup, DossierLookupBody, DossierRecord } from '../dossier-register.js';
import { WHO, type EndpointDef } from './define.js';

/**
 * The dossier after the counter (issue 18): a citizen's lookup at the kiosk or on a phone (code + the last 4 digits
 * of the owner's ID number or phone, rate-limited), and an officer's look at one dossier of the register.
 */
export const DOSSIER_ENDPOINTS = {
  kioskDossierLookup: {
    method: 'POST',
    path: '/api/kiosk/dossiers/lookup',
    summary:
      "A citizen's dossier at the kiosk: its state and the ticket to take (code + last 4 digits of ID or phone)",
    tag: 'kiosk',
    who: WHO.kiosk,
    body: DossierLookupBody,
    reply: { 200: DossierLookup },
    errors: ['LAYSO_DOSSIER_CODE_INVALID', 'LAYSO_DOSSIER_LOOKUP_LIMIT'],
  },
  publicDossierLookup: {
    method: 'POST',
    path: '/api/public/dossiers/lookup',
    summary: "A citizen's dossier from the slip's QR on a phone (the same proof and limits as the kiosk)",
    tag: 'public',
    who: 'anyone',
    body: DossierLookupBody,
    reply: { 200: DossierLookup },
    errors: ['LAYSO_DOSSIER_CODE_INVALID', 'LAYSO_DOSSIER_LOOKUP_LIMIT'],
  },
  dossier: {
    method: 'GET',
    path: '/api/dossiers/:code',
    summary: 'One dossier of the register, its status refreshed from the province when it answers in time',
    tag: 'counter',
    who: WHO.staff,
    params: z.object({ code: DossierCode }),
    reply: { 200: DossierRecord },
    errors: ['LAYSO_DOSSIER_CODE_INVALID', 'LAYSO_DOSSIER_NOT_FOUND'],
  },
} as const satisfies Record<string, EndpointDef>;
