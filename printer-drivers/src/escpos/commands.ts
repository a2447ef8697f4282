/** ESC/POS byte values we emit and decode (Epson ESC/POS reference; the same on Xprinter and Rongta). */
export const ESC = 0x1b;
export const GS = 0x1d;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;
export const FS = 0x1c;
