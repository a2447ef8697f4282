/**
 * USB HID boot-keyboard reports: [modifiers, reserved, key1..key6] (8 bytes; some devices put a report ID
 * first). Scanners in keyboard mode and most rating keypads speak this. Layout: US, like the scanners'
 * factory default.
 */
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '1234567890';
const DIGITS_SHIFTED = '!@#$%^&*()';

/** usage ID → [unshifted, shifted] */
const KEYMAP = new Map<number, [string, string]>();
for (let i = 0; i < 26; i++) {
  const ch = LETTERS[i] ?? '';
  KEYMAP.set(0x04 + i, [ch, ch.toUpperCase()]);
}
for (let i = 0; i < 10; i++) KEYMAP.set(0x1e + i, [DIGITS[i] ?? '', DIGITS_SHIFTED[i] ?? '']);
const PUNCT: [number, string, string][] = [
  [0x28, '\n', '\n'],
  [0x2b, '\t', '\t'],
  [0x2c, ' ', ' '],
  [0x2d, '-', '_'],
  [0x2e, '=', '+'],
  [0x2f, '[', '{'],
  [0x30, ']', '}'],
  [0x31, '\\', '|'],
  [0x33, ';', ':'],
  [0x34, "'", '"'],
  [0x35, '`', '~'],
  [0x36, ',', '<'],
  [0x37, '.', '>'],
  [0x38, '/', '?'],
  [0x54, '/', '/'],
  [0x55, '*', '*'],
  [0x56, '-', '-'],
  [0x57, '+', '+'],
  [0x58, '\n', '\n'],
  [0x62, '0', '0'],
  [0x63, '.', '.'],
];
for (const [u, a, b] of PUNCT) KEYMAP.set(u, [a, b]);
for (let i = 0; i < 9; i++) KEYMAP.set(0x59 + i, [String(i + 1), String(i + 1)]);

const SHIFT = 0x02 | 0x20;

/** A stable name per usage ID for key maps: 'a', '1', 'KP1', 'ENTER', 'F1', or 'usage:0x..'. */
export function keyName(usage: number): string {
  if (usage >= 0x59 && usage <= 0x61) return `KP${usage - 0x58}`;
  if (usage === 0x62) return 'KP0';
  if (usage === 0x58) return 'KPENTER';
  if (usage === 0x28) return 'ENTER';
  if (usage >= 0x3a && usage <= 0x45) return `F${usage - 0x39}`;
  const k = KEYMAP.get(usage);
  if (k && k[0].trim()) return k[0];
  return `usage:0x${usage.toString(16).padStart(2, '0')}`;
}

export interface KeyPress {
  usage: number;
  name: string;
  /** The character typed (with Shift applied), or null for keys that type nothing. */
  char: string | null;
  shift: boolean;
}

/**
 * Turns successive reports into key presses: a key counts once when it appears, not again while held
 * (reports repeat the held keys), and again only after it was released.
 */
export class KeyboardReportDecoder {
  private held = new Set<number>();
  private readonly reportIdByte: boolean;

  constructor(options: { reportIdByte?: boolean } = {}) {
    this.reportIdByte = options.reportIdByte ?? false;
  }

  decode(report: Uint8Array): KeyPress[] {
    const r = this.reportIdByte ? report.subarray(1) : report;
    if (r.length < 3) return [];
    const modifiers = r[0] ?? 0;
    const keys = [...r.subarray(2, 8)].filter((k) => k > 0x03); // 0 none, 1–3 error/rollover codes
    if (r.subarray(2, 8).some((k) => k === 0x01)) return []; // phantom state: too many keys, ignore
    const shift = (modifiers & SHIFT) !== 0;
    const presses: KeyPress[] = [];
    for (const k of keys) {
      if (this.held.has(k)) continue;
      const m = KEYMAP.get(k);
      presses.push({ usage: k, name: keyName(k), char: m ? (shift ? m[1] : m[0]) : null, shift });
    }
    this.held = new Set(keys);
    return presses;
  }

  reset(): void {
    this.held.clear();
  }
}
