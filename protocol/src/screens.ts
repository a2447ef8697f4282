import { z } from 'zod';

// ---------- lobby and counter-top screens ----------

/** How a queue number is read aloud: digit by digit ("một không không năm") or as a whole number. */
export const NumberReading = z.enum(['digits', 'whole']);
export type NumberReading = z.infer<typeof NumberReading>;
/** Regional number words: linh/nghìn (north) or lẻ/ngàn (south). */
export const Dialect = z.enum(['north', 'south']);
export type Dialect = z.infer<typeof Dialect>;

/** `{number}`, `{ Counter }` …: a placeholder of the announcement template, matched without case or spaces. */
export const ANNOUNCE_PLACEHOLDER = /\{([^{}]*)\}/gu;

/**
 * Null when the template can be announced, else why not, in Vietnamese and English (shown to the admin as is).
 * Without `{number}` or `{counter}` a citizen would hear a sentence that does not tell them where to go.
 */
export function validateTemplate(template: string): string | null {
  const t = template.normalize('NFC');
  if (t.trim() === '') return 'Câu thông báo đang trống. / The announcement template is empty.';
  const names = [...t.matchAll(ANNOUNCE_PLACEHOLDER)].map((m) => (m[1] ?? '').trim().toLowerCase());
  const unknown = names.find((n) => n !== 'number' && n !== 'counter');
  if (unknown !== undefined) {
    return (
      `Câu thông báo có chỗ trống lạ {${unknown}}: chỉ dùng {number} và {counter}. / ` +
      `Unknown placeholder {${unknown}}: use only {number} and {counter}.`
    );
  }
  if (/[{}]/u.test(t.replace(ANNOUNCE_PLACEHOLDER, ''))) {
    return 'Câu thông báo có dấu ngoặc { } lẻ. / The template has an unmatched brace { or }.';
  }
  if (!names.includes('number')) {
    return 'Câu thông báo phải có {number} (số thứ tự). / The template must contain {number} (the queue number).';
  }
  if (!names.includes('counter')) {
    return 'Câu thông báo phải có {counter} (số quầy). / The template must contain {counter} (the counter number).';
  }
  return null;
}

export const AnnounceSettings = z.object({
  /** The sentence, with `{number}` and `{counter}`: "Xin mời công dân có số thứ tự {number} đến quầy số {counter}". */
  template: z
    .string()
    .max(200)
    .superRefine((t, ctx) => {
      const problem = validateTemplate(t);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  reading: NumberReading,
  dialect: Dialect,
  /** Extra times the sentence is said after the first (0–2). */
  repeat: z.number().int().min(0).max(2),
});
export type AnnounceSettings = z.infer<typeof AnnounceSettings>;

/** What lobby displays and counter-top screens need besides the queue itself. */
export const ScreenSettings = z.object({
  centerName: z.string(),
  /** The scrolling notice at the bottom of lobby displays; empty = none. */
  notice: z.string(),
  announce: AnnounceSettings,
  /** Base URL of the voice clip pack (`manifest.json` inside): the default pack or the center's own recordings. */
  voicePackUrl: z.string(),
  /** Seconds the counter-top screen asks for a rating after each service. */
  ratingSeconds: z.number().int().positive(),
  /** The counter a counter-top screen is paired to (null for displays and staff). */
  counterId: z.number().int().positive().nullable(),
});
export type ScreenSettings = z.infer<typeof ScreenSettings>;
