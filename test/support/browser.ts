/**
 * Real Chromium for the screens' end-to-end tests: Debian's /usr/bin/chromium driven by playwright-core (its
 * own browser downloads are not reachable here). One browser per test file; Playwright gives each launch a fresh, empty profile.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from './child.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface TestBrowser {
  browser: Browser;
  /** A new page of the given viewport size (portrait kiosk 1080×1920 by default). */
  page(size?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** Fails with a clear message when the web apps were not built (`npm test` builds them first). */
export function requireBuiltApps(): void {
  for (const page of [
    'kiosk/index.html',
    'screens/display.html',
    'screens/counter.html',
    'admin/index.html',
    'phone/ticket.html',
  ]) {
    if (!existsSync(join(REPO_ROOT, 'dist/web', page))) {
      throw new Error(`dist/web/${page} is missing: run \`npm run build:web\` first (npm test does it)`);
    }
  }
}

export interface LaunchOptions {
  /** The browser's language (`--lang`, navigator.language, Accept-Language); Vietnamese by default. */
  lang?: string;
}

export async function launchBrowser({ lang }: LaunchOptions = {}): Promise<TestBrowser> {
  requireBuiltApps();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--autoplay-policy=no-user-gesture-required',
      ...(lang ? [`--lang=${lang}`] : []),
    ],
  });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async page(size = { width: 1080, height: 1920 }) {
      const context = await browser.newContext({
        viewport: size,
        locale: lang ?? 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
      });
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
    },
  };
}
