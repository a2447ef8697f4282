/**
 * The QR code on the Vietnamese chip ID card (CCCD, thẻ Căn cước công dân):
 *
 *   `ID12|oldCMND9 or empty|Họ và tên|ddmmyyyy|Nam or Nữ|address|issue ddmmyyyy` (+ trailing `|` fields)
 *
 * Pure: no DOM, no Node. The reader may be a HID/serial scanner (clean text) or a scanner in keyboard mode,
 * which can type the payload twice, end it with CR/LF, drop or replace letters it cannot type, or have its
 * letters rewritten by a Vietnamese input method. Digits and `|` survive all of that, so the id and the dates
 * are trusted; text that looks garbled becomes null rather than wrong text on a form.
 */

export interface CccdCard {
  idNumber: string;
  oldIdNumber: string | null;
  fullName: string | null;
  /** yyyy-mm-dd */
  birthDate: string | null;
  gender: 'Nam' | 'Nữ' | null;
  address: string | null;
  /** yyyy-mm-dd */
  issueDate: string | null;
}

export type CccdParse = { ok: true; card: CccdCard } | { ok: false; reason: 'empty' | 'not-cccd' | 'bad-id' };

/** Fields of one payload; anything after the seventh is ignored. */
const FIELD_COUNT = 7;
const ID_NUMBER = /^\d{12}$/;
/** An id number followed by the field separator: where a (repeated) payload starts. */
const PAYLOAD_START = /^\d{12}\|/;
/** Old CMND numbers have 9 digits; those issued from 2012 have 12. */
const OLD_ID_NUMBER = /^(?:\d{9}|\d{12})$/;
const DMY = /^(\d{2})(\d{2})(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** `?` and U+FFFD are what scanners type for letters they cannot send; controls never belong in text. */
const GARBLED = /[?\uFFFD\p{Cc}\p{Cf}\p{Cs}\p{Co}]/u;
const LETTER = /\p{L}/u;

/** Province codes of the 12-digit number (code of the place of birth registration). */
const PROVINCE_CODE_MIN = 1;
const PROVINCE_CODE_MAX = 96;
/** The 4th digit: century of birth and gender (even: Nam, odd: Nữ). */
const CENTURY_BY_DIGIT: readonly number[] = [1900, 1900, 2000, 2000, 2100, 2100, 2200, 2200, 1800, 1800];

/** The 12-digit personal id rules: PPP province (001–096), G gender/century digit, YY year; returns null if invalid. */
export function describeIdNumber(
  id: string,
): { provinceCode: string; gender: 'Nam' | 'Nữ'; birthYear: number } | null {
  if (!ID_NUMBER.test(id)) return null;
  const provinceCode = id.slice(0, 3);
  const province = Number(provinceCode);
  if (province < PROVINCE_CODE_MIN || province > PROVINCE_CODE_MAX) return null;
  const digit = Number(id[3]);
  const century = CENTURY_BY_DIGIT[digit];
  if (century === undefined) return null;
  return {
    provinceCode,
    gender: digit % 2 === 0 ? 'Nam' : 'Nữ',
    birthYear: century + Number(id.slice(4, 6)),
  };
}

export function parseCccd(raw: string): CccdParse {
  const text = raw.normalize('NFC').trim();
  if (text === '') return { ok: false, reason: 'empty' };
  const bar = text.indexOf('|');
  if (bar < 0) return { ok: false, reason: 'not-cccd' };
  const idNumber = text.slice(0, bar).trim();
  if (!ID_NUMBER.test(idNumber)) return { ok: false, reason: 'not-cccd' };
  const described = describeIdNumber(idNumber);
  if (described === null) return { ok: false, reason: 'bad-id' };

  const fields = bestCopy(text, idNumber).split('|').slice(0, FIELD_COUNT);
  const field = (i: number): string => (fields[i] ?? '').trim();
  const oldIdNumber = field(1);
  const genderField = field(4).toLowerCase();
  return {
    ok: true,
    card: {
      idNumber,
      oldIdNumber: OLD_ID_NUMBER.test(oldIdNumber) ? oldIdNumber : null,
      fullName: cleanText(field(2)),
      birthDate: dmyToIso(field(3)),
      // A gender the scanner garbled ("N?", "Nu") is read from the id number, which encodes it by law.
      gender:
        genderField === ''
          ? null
          : genderField === 'nam'
            ? 'Nam'
            : genderField === 'nữ'
              ? 'Nữ'
              : described.gender,
      address: cleanText(field(5)),
      issueDate: dmyToIso(field(6)),
    },
  };
}

/** The inverse of `parseCccd`, for tests and fixtures. Throws RangeError on a value the format cannot carry. */
export function formatCccdPayload(card: CccdCard): string {
  const text = (value: string | null, name: string): string => {
    if (value === null) return '';
    if (/[|\r\n]/.test(value)) throw new RangeError(`${name} cannot contain '|' or a line break`);
    return value.normalize('NFC');
  };
  return [
    text(card.idNumber, 'idNumber'),
    text(card.oldIdNumber, 'oldIdNumber'),
    text(card.fullName, 'fullName'),
    isoToDmy(card.birthDate, 'birthDate'),
    card.gender ?? '',
    text(card.address, 'address'),
    isoToDmy(card.issueDate, 'issueDate'),
  ].join('|');
}

/**
 * A keyboard-mode scanner may type the payload twice, back to back or with CR/LF between. A copy starts with
 * `ID12|` at the start of a line or after a complete payload (six separators); a 12-digit number inside the
 * first fields (an old 12-digit CMND equal to the id) is not a new copy. Of the copies with the same id, the one
 * with the most fields wins (the first on a tie), so a truncated repeat does not hide a complete one.
 */
function bestCopy(text: string, idNumber: string): string {
  const starts = [0];
  let separators = 0;
  for (let i = 1; i < text.length; i++) {
    const previous = text[i - 1];
    if (previous === '|') separators++;
    const lineStart = previous === '\n' || previous === '\r' || previous === '\t';
    if ((lineStart || separators >= FIELD_COUNT - 1) && PAYLOAD_START.test(text.slice(i, i + 13))) {
      starts.push(i);
      separators = 0;
    }
  }
  let best = text;
  let bestFields = -1;
  starts.forEach((start, n) => {
    const copy = text.slice(start, starts[n + 1]).trim();
    const fields = copy.split('|').length;
    if ((n === 0 || copy.startsWith(`${idNumber}|`)) && fields > bestFields) {
      best = copy;
      bestFields = fields;
    }
  });
  return best;
}

/** Whitespace collapsed; null when empty or when it looks garbled (`?`, controls, no letter at all). */
function cleanText(value: string): string | null {
  const text = value.replace(/\s+/gu, ' ').trim();
  if (text === '' || GARBLED.test(text) || !LETTER.test(text)) return null;
  return text;
}

function dmyToIso(value: string): string | null {
  const match = DMY.exec(value);
  if (!match) return null;
  const [, dd = '', mm = '', yyyy = ''] = match;
  return isCalendarDate(Number(yyyy), Number(mm), Number(dd)) ? `${yyyy}-${mm}-${dd}` : null;
}

function isoToDmy(value: string | null, name: string): string {
  if (value === null) return '';
  const match = ISO_DATE.exec(value);
  if (!match) throw new RangeError(`${name} must be yyyy-mm-dd, got ${JSON.stringify(value)}`);
  const [, yyyy = '', mm = '', dd = ''] = match;
  return `${dd}${mm}${yyyy}`;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
