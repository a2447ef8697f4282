import { AppError } from '../../errors.js';

/**
 * The largest picture side kept, in pixels. A few kilobytes of compressed data can claim a picture of
 * gigapixels (a decompression bomb) that would exhaust the memory of whoever decodes it — the register's browser,
 * or this server when it checks a PNG's data: such a file is refused before anything is decoded.
 */
export const MAX_SIDE = 8000;

/** Not a file of the type it claims (or damaged, or too many pixels): the one refusal every parser throws. */
export const invalidFile = (): AppError => new AppError('LAYSO_FEEDBACK_FILE_INVALID');

/** Both sides within 1..MAX_SIDE, else the file is refused. */
export function checkSides(width: number, height: number): void {
  if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) throw invalidFile();
}
