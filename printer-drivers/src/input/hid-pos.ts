/**
 * HID POS barcode scanner input reports (usage page 0x8C). The layout below is the common one (Honeywell,
 * Zebra and Newland in "HID POS" mode): report ID 0x02, byte 1 = number of data bytes in this report,
 * bytes 2–4 = AIM symbology identifier, bytes 5.. = data, last byte bit 0 = more data follows in the next
 * report. Every offset is configurable for a scanner that differs.
 */
export interface HidPosLayout {
  /** Expected report ID in byte 0, or null when the device sends no report ID. Default 0x02. */
  reportId: number | null;
  /** Index of the data length byte. Default 1. */
  lengthIndex: number;
  /** Index of the first data byte. Default 5. */
  dataOffset: number;
  /** Index of the flags byte counted from the end (-1 = last byte), or null for none. Default -1. */
  moreFlagIndex: number | null;
  moreFlagMask: number;
}

export const DEFAULT_HID_POS_LAYOUT: HidPosLayout = {
  reportId: 0x02,
  lengthIndex: 1,
  dataOffset: 5,
  moreFlagIndex: -1,
  moreFlagMask: 0x01,
};

/** Joins the data of successive reports into whole scans (UTF-8, NFC). */
export class HidPosReportDecoder {
  private readonly layout: HidPosLayout;
  private parts: Uint8Array[] = [];
  private size = 0;

  constructor(layout: Partial<HidPosLayout> = {}) {
    this.layout = { ...DEFAULT_HID_POS_LAYOUT, ...layout };
  }

  /** Returns the finished scan, or null while more reports are expected (or for foreign reports). */
  decode(report: Uint8Array): string | null {
    const l = this.layout;
    if (l.reportId !== null && report[0] !== l.reportId) return null;
    const len = report[l.lengthIndex] ?? 0;
    const end = Math.min(report.length, l.dataOffset + len);
    const data = report.subarray(l.dataOffset, end);
    if (data.length > 0 && this.size + data.length <= 65536) {
      this.parts.push(data.slice());
      this.size += data.length;
    }
    const flagAt =
      l.moreFlagIndex === null ? -1 : l.moreFlagIndex < 0 ? report.length + l.moreFlagIndex : l.moreFlagIndex;
    const more = l.moreFlagIndex !== null && ((report[flagAt] ?? 0) & l.moreFlagMask) !== 0;
    if (more) return null;
    const all = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      all.set(p, at);
      at += p.length;
    }
    this.parts = [];
    this.size = 0;
    return new TextDecoder('utf-8').decode(all).normalize('NFC');
  }
}
