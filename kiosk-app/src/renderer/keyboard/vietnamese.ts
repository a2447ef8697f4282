/**
 * The typing logic of the kiosk's on-screen Vietnamese keyboard: the citizen types base letters, then presses a
 * tone key (sắc, huyền, hỏi, ngã, nặng) or a mark key (ă/â ê ô/ơ ư/đ), which acts on the word being typed.
 * Pure string functions; every result is NFC, whatever the input.
 *
 * Tones go where the traditional orthography puts them (hòa, thủy, Nguyễn, người), the style of names on ID
 * cards. A letter is handled as base + mark + tone, read from and written back to its NFC form.
 */

export type Tone = 'none' | 'sac' | 'huyen' | 'hoi' | 'nga' | 'nang';
export type Mark = 'breve' | 'circumflex' | 'horn' | 'stroke'; // ă / â ê ô / ơ ư / đ

type Tonal = Exclude<Tone, 'none'>;

const TONE_CHARS: Record<Tonal, string> = {
  sac: '\u0301',
  huyen: '\u0300',
  hoi: '\u0309',
  nga: '\u0303',
  nang: '\u0323',
};
const MARK_CHARS: Record<Exclude<Mark, 'stroke'>, string> = {
  breve: '\u0306',
  circumflex: '\u0302',
  horn: '\u031B',
};
const TONE_BY_CHAR = new Map(Object.entries(TONE_CHARS).map(([tone, char]) => [char, tone as Tonal]));
const MARK_BY_CHAR = new Map(Object.entries(MARK_CHARS).map(([mark, char]) => [char, mark as Mark]));
/** Which base letters take which mark. */
const TAKES_MARK: Record<Mark, string> = { breve: 'a', circumflex: 'aeo', horn: 'ou', stroke: 'd' };
const VOWELS = 'aeiouy';
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const COMBINING_MARK = /\p{M}/u;
const ASCII_LETTER = /^[a-z]$/i;

/** A Vietnamese letter: an ASCII base letter (its case is the letter's case), a mark and a tone. */
interface Letter {
  base: string;
  mark: Mark | null;
  tone: Tone;
}

/** One grapheme of the last word; `letter` is null for anything that is not a Vietnamese letter. */
interface Unit {
  text: string;
  letter: Letter | null;
}

/** Applies a tone to the word ending at the end of `text` (last run of letters), on the vowel Vietnamese orthography puts it on; pressing the same tone again removes it. Returns NFC. If the word has no vowel, returns text unchanged. */
export function applyTone(text: string, tone: Tone): string {
  const { head, units } = splitLastWord(text.normalize('NFC'));
  const syllable = lastSyllable(units);
  if (syllable === null) return head + joinUnits(units);
  const toned = tonedVowels(units, syllable);
  const current = toned.length === 1 ? toned[0] : undefined;
  const again = current !== undefined && current === syllable.toneAt && units[current]?.letter?.tone === tone;
  setTone(units, syllable, again ? 'none' : tone);
  return (head + joinUnits(units)).normalize('NFC');
}

/** Applies a letter mark to the last letter that can take it in the last word (a→ă/â, e→ê, o→ô/ơ, u→ư, d→đ; 'uo'+horn → 'ươ'), keeping its tone and case; same mark again removes it. */
export function applyMark(text: string, mark: Mark): string {
  const { head, units } = splitLastWord(text.normalize('NFC'));
  const targets = markTargets(units, mark);
  const last = targets.at(-1);
  const lastLetter = last === undefined ? null : units[last]?.letter;
  if (!lastLetter) return head + joinUnits(units);
  const remove = lastLetter.mark === mark;
  for (const i of targets) {
    const unit = units[i];
    if (!unit?.letter) continue;
    if (remove && unit.letter.mark !== mark) continue;
    setLetter(unit, { ...unit.letter, mark: remove ? null : mark });
  }
  // A mark can change where the tone belongs (Nguỹen + ^ → Nguyễn): move a single tone to its place.
  const syllable = lastSyllable(units);
  if (syllable !== null) {
    const toned = tonedVowels(units, syllable);
    const at = toned.length === 1 ? toned[0] : undefined;
    const tone = at === undefined ? undefined : units[at]?.letter?.tone;
    if (tone !== undefined && at !== syllable.toneAt) setTone(units, syllable, tone);
  }
  return (head + joinUnits(units)).normalize('NFC');
}

