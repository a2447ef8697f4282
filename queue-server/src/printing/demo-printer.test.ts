import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoPrinter } from './demo-printer.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'layso-demo-printer-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Sends one print job (text and a cut) and resolves once the printer has closed its side (the job handled). */
function print(port: number, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => {
      s.end(Buffer.concat([Buffer.from('\x1b@'), Buffer.from(`${text}\n\n\n`), Buffer.from('\x1dV\x00')]));
    });
    s.on('error', reject);
    s.on('data', () => undefined);
    s.on('close', () => resolve());
  });
}

/** A log that resolves `next()` at its next line. */
function recorder() {
  const lines: string[] = [];
  let waiting: ((line: string) => void) | null = null;
  return {
    lines,
    log: (m: string) => {
      lines.push(m);
      waiting?.(m);
      waiting = null;
    },
    next: () => new Promise<string>((resolve) => (waiting = resolve)),
  };
}

describe('the demo virtual printer', () => {
  it('a job it cannot save is logged in both languages and the printer keeps printing', async () => {
    // The output folder replaced by a file: writing into it fails even for root (ENOTDIR).
    const outDir = join(dir, 'printed');
    const rec = recorder();
    const printer = await startDemoPrinter(0, outDir, rec.log);
    if (!printer) throw new Error('the demo printer did not start');
    rmSync(outDir, { recursive: true });
    writeFileSync(outDir, 'not a folder');
    try {
      const logged = rec.next();
      await print(printer.port, 'SO 1001');
      expect(await logged).toMatch(
        /^Máy in ảo không lưu được phiếu in vào .* \/ the virtual printer could not save a job in .*: ENOTDIR/,
      );
      // Still serving: the next job is taken and fails the same way, logged again.
      const again = rec.next();
      await print(printer.port, 'SO 1002');
      await again;
      expect(rec.lines).toHaveLength(2);
    } finally {
      await printer.close();
    }
  });

  it('a folder it cannot create keeps jobs in memory and says so', async () => {
    const blocker = join(dir, 'file');
    writeFileSync(blocker, 'x');
    const rec = recorder();
    const printer = await startDemoPrinter(0, join(blocker, 'printed'), rec.log);
    if (!printer) throw new Error('the demo printer did not start');
    try {
      expect(rec.lines).toHaveLength(1);
      expect(rec.lines[0]).toMatch(/chỉ giữ trong bộ nhớ \/ .*kept in memory only/);
      await print(printer.port, 'SO 1003');
      expect(rec.lines).toHaveLength(1);
    } finally {
      await printer.close();
    }
  });
});
