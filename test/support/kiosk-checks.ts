/**
 * What a citizen of 70 needs from every kiosk screen — every touch target at least 64 px, nothing cut off at
 * the sides, body text at least 18 px, what is typed in sight, every button on screen at once — checked in the
 * page. Shared by the kiosk's screens tests.
 */
import type { Page } from 'playwright-core';

/** Problems a citizen would meet on this screen: small targets, text cut off at the sides, tiny text. */
export async function kioskProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const vw = document.documentElement.clientWidth;
    for (const el of document.querySelectorAll<HTMLElement>('button, [role="button"], input')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.width < 64 || r.height < 64)
        out.push(
          `small target ${Math.round(r.width)}×${Math.round(r.height)}: ${el.textContent?.slice(0, 30)}`,
        );
      if (r.left < -1 || r.right > vw + 1) out.push(`cut off: ${el.textContent?.slice(0, 30)}`);
    }
    for (const el of document.querySelectorAll<HTMLElement>('p, dt, dd, span, h1, h2, label')) {
      if (!el.textContent?.trim() || el.children.length > 0) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 18) out.push(`text ${size}px: ${el.textContent.slice(0, 30)}`);
    }
    if (document.documentElement.scrollWidth > vw + 1) out.push('page scrolls sideways');
    // What is being typed must be in sight of the one typing it.
    const vh = document.documentElement.clientHeight;
    for (const el of document.querySelectorAll<HTMLElement>('.k-field-active input, .k-input-search')) {
      const r = el.getBoundingClientRect();
      if (r.top < 0 || r.bottom > vh) out.push(`typed text off screen: ${el.dataset.testid}`);
    }
    // Every button is on the screen at once (nobody has to know that a page scrolls) — but for a long list
    // of search results, which is a list everyone scrolls.
    for (const el of document.querySelectorAll<HTMLElement>('button')) {
      if (el.closest('.k-results')) continue;
      const r = el.getBoundingClientRect();
      if (r.bottom > vh + 1)
        out.push(`button below the screen: ${el.dataset.testid ?? el.textContent?.slice(0, 30)}`);
    }
    return out;
  });
}