/** Capitalises the first letter of every word (for names), NFC. */
export function capitalizeWords(text: string): string {
  return text
    .normalize('NFC')
    .replace(/(?<![\p{L}\p{M}\p{N}])\p{L}/gu, (letter) => letter.toUpperCase())
    .normalize('NFC');
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Removes the last grapheme (a letter with its tone and marks is one character in NFC). */
export function backspace(text: string): string {
  const nfc = text.normalize('NFC');
  let lastStart = 0;
  for (const segment of graphemes.segment(nfc)) lastStart = segment.index;
  return nfc.slice(0, lastStart).normalize('NFC');
}

// ---- words and letters ----

/** Splits NFC text into what comes before the last run of letters and that run, one unit per grapheme. */
function splitLastWord(text: string): { head: string; units: Unit[] } {
  const chars = Array.from(text);
  let start = chars.length;
  while (start > 0 && LETTER_OR_MARK.test(chars[start - 1] ?? '')) start--;
  const units: Unit[] = [];
  for (const char of chars.slice(start)) {
    const previous = units.at(-1);
    if (previous && COMBINING_MARK.test(char)) {
      previous.text += char;
      previous.letter = readLetter(previous.text);
    } else {
      units.push({ text: char, letter: readLetter(char) });
    }
  }
  return { head: chars.slice(0, start).join(''), units };
}

function joinUnits(units: readonly Unit[]): string {
  return units.map((unit) => unit.text).join('');
}

function readLetter(grapheme: string): Letter | null {
  if (grapheme === 'đ') return { base: 'd', mark: 'stroke', tone: 'none' };
  if (grapheme === 'Đ') return { base: 'D', mark: 'stroke', tone: 'none' };
  const [base = '', ...combining] = Array.from(grapheme.normalize('NFD'));
  if (!ASCII_LETTER.test(base)) return null;
  let mark: Mark | null = null;
  let tone: Tone = 'none';
  for (const char of combining) {
    const t = TONE_BY_CHAR.get(char);
    const m = MARK_BY_CHAR.get(char);
    if (t !== undefined && tone === 'none') tone = t;
    else if (m !== undefined && mark === null) mark = m;
    else return null;
  }
  if (tone !== 'none' && !VOWELS.includes(base.toLowerCase())) return null;
  if (mark !== null && !TAKES_MARK[mark].includes(base.toLowerCase())) return null;
  return { base, mark, tone };
}

function writeLetter(letter: Letter): string {
  if (letter.mark === 'stroke') return letter.base === 'D' ? 'Đ' : 'đ';
  const mark = letter.mark === null ? '' : MARK_CHARS[letter.mark];
  const tone = letter.tone === 'none' ? '' : TONE_CHARS[letter.tone];
  return (letter.base + mark + tone).normalize('NFC');
}

function setLetter(unit: Unit, letter: Letter): void {
  unit.letter = letter;
  unit.text = writeLetter(letter);
}

function baseOf(unit: Unit | undefined): string {
  return unit?.letter?.base.toLowerCase() ?? '';
}

function isVowel(unit: Unit | undefined): boolean {
  return unit?.letter != null && unit.letter.mark !== 'stroke' && VOWELS.includes(baseOf(unit));
}

// ---- tone placement ----

/**
 * The last vowel cluster of the word: `first..end` are its vowels, `toneAt` is the vowel that takes the tone.
 * The `u` of an initial `qu` and the `i` of an initial `gi` are in the cluster (a tone typed on them moves) but
 * do not count for placement when another vowel follows.
 */
interface Syllable {
  first: number;
  end: number;
  toneAt: number;
}

function lastSyllable(units: readonly Unit[]): Syllable | null {
  let end = units.length - 1;
  while (end >= 0 && !isVowel(units[end])) end--;
  if (end < 0) return null;
  let first = end;
  while (first > 0 && isVowel(units[first - 1])) first--;
  let start = first;
  if (start === 1 && end > start && units[1]?.letter?.mark === null) {
    const pair = baseOf(units[0]) + baseOf(units[1]);
    if (pair === 'qu' || pair === 'gi') start = 2;
  }
  return { first, end, toneAt: placeTone(units, start, end) };
}

function placeTone(units: readonly Unit[], start: number, end: number): number {
  for (let i = end; i >= start; i--) if (units[i]?.letter?.mark != null) return i; // ươ → ơ: the last marked one
  const size = end - start + 1;
  if (size === 1) return start;
  if (size >= 3) return start + 1;
  return end < units.length - 1 ? end : start; // hoàng, tiếng / hòa, thủy, mùa, tài
}

function tonedVowels(units: readonly Unit[], syllable: Syllable): number[] {
  const toned: number[] = [];
  for (let i = syllable.first; i <= syllable.end; i++) {
    const tone = units[i]?.letter?.tone;
    if (tone !== undefined && tone !== 'none') toned.push(i);
  }
  return toned;
}

function setTone(units: readonly Unit[], syllable: Syllable, tone: Tone): void {
  for (let i = syllable.first; i <= syllable.end; i++) {
    const unit = units[i];
    if (!unit?.letter) continue;
    const wanted = i === syllable.toneAt ? tone : 'none';
    if (unit.letter.tone !== wanted) setLetter(unit, { ...unit.letter, tone: wanted });
  }
}

// ---- mark placement ----

/**
 * The letters a mark key acts on: the last letter of the word that can take it, except that the horn goes on
 * both letters of `uo` (ươ: người, Trương) and on the first `u` of `uu` (ưu: Lưu, cứu) in the last vowel cluster.
 */
function markTargets(units: readonly Unit[], mark: Mark): number[] {
  if (mark === 'horn') {
    const syllable = lastSyllable(units);
    if (syllable !== null) {
      const afterQu = syllable.first === 1 && baseOf(units[0]) === 'q' ? 2 : syllable.first;
      for (let i = syllable.end - 1; i >= afterQu; i--) {
        const pair = baseOf(units[i]) + baseOf(units[i + 1]);
        if (pair === 'uo') return [i, i + 1];
        if (pair === 'uu') return [i];
      }
    }
  }
  for (let i = units.length - 1; i >= 0; i--) {
    if (TAKES_MARK[mark].includes(baseOf(units[i]))) return [i];
  }
  return [];
}

/** The seven marked letters as keys: their base letter and the mark that turns the base into them. */
const MARKED_LETTERS: Record<string, { base: string; mark: Mark }> = {
  ă: { base: 'a', mark: 'breve' },
  â: { base: 'a', mark: 'circumflex' },
  ê: { base: 'e', mark: 'circumflex' },
  ô: { base: 'o', mark: 'circumflex' },
  ơ: { base: 'o', mark: 'horn' },
  ư: { base: 'u', mark: 'horn' },
  đ: { base: 'd', mark: 'stroke' },
};

/**
 * A marked-letter key (ă â đ ê ô ơ ư, either case). Right after its own base letter it marks that letter,
 * keeping its tone and case — "nguye" + ê → "nguyê", "nguo" + ơ → "ngươ" — since "eê" is never Vietnamese and
 * a citizen who typed the plain letter first should not have to delete it; otherwise it types the letter.
 */
export function typeMarkedLetter(text: string, letter: string): string {
  const marked = MARKED_LETTERS[letter.toLowerCase()];
  const last = [...text.normalize('NFD').replace(/\p{M}/gu, '')].pop()?.toLowerCase();
  if (marked && last === marked.base) return applyMark(text, marked.mark);
  return (text + letter).normalize('NFC');
}
