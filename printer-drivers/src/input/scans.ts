/**
 * Scan assembly and double-scan suppression. Scanners in keyboard mode may type the CCCD QR twice, and a
 * citizen may hold the card under the scanner long enough for two reads.
 */
export interface ScanFilterOptions {
  /** The same payload again within this window is a double scan and is dropped. Default 1500 ms. */
  windowMs?: number;
  /** Injected clock (ms). Default Date.now. */
  now?: () => number;
}

/** "XX" or "X\nX" where both halves are equal and non-trivial → "X". */
export function collapseDoubled(payload: string): string {
  const s = payload.replace(/[\r\n\t]+$/u, '');
  for (const sep of ['', '\r\n', '\n', '\r', '\t']) {
    const len = s.length - sep.length;
    if (len < 8 || len % 2 !== 0) continue;
    const half = len / 2;
    const a = s.slice(0, half);
    if (s.slice(half, half + sep.length) === sep && s.slice(half + sep.length) === a) return a;
  }
  return s;
}

export class ScanFilter {
  private last: { payload: string; at: number } | null = null;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(options: ScanFilterOptions = {}) {
    this.windowMs = options.windowMs ?? 1500;
    this.now = options.now ?? Date.now;
  }

  /** The normalised scan to emit, or null for an empty scan or a repeat within the window. */
  accept(raw: string): string | null {
    const payload = collapseDoubled(raw).normalize('NFC').trim();
    if (!payload) return null;
    const at = this.now();
    const repeat = this.last && this.last.payload === payload && at - this.last.at <= this.windowMs;
    this.last = { payload, at };
    return repeat ? null : payload;
  }
}

/** Collects typed characters into whole scans ended by Enter (or Tab, as some scanners are set). */
export class KeystrokeScanAssembler {
  private buffer = '';
  private readonly maxLength: number;

  constructor(options: { maxLength?: number } = {}) {
    this.maxLength = options.maxLength ?? 4096;
  }

  /** Feeds characters; returns scans completed by them. */
  push(chars: string): string[] {
    const out: string[] = [];
    for (const ch of chars) {
      if (ch === '\n' || ch === '\r' || ch === '\t') {
        if (this.buffer) out.push(this.buffer);
        this.buffer = '';
      } else if (this.buffer.length < this.maxLength) {
        this.buffer += ch;
      }
    }
    return out;
  }

  /** What was typed without a terminator yet (for an idle timeout). */
  flush(): string | null {
    const b = this.buffer;
    this.buffer = '';
    return b || null;
  }
}
