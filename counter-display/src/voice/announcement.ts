/**
 * What the lobby display says when a number is called (vietnam.md, "Calling and announcing"): a chime, then a
 * sentence such as "Xin mời công dân có số thứ tự một không không năm đến quầy số ba", said once more if the
 * center wants it. The sentence comes from a template the center edits, so that "Kính mời …" or "khách hàng"
 * wording is a setting, not a code change.
 *
 * Pure: no DOM, no audio. A sentence is given in two forms, because the two engines need different things:
 *   - `text`, the human sentence, for the browser's Web Speech voice and for the on-screen / aria-live caption;
 *   - `parts`, ordered lookup keys, for a clip pack: the template's literal pieces whole (so that a recorded
 *     "xin mời công dân có số thứ tự" is played in one breath) and the number's words one by one (a pack records
 *     each word once and every number is put together from them).
 */
import { ANNOUNCE_PLACEHOLDER, validateTemplate, type AnnounceSettings } from '@layso/protocol';
import { queueNumberWords, wholeNumberWords } from './number-words.js';

export type { AnnounceSettings };

/** Vĩnh Long is in the south: "lẻ" and "ngàn". Digit by digit, as most centers call numbers. */
export const DEFAULT_ANNOUNCE: AnnounceSettings = Object.freeze({
  template: 'Xin mời công dân có số thứ tự {number} đến quầy số {counter}',
  reading: 'digits',
  dialect: 'south',
  repeat: 1,
});

/** More than twice more is noise for everyone else in the lobby. */
export const MAX_REPEAT = 2;

export type Utterance = { kind: 'chime' } | { kind: 'speech'; text: string; parts: string[] };

type Segment = { kind: 'text'; text: string } | { kind: 'number' } | { kind: 'counter' };

const PLACEHOLDER = ANNOUNCE_PLACEHOLDER;

/**
 * A phrase as a clip pack's manifest keys it: NFC, lower case, punctuation dropped, words separated by one space.
 * A hyphen inside a word is kept, because letter names are written that way ("e-lờ", "ích-xì").
 */
export function phraseKey(text: string): string {
  const words = text
    .normalize('NFC')
    .toLowerCase()
    .match(/[\p{L}\p{M}\p{N}]+(?:-[\p{L}\p{M}\p{N}]+)*/gu);
  return words ? words.join(' ') : '';
}

/** Placeholders are forgiving about case and spaces ("{ Number }"), since staff type the template. */
function placeholderName(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Throws a RangeError with the validation message: an invalid template is a settings bug, caught at save time. */
function segments(template: string): Segment[] {
  const error = validateTemplate(template);
  if (error !== null) throw new RangeError(error);
  const t = template.normalize('NFC');
  const out: Segment[] = [];
  let at = 0;
  for (const m of t.matchAll(PLACEHOLDER)) {
    const index = m.index ?? 0;
    if (index > at) out.push({ kind: 'text', text: t.slice(at, index) });
    out.push({ kind: placeholderName(m[1] ?? '') === 'number' ? 'number' : 'counter' });
    at = index + m[0].length;
  }
  if (at < t.length) out.push({ kind: 'text', text: t.slice(at) });
  return out;
}

const words = (said: string): string[] => said.split(/\s+/u).filter((w) => w !== '');

function numberSaid(settings: AnnounceSettings, number: string): string {
  return queueNumberWords(number, settings.reading, settings.dialect);
}

function counterSaid(settings: AnnounceSettings, counterNumber: number): string {
  return wholeNumberWords(counterNumber, settings.dialect);
}

/**
 * The sentence as ordered clip keys: each literal piece of the template whole (`phraseKey`), each word of the
 * queue number and of the counter number on its own. Throws RangeError for an invalid template, a malformed
 * queue number or a counter number that is not a whole number.
 */
export function sentenceParts(settings: AnnounceSettings, number: string, counterNumber: number): string[] {
  const numberWords = words(numberSaid(settings, number)).map(phraseKey);
  const counterWords = words(counterSaid(settings, counterNumber)).map(phraseKey);
  const parts: string[] = [];
  for (const s of segments(settings.template)) {
    if (s.kind === 'number') parts.push(...numberWords);
    else if (s.kind === 'counter') parts.push(...counterWords);
    else {
      const key = phraseKey(s.text);
      if (key !== '') parts.push(key);
    }
  }
  return parts;
}

/**
 * The sentence as a person reads it: the template's own wording, case and punctuation, numbers in words, spaces
 * tidied, first letter upper case (a template may start with `{number}`).
 */
export function sentenceText(settings: AnnounceSettings, number: string, counterNumber: number): string {
  const numberText = numberSaid(settings, number);
  const counterText = counterSaid(settings, counterNumber);
  const text = segments(settings.template)
    .map((s) => (s.kind === 'number' ? numberText : s.kind === 'counter' ? counterText : s.text))
    .join(' ')
    .replace(/\s+/gu, ' ')
    .replace(/\s+(?=[,.;:!?…])/gu, '')
    .trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `repeat` as a count of extra sentences: 0..MAX_REPEAT, whole, NaN as 0. */
export function clampRepeat(repeat: number): number {
  if (!Number.isFinite(repeat)) return 0;
  return Math.min(MAX_REPEAT, Math.max(0, Math.floor(repeat)));
}

/** One announcement: the chime, the sentence, and the sentence again `repeat` times. */
export function announcementScript(
  settings: AnnounceSettings,
  number: string,
  counterNumber: number,
): Utterance[] {
  const text = sentenceText(settings, number, counterNumber);
  const parts = sentenceParts(settings, number, counterNumber);
  const times = 1 + clampRepeat(settings.repeat);
  const script: Utterance[] = [{ kind: 'chime' }];
  for (let i = 0; i < times; i += 1) script.push({ kind: 'speech', text, parts: [...parts] });
  return script;
}
