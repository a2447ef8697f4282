import { errorText, type Bilingual } from '@layso/ui-kit/i18n';
import { ApiError } from '@layso/ui-kit/phone-api';

export type Attempt<T> = { ok: true; value: T } | { ok: false; code: string; error: Bilingual };

/**
 * One call of the booking pages, its refusal read as the citizen sees it: the server's own "vi / en" message (it
 * may name the slot or the limit), else the protocol's catalogue text for its code.
 */
export async function attempt<T>(call: Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await call };
  } catch (e) {
    if (!(e instanceof ApiError)) return { ok: false, code: 'LAYSO_NETWORK', error: errorText('') };
    const [vi, en] = e.message.split(' / ');
    const error = vi && en ? { vi, en } : errorText(e.code, e.message);
    return { ok: false, code: e.code, error };
  }
}

/** Refusals that mean "this slot is gone: choose another" (the page keeps everything else typed). */
export const SLOT_GONE = new Set([
  'LAYSO_BOOKING_SLOT_FULL',
  'LAYSO_BOOKING_SLOT_CLOSED',
  'LAYSO_BOOKING_SLOT_UNKNOWN',
]);
/** Refusals that mean "this day is gone: choose another". */
export const DAY_GONE = new Set(['LAYSO_BOOKING_DAY_CLOSED']);
