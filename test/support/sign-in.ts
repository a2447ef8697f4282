/**
 * Signing in on the screens in the end-to-end tests, as a newcomer would: the officer console (`/counter`) is
 * submitted with Enter, the admin (`/admin#page`) with its button. One helper, so a change of the form is one
 * change here.
 */
import type { Page } from 'playwright-core';

export interface Account {
  username: string;
  password: string;
}

/**
 * Opens `url` (unless the page is there already), fills the form as `who` and sends it. With `until: 'in'`
 * (the default) it also waits until the screen is in use: the console confirms the counter it offers and is
 * online; the admin shows the page the URL names (`#monitor` when none). With `'sent'` it returns at once, for
 * a test that looks at what follows (the counter chooser, a refusal).
 */
export async function signIn(
  page: Page,
  url: string,
  who: Account,
  until: 'in' | 'sent' = 'in',
): Promise<void> {
  if (page.url() !== url) await page.goto(url);
  const { pathname, hash } = new URL(url);
  await page.locator('input[name="username"]').fill(who.username);
  await page.locator('input[name="password"]').fill(who.password);
  const admin = pathname.startsWith('/admin');
  if (admin) await page.getByTestId('sign-in').click();
  else await page.keyboard.press('Enter');
  if (until === 'sent') return;
  if (admin) {
    await page.getByTestId(`page-${hash.slice(1) || 'monitor'}`).waitFor();
    return;
  }
  await page.getByTestId('confirm-counter').click();
  await page.getByTestId('current').waitFor();
  await page.locator('[data-testid="connection"][data-status="online"]').waitFor({ state: 'attached' });
}
