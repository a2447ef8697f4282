import { FEEDBACK_LIMITS, type FeedbackFileType } from '@layso/protocol/feedback-input';
import { format, type Bilingual } from '@layso/ui-kit/i18n';
import { F } from './texts.js';

/** A photo's longer side once shrunk in the browser (what a staff member needs to read it, a fraction of the bytes). */
export const PHOTO_MAX_SIDE = 1600;
/** JPEG quality of a shrunk photo. */
const PHOTO_QUALITY = 0.85;

/** A file as the form sends it: its type and its bytes in base64 (FeedbackUpload), with a name to show. */
export interface Attachment {
  name: string;
  type: FeedbackFileType;
  data: string;
  bytes: number;
}

/** What a picked file is to the form: a photo to shrink, a PDF to send as is, or a refusal in both languages. */
export type Checked = { kind: 'photo' } | { kind: 'pdf' } | { kind: 'refused'; why: Bilingual };

/**
 * Checks a picked file before anything is read: JPEG and PNG photos (shrunk before sending, so any size goes), PDFs
 * up to FEEDBACK_LIMITS.fileBytes; every other type refused here, in words, before a byte is sent.
 */
export function checkFile(file: { name: string; type: string; size: number }): Checked {
  const name = file.name.length > 40 ? `${file.name.slice(0, 37)}…` : file.name;
  if (file.type === 'image/jpeg' || file.type === 'image/png') return { kind: 'photo' };
  if (file.type !== 'application/pdf') return { kind: 'refused', why: format(F.fileType, { name }) };
  if (file.size > FEEDBACK_LIMITS.fileBytes) return { kind: 'refused', why: format(F.fileSize, { name }) };
  return { kind: 'pdf' };
}

/** A picture's size fitted within `max` on its longer side, never enlarged. */
export function fitWithin(
  width: number,
  height: number,
  max = PHOTO_MAX_SIDE,
): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A Blob's bytes in base64 (what the endpoint takes), without the data-URL prefix. */
function base64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      const url = typeof r.result === 'string' ? r.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(blob);
  });
}

/** A photo decoded by the browser (an old phone may lack createImageBitmap: an <img> works everywhere). */
function decode(file: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('not a picture'));
    };
    img.src = url;
  });
}

/**
 * A photo redrawn on a canvas as a JPEG at most PHOTO_MAX_SIDE on its longer side: smaller to send on a slow link,
 * and drawn pixels carry none of the original's metadata (EXIF with the place it was taken, the camera). A PNG's
 * transparency becomes white. The server strips and checks again: this is for the citizen's bytes and privacy.
 */
async function shrinkPhoto(file: File): Promise<Blob> {
  const img = await decode(file);
  const { width, height } = fitWithin(img.naturalWidth, img.naturalHeight);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no canvas');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, width, height);
  g.drawImage(img, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no JPEG'))), 'image/jpeg', PHOTO_QUALITY),
  );
}

/** A picked file made ready to send, or why it cannot be. */
export async function prepare(
  file: File,
): Promise<{ ok: true; value: Attachment } | { ok: false; why: Bilingual }> {
  const checked = checkFile(file);
  if (checked.kind === 'refused') return { ok: false, why: checked.why };
  if (checked.kind === 'pdf')
    return {
      ok: true,
      value: { name: file.name, type: 'application/pdf', data: await base64(file), bytes: file.size },
    };
  try {
    const jpeg = await shrinkPhoto(file);
    return {
      ok: true,
      value: { name: file.name, type: 'image/jpeg', data: await base64(jpeg), bytes: jpeg.size },
    };
  } catch {
    return { ok: false, why: format(F.fileUnreadable, { name: file.name }) };
  }
}
