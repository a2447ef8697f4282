import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeedbackUpload } from '@layso/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLAIN_JPEG, tinyPdf } from '../testing/feedback-files.js';
import { createFeedbackFileStore } from './feedback-file-store.js';
import { PDF_RASTER } from './feedback-files/pdf.js';

/** What a PDF may cost the server: one drawn at a time, a short line behind it, a memory cap, no folder left over. */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'layso-feedback-pdf-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const pdf = (pages = 1): FeedbackUpload => ({
  type: 'application/pdf',
  data: tinyPdf(pages).toString('base64'),
});

/** A pdftoppm that first runs `before` (a shell line), then draws. */
function tool(name: string, before: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${before}\nexec pdftoppm "$@"\n`, { mode: 0o700 });
  return path;
}

describe('the PDF line', () => {
  it('refuses a PDF when one is drawn and two wait (LAYSO_FEEDBACK_LIMIT), and takes PDFs again once they are done', async () => {
    // Each drawing waits for the gate file (bounded: 10 s).
    const gate = join(dir, 'gate');
    const command = tool(
      'pdftoppm-gated',
      `i=0; while [ ! -f '${gate}' ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done`,
    );
    const store = createFeedbackFileStore(dir, { pdf: { command } });
    const inLine = [store.prepare([pdf(1)]), store.prepare([pdf(2)]), store.prepare([pdf(3)])];
    await expect(store.prepare([pdf()])).rejects.toEqual(
      expect.objectContaining({ code: 'LAYSO_FEEDBACK_LIMIT' }),
    );
    // A photo does not wait behind the PDFs.
    const photo = { type: 'image/jpeg' as const, data: PLAIN_JPEG.toString('base64') };
    await expect(store.prepare([photo])).resolves.toHaveLength(1);
    writeFileSync(gate, '');
    const drawn = await Promise.all(inLine);
    expect(drawn.map((pages) => pages.length)).toEqual([1, 2, 3]);
    await expect(store.prepare([pdf()])).resolves.toHaveLength(1);
  });

  it('draws under a memory cap when prlimit is there', async () => {
    expect(PDF_RASTER.prlimit).not.toBeNull();
    const limits = join(dir, 'limits.txt');
    const command = tool('pdftoppm-limits', `grep 'Max address space' /proc/$$/limits > '${limits}'`);
    const store = createFeedbackFileStore(dir, { pdf: { command, memoryBytes: 300 * 1024 * 1024 } });
    await expect(store.prepare([pdf()])).resolves.toHaveLength(1);
    expect(readFileSync(limits, 'utf8')).toMatch(/Max address space\s+314572800\s+314572800\s+bytes/);
  });

  it('clears throwaway folders a crash left behind at start, and only those', () => {
    const old = new Date(Date.now() - 60 * 60_000);
    const made = (name: string, stale: boolean) => {
      const path = join(dir, name);
      mkdirSync(path);
      writeFileSync(join(path, 'in.pdf'), '%PDF-');
      if (stale) utimesSync(path, old, old);
      return path;
    };
    const left = made('layso-pdf-AbC123', true);
    const drawing = made('layso-pdf-XyZ789', false);
    const someoneElses = made('other-AbC123', true);
    createFeedbackFileStore(dir, { pdf: { tmpDir: dir } });
    expect([existsSync(left), existsSync(drawing), existsSync(someoneElses)]).toEqual([false, true, true]);
  });
});
