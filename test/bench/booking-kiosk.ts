/**
 * Check-in at the kiosk in Chromium, for booking.bench.ts: on the kiosk page, "Nhận số theo lịch hẹn", the code
 * typed on the kiosk's code keyboard, then the tap on the check-in button → the booked ticket's number painted,
 * timed inside the page (the tap's event time to the frame after the number appears), one booking after another.
 * Null when the kiosk page offers no check-in (a build without it): the bench then times the call alone.
 */
import { launchBrowser } from '../support/browser.js';

export async function checkInInChromium(
  url: string,
  kioskToken: string,
  codes: readonly string[],
): Promise<number[] | null> {
  const chrome = await launchBrowser();
  try {
    const page = await chrome.page();
    await page.goto(`${url}/kiosk#token=${kioskToken}`);
    await page.getByTestId('welcome').waitFor();
    if ((await page.getByTestId('check-in-open').count()) === 0) return null;
    const taps: number[] = [];
    for (const code of codes) {
      await page.getByTestId('check-in-open').click();
      await page.getByTestId('check-in').waitFor();
      for (const ch of code) await page.locator(`[data-key="${ch}"]`).click();
      const timing = page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            let tapAt = 0;
            const button = document.querySelector('[data-testid="check-in-submit"]');
            button?.addEventListener('click', (e) => (tapAt = e.timeStamp), { capture: true, once: true });
            const seen = new MutationObserver(() => {
              if (!document.querySelector('[data-testid="ticket-number"]')) return;
              seen.disconnect();
              requestAnimationFrame(() => resolve(performance.now() - tapAt));
            });
            seen.observe(document.body, { childList: true, subtree: true });
          }),
      );
      await page.getByTestId('check-in-submit').click();
      taps.push(await timing);
      await page.locator('[data-testid="print-state"]:not([data-state="printing"])').waitFor();
      await page.getByTestId('done').click();
      await page.getByTestId('welcome').waitFor();
    }
    return taps;
  } finally {
    await chrome.close();
  }
}
