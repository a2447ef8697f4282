/** Waiting on the officer console in the screens' end-to-end tests: for events in the page, never for time. */
import type { Page } from 'playwright-core';

/** Nothing is in flight: every action button has let go of its busy state (the counter was re-read). */
export async function idle(page: Page): Promise<void> {
  await page.locator('button[aria-busy="true"]').waitFor({ state: 'detached' });
}

/**
 * Presses G once the console can call: its queue has been read, nobody is at the counter and it is not paused.
 * (A key pressed before the first read is ignored by design, as the button is disabled then.)
 */
export async function pressCall(page: Page): Promise<void> {
  await idle(page);
  await page.locator('[data-testid="action-call"]:enabled').waitFor();
  await page.keyboard.press('g');
}
