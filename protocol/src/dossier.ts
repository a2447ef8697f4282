import { z } from 'zod';

/**
 * Dossier codes (mã hồ sơ) as the provincial dossier software prints them: `{agency}-{yymmdd}-{NNNN}`, e.g.
 * `000.00.12.H62-201105-0004` — the receiving agency's identifier (`xxx.yy.zz.Hnn`, Hnn = the province;
 * `000.00.00.Hnn` = the provincial People's Committee), the day it was received, and a running number of that
 * agency and day (4 digits, more past 9999). One function decides what is a code: the server, the console and
 * the tests all use {@link parseDossierCode}.
 */

/** An agency identifier: three, two and two digits, then `H` and the province's two digits. */
export const AGENCY_ID_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.H\d{2}$/;

/** A running number of at least 4 digits (zero-padded), at most 9. */
const SEQ_PATTERN = /^\d{4,9}$/;

export interface DossierCodeParts {
  /** The code as stored and printed: trimmed, `H` upper-case. */
  code: string;
  agency: string;
  /** The day in the code, `yyyy-MM-dd` (years 2000–2099). */
  day: string;
  /** The running number of the agency's day, ≥ 1. */
  seq: number;
}

/** Which part of a code is wrong. */
export type DossierCodeProblem = 'empty' | 'shape' | 'agency' | 'date' | 'number';

/** What is wrong, Vietnamese first; shown to the officer as is. */
export const DOSSIER_CODE_PROBLEMS: Record<DossierCodeProblem, { vi: string; en: string }> = {
  empty: { vi: 'Chưa nhập mã hồ sơ', en: 'The dossier code is empty' },
  shape: {
    vi: 'Mã hồ sơ phải có dạng mã cơ quan-năm tháng ngày-số thứ tự, ví dụ 000.00.12.H62-201105-0004',
    en: 'A dossier code reads {agency}-{yymmdd}-{NNNN}, e.g. 000.00.12.H62-201105-0004',
  },
  agency: {
    vi: 'Mã cơ quan trong mã hồ sơ phải có dạng xxx.yy.zz.Hnn, ví dụ 000.00.12.H62',
    en: 'The agency part must read xxx.yy.zz.Hnn, e.g. 000.00.12.H62',
  },
  date: {
    vi: 'Phần ngày trong mã hồ sơ (năm tháng ngày, 6 chữ số) không phải một ngày có thật',
    en: 'The date part (yymmdd, 6 digits) is not a real calendar date',
  },
  number: {
    vi: 'Số thứ tự cuối mã hồ sơ phải có ít nhất 4 chữ số, ví dụ 0004',
    en: 'The number at the end must have at least 4 digits, e.g. 0004',
  },
};

export type DossierCodeResult =
  { ok: true; value: DossierCodeParts } | { ok: false; problem: DossierCodeProblem };

/** A scanner in keyboard mode may send a lower-case `h`; the rest of a code has no letters. */
const normalise = (s: string): string => s.normalize('NFC').trim().toUpperCase();

/** The agency identifier in its stored form, or null when it is not of the form `xxx.yy.zz.Hnn`. */
export function parseAgencyId(input: string): string | null {
  const a = normalise(input);
  return AGENCY_ID_PATTERN.test(a) ? a : null;
}

/** `yymmdd` → `yyyy-MM-dd` when it is a real calendar day of 2000–2099, else null. */
function dayOf(yymmdd: string): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const y = 2000 + Number(yymmdd.slice(0, 2));
  const m = Number(yymmdd.slice(2, 4));
  const d = Number(yymmdd.slice(4, 6));
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

/**
 * Reads a dossier code typed or scanned at a counter: trims it, upper-cases the `h` of the agency, and checks
 * each part — the agency identifier, a real `yymmdd` day, a running number of 4 or more digits (not 0).
 */
export function parseDossierCode(input: string): DossierCodeResult {
  const code = normalise(input);
  if (code === '') return { ok: false, problem: 'empty' };
  const parts = code.split('-');
  if (parts.length !== 3 || parts.some((p) => p === '' || /\s/.test(p))) {
    return { ok: false, problem: 'shape' };
  }
  const [agency, yymmdd, seqText] = parts as [string, string, string];
  if (!AGENCY_ID_PATTERN.test(agency)) return { ok: false, problem: 'agency' };
  const day = dayOf(yymmdd);
  if (!day) return { ok: false, problem: 'date' };
  if (!SEQ_PATTERN.test(seqText) || Number(seqText) === 0) return { ok: false, problem: 'number' };
  return { ok: true, value: { code, agency, day, seq: Number(seqText) } };
}

/**
 * The code of running number `seq` of `agency` on `day` (`yyyy-MM-dd`): `{agency}-{yymmdd}-{NNNN}`, the number
 * zero-padded to 4 digits and longer past 9999.
 */
export function formatDossierCode(agency: string, day: string, seq: number): string {
  const m = /^20(\d{2})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`not a yyyy-MM-dd day of 2000–2099: ${day}`);
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > 999_999_999) throw new RangeError(`bad seq ${seq}`);
  return `${agency}-${m[1]}${m[2]}${m[3]}-${String(seq).padStart(4, '0')}`;
}

/** The message of a problem as the server sends it: "vi / en". */
export function dossierProblemMessage(problem: DossierCodeProblem): string {
  const p = DOSSIER_CODE_PROBLEMS[problem];
  return `${p.vi} / ${p.en}`;
}

/**
 * A dossier code in a request body, normalised by {@link parseDossierCode}. A refusal carries the catalogue
 * code `LAYSO_DOSSIER_CODE_INVALID` and the problem, so the server answers with that code (not a generic
 * validation error) and the officer reads which part is wrong.
 */
export const DossierCode = z
  .string()
  .max(80)
  .transform((s, ctx) => {
    const r = parseDossierCode(s);
    if (r.ok) return r.value.code;
    ctx.addIssue({
      code: 'custom',
      message: dossierProblemMessage(r.problem),
      params: { layso: 'LAYSO_DOSSIER_CODE_INVALID', problem: r.problem },
    });
    return z.NEVER;
  });

/** How the center's dossier codes come about: typed/scanned from the provincial software, or generated here. */
export const DossierCodeSource = z.enum(['typed', 'generated']);
export type DossierCodeSource = z.infer<typeof DossierCodeSource>;

/**
 * The dossier code a scan or a paste of a Mẫu 01 slip carries: its QR holds the status page's address
 * (`…/h/<code>`), its barcode the bare code. Anything else — a CCCD, a ticket's QR, a damaged read — is null.
 * Read the same way by the kiosk (both scanner paths) and the officer's console.
 */
export function dossierCodeFromScan(text: string): string | null {
  const t = text.trim();
  const page = /\/h\/([^/?#\s]+)\/?(?:[?#]\S*)?$/i.exec(t);
  let raw = t;
  if (page) {
    try {
      raw = decodeURIComponent(page[1] ?? '');
    } catch {
      return null;
    }
  }
  const r = parseDossierCode(raw);
  return r.ok ? r.value.code : null;
}
