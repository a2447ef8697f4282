import { z } from 'zod';

/**
 * Names and free text typed by people reach the slip, the lobby screens and the province: they are compared and
 * stored in NFC, measured after normalising (an NFD "Nguyễn" is longer than its NFC form), and refused when they
 * hold what no printer or screen should get. Messages are "tiếng Việt / English" like every other.
 */

/** C0 and C1 controls and DEL; a multi-line text keeps its line feeds (and CRs and tabs, rendered as spaces). */
const CONTROL = /\p{Cc}/u;
const CONTROL_MULTILINE = /(?![\n\r\t])\p{Cc}/u;
/** Half of a surrogate pair without its other half (JSON's `"\ud800"` gives one): no font or encoder takes it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Line and paragraph separators: line breaks a single-line field must not hold either. */
const SEPARATOR = /[\u2028\u2029]/;
/** Bidi embeddings, overrides and isolates: they reorder what follows them (the "Trojan source" trick). */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
/** Nothing a person can see: white space and format characters (zero-width spaces and joiners, BOM, …). */
const INVISIBLE_ONLY = /^[\s\p{Cf}]*$/u;

export const TEXT_PROBLEMS = {
  control:
    'Có ký tự điều khiển hoặc xuống dòng không được phép / Contains a control character or a line break',
  surrogate:
    'Có ký tự Unicode hỏng (nửa cặp thay thế) / Contains a broken Unicode character (lone surrogate)',
  bidi: 'Có ký tự đảo chiều văn bản / Contains a bidirectional override character',
  invisible: 'Không có ký tự nhìn thấy được / Contains no visible character',
} as const;
export type TextProblem = keyof typeof TEXT_PROBLEMS;

/** Why `text` (already NFC and trimmed) cannot be stored, or null when it can; the empty text is left to `min`. */
export function textProblem(text: string, options: { multiline?: boolean } = {}): TextProblem | null {
  if (LONE_SURROGATE.test(text)) return 'surrogate';
  if ((options.multiline ? CONTROL_MULTILINE : CONTROL).test(text)) return 'control';
  if (!options.multiline && SEPARATOR.test(text)) return 'control';
  if (BIDI.test(text)) return 'bidi';
  if (text.length > 0 && INVISIBLE_ONLY.test(text)) return 'invisible';
  return null;
}

export interface TextOptions {
  /** Line breaks allowed (a transfer note); names and labels are single-line. */
  multiline?: boolean;
  /** The empty text allowed (a notice that can be cleared). */
  allowEmpty?: boolean;
}

/** A name or free text: NFC, trimmed, then measured (1..max characters) and checked by `textProblem`. */
export const Text = (max: number, options: TextOptions = {}) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(options.allowEmpty ? 0 : 1)
        .max(max)
        .superRefine((s, ctx) => {
          const problem = textProblem(s, options);
          if (problem) ctx.addIssue({ code: 'custom', message: TEXT_PROBLEMS[problem], params: { problem } });
        }),
    );
