/**
 * Vietnam has kept UTC+7 without daylight saving since 1975, so Asia/Ho_Chi_Minh wall time is a fixed
 * offset: no dependence on the machine's TZ or on the ICU time-zone data Node was built with.
 */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

export interface VnWallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function vnWallTime(at: Date): VnWallTime {
  const t = at.getTime();
  if (!Number.isFinite(t)) throw new RangeError('invalid date');
  const d = new Date(t + VN_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

const p2 = (n: number): string => String(n).padStart(2, '0');

/** `HH:mm dd/MM/yyyy` in Asia/Ho_Chi_Minh (the ticket's issue time). */
export function formatTicketTime(at: Date): string {
  const w = vnWallTime(at);
  return `${p2(w.hour)}:${p2(w.minute)} ${p2(w.day)}/${p2(w.month)}/${w.year}`;
}

/** `HH giờ mm phút, ngày dd/MM/yyyy` as Mẫu 01 writes times. */
export function formatFormTime(at: Date): string {
  const w = vnWallTime(at);
  return `${p2(w.hour)} giờ ${p2(w.minute)} phút, ngày ${p2(w.day)}/${p2(w.month)}/${w.year}`;
}
