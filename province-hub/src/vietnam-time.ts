// Vietnam keeps UTC+7 all year (no daylight saving): a fact's report day and hour are its time shifted by 7 hours.
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** The fact's day in Asia/Ho_Chi_Minh, `YYYY-MM-DD`: the partition key and the day its totals count in. */
export function reportDay(at: string): string {
  return new Date(Date.parse(at) + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The hour (0–23) of an instant (epoch ms) in Asia/Ho_Chi_Minh. */
export function vietnamHour(ms: number): number {
  return new Date(ms + VIETNAM_OFFSET_MS).getUTCHours();
}
