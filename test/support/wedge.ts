/** A keyboard-wedge scanner in the kiosk's end-to-end tests. */
import type { Page } from 'playwright-core';

/**
 * A keyboard-wedge scanner reading a QR: the whole text in one fast burst of keydowns (US layout), then Enter. With
 * `ime`, as while a Vietnamese input method (Telex) is composing: every key arrives as "Process" with its code.
 */
export async function wedgeScan(page: Page, text: string, { ime = false } = {}): Promise<void> {
  await page.evaluate(
    ({ text, ime }) => {
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
        const key = ime ? 'Process' : ch;
        window.dispatchEvent(new KeyboardEvent('keydown', { key, code: code(ch), shiftKey }));
      }
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter' }));
    },
    { text, ime },
  );
}
