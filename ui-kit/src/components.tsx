import { createContext, useContext, type ReactNode } from 'react';
import type { Bilingual, Language } from './i18n.js';

const LanguageContext = createContext<Language>('vi');
export const LanguageProvider = LanguageContext.Provider;
export const useLanguage = (): Language => useContext(LanguageContext);

/** A text in the device's language, with the other language smaller beneath it (Vietnamese first by default). */
export function Bi({ m, single = false, className }: { m: Bilingual; single?: boolean; className?: string }) {
  const lang = useLanguage();
  const first = lang === 'vi' ? m.vi : m.en;
  const second = lang === 'vi' ? m.en : m.vi;
  return (
    <span className={`lk-bi ${className ?? ''}`} lang={lang}>
      <span className="lk-bi-first">{first}</span>
      {!single && second !== first ? (
        <span className="lk-bi-second" lang={lang === 'vi' ? 'en' : 'vi'}>
          {second}
        </span>
      ) : null}
    </span>
  );
}

export interface ButtonProps {
  children: ReactNode;
  onClick?: () => void;
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger';
  size?: 'normal' | 'large' | 'huge';
  disabled?: boolean;
  /** While true the button shows it is working and ignores further taps (no double actions). */
  busy?: boolean;
  type?: 'button' | 'submit';
  className?: string;
  testId?: string;
  label?: string;
}

/** A touch target of at least 64 px with a high-contrast label. */
export function Button({
  children,
  onClick,
  variant = 'primary',
  size = 'normal',
  disabled = false,
  busy = false,
  type = 'button',
  className,
  testId,
  label,
}: ButtonProps) {
  return (
    <button
      type={type}
      className={`lk-btn lk-btn-${variant} lk-btn-${size} ${busy ? 'lk-busy' : ''} ${className ?? ''}`}
      disabled={disabled}
      aria-busy={busy || undefined}
      aria-label={label}
      data-testid={testId}
      onClick={() => {
        if (!busy && !disabled) onClick?.();
      }}
    >
      {children}
    </button>
  );
}

/** A message that must be read: warning (yellow) or danger (red), announced to screen readers. */
export function Banner({
  tone,
  title,
  detail,
  testId,
}: {
  tone: 'info' | 'warning' | 'danger';
  title: Bilingual;
  detail?: Bilingual;
  testId?: string;
}) {
  return (
    <div
      className={`lk-banner lk-banner-${tone}`}
      role={tone === 'info' ? 'status' : 'alert'}
      data-testid={testId}
    >
      <span className="lk-banner-icon" aria-hidden>
        {tone === 'info' ? 'i' : '!'}
      </span>
      <div>
        <Bi m={title} className="lk-banner-title" />
        {detail ? <Bi m={detail} className="lk-banner-detail" /> : null}
      </div>
    </div>
  );
}

/** A QR code served by the queue server as SVG (`/t/<code>/qr.svg`): sharp at any size, drawn by the same
 * encoder as the printed ticket's QR. `label` is read by screen readers. */
export function QrCode({ src, size = 240, label }: { src: string; size?: number; label: string }) {
  return <img className="lk-qr" src={src} width={size} height={size} alt={label} />;
}

export function Spinner({ label }: { label: Bilingual }) {
  return (
    <div className="lk-spinner" role="status">
      <span className="lk-spinner-wheel" aria-hidden />
      <Bi m={label} />
    </div>
  );
}

/** A whole-screen state with nothing to tap: not paired, out of service, starting (`waiting` adds a spinner). */
export function StatusScreen({
  title,
  text,
  testId,
  waiting,
}: {
  title: Bilingual;
  text?: Bilingual;
  testId: string;
  /** Shown under a spinner while something is awaited (e.g. "connecting"). */
  waiting?: Bilingual;
}) {
  return (
    <div className="lk-status" data-testid={testId} role="alert">
      <div className="lk-status-icon" aria-hidden>
        {waiting ? '…' : '!'}
      </div>
      <h1>
        <Bi m={title} />
      </h1>
      {text ? (
        <p>
          <Bi m={text} />
        </p>
      ) : null}
      {waiting ? <Spinner label={waiting} /> : null}
    </div>
  );
}
