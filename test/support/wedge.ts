/** A keyboard-wedge scanner in the kiosk's end-to-end tests. */
import type { Page } from 'playwright-core';

/** A keyboard-wedge scanner reading a QR: the whole text in one fast burst of keydowns, then Enter. */
export async function wedgeScan(page: Page, text: string): Promise<void> {
  await page.evaluate((text) => {
    const code = (ch: string): string => {
      if (/\d/.test(ch)) return `Digit${ch}`;
      if (/[a-z]/i.test(ch)) return `Key${ch.toUpperCase()}`;
      const keys: Record<string, string> = {
        ':': 'Semicolon',
        '/': 'Slash',
        '.': 'Period',
        '-': 'Minus',
        '|': 'Backslash',
        ',': 'Comma',
        ' ': 'Space',
      };
      return keys[ch] ?? '';
    };
    for (const ch of text) {
      const shiftKey = ch === ':' || ch === '|' || /[A-Z]/.test(ch);
      window.dispatchEvent(new KeyboardEvent('keydown', { key: ch, code: code(ch), shiftKey }));
    }
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter' }));
  }, text);
}
