/**
 * Check-in at the kiosk in Chromium for booking.bench.ts: null while the kiosk page offers no check-in.
 */
export async function checkInInChromium(
  _url: string,
  _kioskToken: string,
  _codes: readonly string[],
): Promise<number[] | null> {
  return null;
}
