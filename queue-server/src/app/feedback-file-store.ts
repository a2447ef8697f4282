import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEEDBACK_LIMITS, type FeedbackUpload } from '@layso/protocol';
import { privateDir, PRIVATE_FILE } from '../db/files.js';
import { AppError, rawCodeOf } from '../errors.js';
import { sanitizeJpeg } from './feedback-files/jpeg.js';
import { invalidFile } from './feedback-files/limits.js';
import {
  clearStalePdfFolders,
  PDF_RASTER,
  PdfToolMissing,
  rasterisePdf,
  type PdfRasterOptions,
} from './feedback-files/pdf.js';
import { sanitizePng } from './feedback-files/png.js';

/**
 * The pictures attached to feedback cases: checked and stripped (or, for a PDF, drawn as pictures) before they are
 * kept, then stored under DATA_DIR/feedback-files/ — owner-only, random names, never under the web root; only the
 * register's staff read them, through the server (feedbackFile).
 */

/** A picture ready to keep: metadata gone, type proven; `page` = the PDF page it was drawn from. */
export interface PreparedFile {
  type: 'image/jpeg' | 'image/png';
  bytes: Buffer;
  page: number | null;
}

export interface FeedbackFileStore {
  /** Uploads → pictures to keep; refuses (AppError) a file too large, of another type, or damaged. */
  prepare(uploads: FeedbackUpload[]): Promise<PreparedFile[]>;
  /** Writes the pictures; returns their stored names, in order. Nothing is left behind when one write fails. */
  save(files: PreparedFile[]): string[];
  /** Deletes stored pictures (unknown names are ignored). */
  remove(names: string[]): void;
  /**
   * Deletes the stored pictures not in `kept` last written before `before` (ms): a crash between writing a case's
   * pictures and committing its row leaves them unnamed. Returns how many went.
   */
  removeOrphans(kept: ReadonlySet<string>, before: number): number;
  /** A stored picture's bytes, or null (no such name, or not a name this store makes). */
  read(name: string): Buffer | null;
}

export interface FeedbackFileStoreOptions {
  pdf?: Partial<PdfRasterOptions>;
  /** PDFs that may wait behind the one being drawn; one more is refused (LAYSO_FEEDBACK_LIMIT). */
  pdfWaiting?: number;
  /** Where the one warning about a missing pdftoppm goes. */
  warn?: (message: string) => void;
}

export const FEEDBACK_FILES_DIR = 'feedback-files';

/** 128 random bits in hex, and the type's extension: nothing a citizen sent ends up in a path. */
const NAME = /^[0-9a-f]{32}\.(?:jpg|png)$/;
const EXTENSION = { 'image/jpeg': 'jpg', 'image/png': 'png' } as const;

const MAGIC: Record<FeedbackUpload['type'], Buffer> = {
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'application/pdf': Buffer.from('%PDF-', 'latin1'),
};

/** The upload's bytes, within the size limit and starting as its claimed type does. */
function decode(upload: FeedbackUpload): Buffer {
  const bytes = Buffer.from(upload.data, 'base64');
  if (bytes.length > FEEDBACK_LIMITS.fileBytes) throw new AppError('LAYSO_FEEDBACK_FILE_TOO_LARGE');
  const magic = MAGIC[upload.type];
  if (bytes.length <= magic.length || !bytes.subarray(0, magic.length).equals(magic)) throw invalidFile();
  return bytes;
}

export function createFeedbackFileStore(
  dataDir: string,
  options: FeedbackFileStoreOptions = {},
): FeedbackFileStore {
  const dir = join(dataDir, FEEDBACK_FILES_DIR);
  const pdf: PdfRasterOptions = { ...PDF_RASTER, ...options.pdf };
  const warn = options.warn ?? ((message: string) => console.warn(message));
  let warnedMissing = false;
  let dirReady = false;
  // A crash or a kill during a drawing leaves its throwaway folder behind.
  clearStalePdfFolders(pdf.tmpDir);
  // One PDF drawn at a time on the whole server: each is a process of its own, and the center's box is small. The
  // line is short: each request in it holds its upload (up to ~24 MiB) and each drawing may take the full timeout,
  // so a burst of PDFs is refused rather than queued without end.
  const maxInLine = 1 + (options.pdfWaiting ?? 2);
  let inLine = 0;
  let pdfLane: Promise<unknown> = Promise.resolve();
  const drawPdf = (bytes: Buffer): Promise<Buffer[]> => {
    if (inLine >= maxInLine) throw new AppError('LAYSO_FEEDBACK_LIMIT');
    inLine += 1;
    const draw = () => rasterisePdf(bytes, pdf);
    const run = pdfLane.then(draw, draw).finally(() => {
      inLine -= 1;
    });
    pdfLane = run.catch(() => undefined);
    return run;
  };

  async function prepareOne(upload: FeedbackUpload): Promise<PreparedFile[]> {
    const bytes = decode(upload);
    switch (upload.type) {
      case 'image/jpeg':
        return [{ type: 'image/jpeg', bytes: sanitizeJpeg(bytes), page: null }];
      case 'image/png':
        return [{ type: 'image/png', bytes: await sanitizePng(bytes), page: null }];
      case 'application/pdf': {
        let pages: Buffer[];
        try {
          pages = await drawPdf(bytes);
        } catch (e) {
          if (!(e instanceof PdfToolMissing)) throw e;
          if (!warnedMissing) {
            warnedMissing = true;
            warn(
              `feedback: ${e.command} not found — PDF attachments are refused; install Debian's poppler-utils`,
            );
          }
          throw new AppError('LAYSO_FEEDBACK_FILE_TYPE');
        }
        // Our own drawing, still passed through the JPEG check: its sides and structure are proven like a photo's.
        return pages.map((page, i) => ({ type: 'image/jpeg', bytes: sanitizeJpeg(page), page: i + 1 }));
      }
    }
  }

  const pathOf = (name: string) => join(dir, name);
  const remove = (names: string[]) => {
    for (const name of names) if (NAME.test(name)) rmSync(pathOf(name), { force: true });
  };

  return {
    async prepare(uploads) {
      const prepared: PreparedFile[] = [];
      // One at a time: a PDF's drawing is the heaviest thing a citizen can ask of this server.
      for (const upload of uploads) prepared.push(...(await prepareOne(upload)));
      return prepared;
    },
    save(files) {
      if (!dirReady) {
        privateDir(dir);
        dirReady = true;
      }
      const names: string[] = [];
      try {
        for (const file of files) {
          const name = `${randomBytes(16).toString('hex')}.${EXTENSION[file.type]}`;
          // 'wx': a name is never reused, even in the 2^-128 case; the mode is set at creation, never widened.
          writeFileSync(pathOf(name), file.bytes, { mode: PRIVATE_FILE, flag: 'wx' });
          names.push(name);
        }
      } catch (e) {
        remove(names);
        throw e;
      }
      return names;
    },
    remove,
    removeOrphans(kept, before) {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch (e) {
        if (rawCodeOf(e) === 'ENOENT') return 0;
        throw e;
      }
      const orphans = names.filter((name) => {
        if (!NAME.test(name) || kept.has(name)) return false;
        try {
          return statSync(pathOf(name)).mtimeMs < before;
        } catch (e) {
          if (rawCodeOf(e) === 'ENOENT') return false;
          throw e;
        }
      });
      remove(orphans);
      return orphans.length;
    },
    read(name) {
      if (!NAME.test(name)) return null;
      try {
        return readFileSync(pathOf(name));
      } catch (e) {
        if (rawCodeOf(e) === 'ENOENT') return null;
        throw e;
      }
    },
  };
}
