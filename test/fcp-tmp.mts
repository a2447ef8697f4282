import { startHarness } from '@layso/queue-server';
import { launchBrowser } from './support/browser.js';
const chrome = await launchBrowser();
const h = await startHarness();
const url = `${h.url}/kiosk#token=${h.credentials.kioskToken}`;
const out: string[] = [];
for (let i = 0; i < 6; i++) {
  const page = await chrome.page();
  await page.goto(url);
  await page.locator('[data-testid^="service-"]').first().waitFor();
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const res = performance
      .getEntriesByType('resource')
      .map(
        (r) =>
          `${r.name.split('/').pop()?.slice(0, 18)}:${Math.round(r.startTime)}-${Math.round(r.responseEnd)}`,
      );
    return {
      fcp: Math.round(performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1),
      ready: Math.round(performance.now()),
      dom: Math.round(nav.domContentLoadedEventEnd),
      res,
    };
  });
  out.push(JSON.stringify(t));
  await page.close();
}
console.log(out.join('\n'));
await chrome.close();
await h.close();
