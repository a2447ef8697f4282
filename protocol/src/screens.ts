import { z } from 'zod';

// ---------- lobby and counter-top screens ----------

/** How a queue number is read aloud: digit by digit ("một không không năm") or as a whole number. */
export const NumberReading = z.enum(['digits', 'whole']);
export type NumberReading = z.infer<typeof NumberReading>;
/** Regional number words: linh/nghìn (north) or lẻ/ngàn (south). */
export const Dialect = z.enum(['north', 'south']);
export type Dialect = z.infer<typeof Dialect>;

export const AnnounceSettings = z.object({
  /** The sentence, with `{number}` and `{counter}`: "Xin mời công dân có số thứ tự {number} đến quầy số {counter}". */
  template: z
    .string()
    .min(1)
    .max(200)
    .refine((t) => t.includes('{number}') && t.includes('{counter}'), 'needs {number} and {counter}'),
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
});
export type ScreenSettings = z.infer<typeof ScreenSettings>;
