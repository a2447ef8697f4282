import { ID_NUMBER_PATTERN, PHONE_PATTERN, type Collector, type ReturnDetails } from '@layso/protocol';
import type { Bilingual } from '@layso/ui-kit';
import { M } from './messages.js';

type Owner = { idNumber?: string; phone?: string };

/**
 * The owner's ID or phone as the officer typed it (spaces and dots a card or a phone book puts in are dropped):
 * `null` for nothing typed, a problem for something that is neither. The server keeps only the last 4 digits.
 */
export function ownerFrom(
  text: string,
): { ok: true; value: Owner | null } | { ok: false; problem: Bilingual } {
  const t = text.replace(/[\s.-]/g, '');
  if (t === '') return { ok: true, value: null };
  if (PHONE_PATTERN.test(t)) return { ok: true, value: { phone: t } };
  if (ID_NUMBER_PATTERN.test(t)) return { ok: true, value: { idNumber: t } };
  return { ok: false, problem: M.ownerInvalid };
}

/** The "Trả kết quả" form as the officer fills it. */
export interface ReturnForm {
  collectedBy: Collector;
  name: string;
  idNumber: string;
  consent: boolean;
  originals: string;
}

export const EMPTY_RETURN: ReturnForm = {
  collectedBy: 'owner',
  name: '',
  idNumber: '',
  consent: false,
  originals: '0',
};

/**
 * What the server is told of a return: the owner, or an authorised person with a name, an optional ID and
 * consent; the originals handed back. An owner's name or ID is never sent (the register does not keep it).
 */
export function returnDetailsFrom(
  f: ReturnForm,
): { ok: true; value: ReturnDetails } | { ok: false; problem: Bilingual } {
  const originals = f.originals.trim();
  if (!/^\d{1,3}$/.test(originals) || Number(originals) > 100)
    return { ok: false, problem: M.originalsInvalid };
  const originalsReturned = Number(originals);
  if (f.collectedBy === 'owner') return { ok: true, value: { collectedBy: 'owner', originalsReturned } };
  const name = f.name.trim().normalize('NFC');
  if (!name) return { ok: false, problem: M.collectorNameNeeded };
  const id = f.idNumber.replace(/\s/g, '');
  if (id && !ID_NUMBER_PATTERN.test(id)) return { ok: false, problem: M.collectorIdInvalid };
  if (!f.consent) return { ok: false, problem: M.consentNeeded };
  return {
    ok: true,
    value: {
      collectedBy: 'authorised',
      collectorName: name,
      ...(id ? { collectorIdNumber: id } : {}),
      consent: true,
      originalsReturned,
    },
  };
}
