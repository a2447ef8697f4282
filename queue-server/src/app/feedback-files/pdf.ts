import { execFile } from 'node:child_process';
import { accessSync, constants, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { AppError } from '../../errors.js';
import { invalidFile } from './limits.js';

/**
 * A PDF drawn as JPEG pages by Debian's poppler-utils (`pdftoppm`), in a throwaway folder, with a timeout and, when
 * util-linux's `prlimit` is there, a cap on its memory; the PDF itself is never kept (it may hold scripts,
 * attachments, forms, and metadata no one reads). Pages are drawn at a fixed size (`-scale-to`, the long side)
 * rather than a resolution: a page can claim to be 200 inches wide, and at 110 dpi that is a bitmap of gigabytes in
 * pdftoppm before anything could check it.
 */

export interface PdfRasterOptions {
  /** The program; a test names a missing one. */
  command: string;
  timeoutMs: number;
  /** Pages drawn at most (the first ones). */
  maxPages: number;
  /** The long side of a drawn page, in pixels (1600 ≈ 140 dpi on A4: a scan stays readable). */
  longSide: number;
  /** Bytes of one drawn page at most (a page of noise compresses badly). */
  maxPageBytes: number;
  /** The address space pdftoppm may use (`prlimit --as`): a crafted PDF cannot take the server's memory. */
  memoryBytes: number;
  /** The `prlimit` program, or null to run pdftoppm without a memory cap (util-linux missing). */
  prlimit: string | null;
  /** Where the throwaway folders go. */
  tmpDir: string;
}

/** `command`'s path when it can be run: a path as given, a bare name looked up on PATH; else null. */
export function findProgram(command: string): string | null {
  const runnable = (path: string) => {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  };
  if (command.includes('/')) return runnable(command) ? command : null;
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((d) => d !== '');
  return dirs.map((d) => join(d, command)).find(runnable) ?? null;
}

export const PDF_RASTER: PdfRasterOptions = {
  command: 'pdftoppm',
  timeoutMs: 20_000,
  maxPages: 5,
  longSide: 1600,
  maxPageBytes: 4 * 1024 * 1024,
  memoryBytes: 512 * 1024 * 1024,
  prlimit: findProgram('prlimit'),
  tmpDir: tmpdir(),
};

/** The prefix of the throwaway folders (a crash or a kill leaves one behind: cleared at the next start). */
const TEMP_PREFIX = 'layso-pdf-';
/** Far beyond any drawing's timeout: a folder this old is no drawing's, in this process or another. */
const STALE_MS = 10 * 60_000;

/** Removes `layso-pdf-*` folders in `dir` older than 10 minutes (left by a crash); returns how many went. */
export function clearStalePdfFolders(dir: string, now = Date.now()): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let cleared = 0;
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const path = join(dir, name);
    try {
      const s = statSync(path);
      if (!s.isDirectory() || now - s.mtimeMs < STALE_MS) continue;
      rmSync(path, { recursive: true, force: true });
      cleared += 1;
    } catch {
      // Gone meanwhile, or not ours to remove: nothing to clear.
    }
  }
  return cleared;
}

/** pdftoppm is not installed: the caller refuses PDFs (LAYSO_FEEDBACK_FILE_TYPE) and says why once. */
export class PdfToolMissing extends Error {
  constructor(readonly command: string) {
    super(`${command} not found`);
  }
}

const isPdf = (bytes: Buffer) => bytes.subarray(0, 5).toString('latin1') === '%PDF-';

function run(command: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      // Its messages are not read; a bound keeps a chatty damaged file from filling memory.
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024, windowsHide: true },
      (error) => (error ? reject(error) : resolve()),
    );
  });
}

/**
 * The program could not be started: ENOENT/EACCES from the spawn itself, or prlimit's 127/126 ("failed to
 * execute"), codes pdftoppm never exits with.
 */
const missing = (e: unknown, underPrlimit: boolean) =>
  typeof e === 'object' &&
  e !== null &&
  'code' in e &&
  (e.code === 'ENOENT' || e.code === 'EACCES' || (underPrlimit && (e.code === 127 || e.code === 126)));

/** The first pages of the PDF as JPEG files, in page order; a damaged or encrypted PDF is refused. */
export async function rasterisePdf(bytes: Buffer, options: PdfRasterOptions = PDF_RASTER): Promise<Buffer[]> {
  if (!isPdf(bytes)) throw invalidFile();
  // mkdtemp makes the folder owner-only; under systemd the unit's PrivateTmp keeps it from other services too.
  const dir = await mkdtemp(join(options.tmpDir, TEMP_PREFIX));
  try {
    const input = join(dir, 'in.pdf');
    await writeFile(input, bytes, { mode: 0o600 });
    const args = ['-jpeg', '-jpegopt', 'quality=85', '-scale-to', String(options.longSide)];
    args.push('-f', '1', '-l', String(options.maxPages), input, join(dir, 'p'));
    const capped = options.prlimit !== null;
    try {
      if (options.prlimit === null) await run(options.command, args, options.timeoutMs);
      else
        await run(
          options.prlimit,
          [`--as=${options.memoryBytes}`, '--', options.command, ...args],
          options.timeoutMs,
        );
    } catch (e) {
      if (missing(e, capped)) throw new PdfToolMissing(options.command);
      throw invalidFile();
    }
    // pdftoppm pads page numbers to the width of the last page's number: p-1.jpg or p-01.jpg.
    const pages = (await readdir(dir))
      .map((name) => ({ name, page: /^p-(\d+)\.jpg$/.exec(name)?.[1] }))
      .filter((p): p is { name: string; page: string } => p.page !== undefined)
      .map((p) => ({ name: p.name, page: Number(p.page) }))
      .sort((a, b) => a.page - b.page);
    if (pages.length === 0 || pages.length > options.maxPages) throw invalidFile();
    const drawn: Buffer[] = [];
    for (const p of pages) {
      const path = join(dir, p.name);
      if ((await stat(path)).size > options.maxPageBytes) throw new AppError('LAYSO_FEEDBACK_FILE_TOO_LARGE');
      drawn.push(await readFile(path));
    }
    return drawn;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
