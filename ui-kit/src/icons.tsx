/**
 * Icons as inline SVG: they draw the same on every kiosk, TV and PC, with no emoji or symbol font installed.
 * Stroked in the current text colour, sized by the text (1em) unless told otherwise.
 */
const PATHS = {
  search:
    'M10.5 3a7.5 7.5 0 1 0 4.55 13.46L20 21.4 21.4 20l-4.94-4.95A7.5 7.5 0 0 0 10.5 3Zm0 2a5.5 5.5 0 1 1 0 11 5.5 5.5 0 0 1 0-11Z',
  back: 'M11 5 4 12l7 7 1.4-1.4L7.8 13H20v-2H7.8l4.6-4.6Z',
  home: 'M12 3 2 11.5l1.3 1.5L5 11.6V20h5v-5h4v5h5v-8.4l1.7 1.4 1.3-1.5Z',
  ticket: 'M3 6h18v4a2 2 0 0 0 0 4v4H3v-4a2 2 0 0 0 0-4Zm2 2v.6a4 4 0 0 1 0 6.8v.6h14v-.6a4 4 0 0 1 0-6.8V8Z',
  backspace:
    'M8 5h13v14H8l-6-7Zm1 2-4.3 5L9 17h10V7Zm2.3 2.3 2.2 2.2 2.2-2.2 1.4 1.4-2.2 2.3 2.2 2.2-1.4 1.4-2.2-2.2-2.2 2.2-1.4-1.4 2.2-2.2-2.2-2.3Z',
  shift: 'M12 3 3 12h5v8h8v-8h5Zm0 2.8L16.2 10H14v8h-4v-8H7.8Z',
  checked: 'M4 4h16v16H4Zm2 2v12h12V6Zm10.3 2.3 1.4 1.4-7.2 7.2-3.9-3.9 1.4-1.4 2.5 2.5Z',
  unchecked: 'M4 4h16v16H4Zm2 2v12h12V6Z',
  calendar: 'M7 1h2v3H7Zm8 0h2v3h-2ZM3 4h18v18H3Zm2 6v10h14V10Zm2 2h3v3H7Z',
  star: 'm12 2 2.9 6.9 7.1.6-5.4 4.7 1.7 7.3L12 17.6l-6.3 3.9 1.7-7.3L2 9.5l7.1-.6Z',
  /** A QR code: "scan your slip". */
  qr: 'M3 3h8v8H3Zm2 2v4h4V5Zm8-2h8v8h-8Zm2 2v4h4V5ZM3 13h8v8H3Zm2 2v4h4v-4Zm8-2h3v3h-3Zm5 0h3v3h-3Zm-5 5h3v3h-3Zm5 0h3v3h-3Z',
  /** A speech bubble: "Góp ý, phản ánh" (feedback). */
  chat: 'M3 3h18v14H9l-5 4v-4H3Zm2 2v10h1v1.8L8.3 15H19V5ZM7 8h10v2H7Zm0 3h7v2H7Z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({
  name,
  size = '1em',
  className,
}: {
  name: IconName;
  size?: string | number;
  className?: string;
}) {
  return (
    <svg
      className={`lk-icon ${className ?? ''}`}
      viewBox="0 0 24 24"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}
