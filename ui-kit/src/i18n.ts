// The catalogue alone, without the zod schemas: screens bundle no validation code they do not use.
import { ERRORS } from '@layso/protocol/errors';

/**
 * Vietnamese first, English second. A catalogue maps each key to both texts; screens show the Vietnamese
 * large and the English beneath it (or English alone when a device is set to English). Every text is NFC.
 */
export type Language = 'vi' | 'en';
export interface Bilingual {
  vi: string;
  en: string;
}
export type Catalogue<K extends string = string> = Record<K, Bilingual>;

/** Declares a screen's messages; checks at load that both languages are present and NFC. */
export function defineMessages<K extends string>(catalogue: Catalogue<K>): Catalogue<K> {
  for (const [key, m] of Object.entries(catalogue) as [string, Bilingual][]) {
    if (!m.vi || !m.en) throw new Error(`message ${key} needs both vi and en`);
    if (m.vi !== m.vi.normalize('NFC')) throw new Error(`message ${key} is not NFC`);
  }
  return catalogue;
}

/** Fills `{name}` placeholders in both languages. */
export function format(m: Bilingual, params: Record<string, string | number> = {}): Bilingual {
  const fill = (s: string) =>
    s.replace(/\{(\w+)\}/g, (all, k: string) => (k in params ? String(params[k]) : all));
  return { vi: fill(m.vi), en: fill(m.en) };
}

/** Minutes as a citizen says them: "khoảng 12 phút" / "about 12 min"; 0 → "sắp đến lượt". */
export function waitText(minutes: number): Bilingual {
  if (minutes <= 0) return { vi: 'Sắp đến lượt', en: 'Almost your turn' };
  if (minutes < 60) return { vi: `Khoảng ${minutes} phút`, en: `About ${minutes} min` };
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0
    ? { vi: `Khoảng ${h} giờ`, en: `About ${h} h` }
    : { vi: `Khoảng ${h} giờ ${m} phút`, en: `About ${h} h ${m} min` };
}

export const NETWORK_ERROR = 'Không kết nối được máy chủ / Cannot reach the server';

/** The server's "vi / en" message split into its two languages (the protocol's catalogue when the code is known). */
export function errorText(code: string, message?: string): Bilingual {
  const known = (ERRORS as Record<string, { vi: string; en: string } | undefined>)[code];
  if (known) return { vi: known.vi, en: known.en };
  const [vi, en] = (message ?? NETWORK_ERROR).split(' / ');
  return { vi: vi ?? '', en: en ?? vi ?? '' };
}

/** Messages every screen shares. */
export const COMMON = defineMessages({
  back: { vi: 'Quay lại', en: 'Back' },
  home: { vi: 'Về màn hình chính', en: 'Home' },
});

/** The link to the server, as every staff screen and device names it. */
export const CONNECTION = defineMessages({
  offline: { vi: 'Mất kết nối máy chủ — đang kết nối lại…', en: 'Lost the server — reconnecting…' },
  connecting: { vi: 'Đang kết nối máy chủ…', en: 'Connecting to the server…' },
  online: { vi: 'Đã kết nối', en: 'Connected' },
});
