import type { ReactNode } from 'react';
import { Banner, Bi, Button, COMMON, formatClock, Icon, useNow, type Bilingual } from '@layso/ui-kit';
import { M } from './messages.js';

/** Every screen: the center's name and the time on top; a way back and home always visible. */
export function Layout({
  centerName,
  onBack,
  onHome,
  children,
  footer,
  testId,
}: {
  centerName: string;
  onBack?: () => void;
  onHome?: () => void;
  children: ReactNode;
  footer?: ReactNode;
  testId: string;
}) {
  const now = formatClock(useNow(10_000));
  return (
    <div className={`k-screen ${footer ? 'k-screen-keyboard' : ''}`} data-testid={testId}>
      <header className="k-header">
        <div className="k-center">
          <Icon name="star" className="k-emblem" />
          <span>{centerName}</span>
        </div>
        <div className="k-clock" aria-label={`${now.time} ${now.vi}`}>
          <strong>{now.time}</strong>
          <span>{now.vi}</span>
        </div>
      </header>
      {onBack || onHome ? (
        <nav className="k-nav">
          {onBack ? (
            <Button variant="ghost" size="large" onClick={onBack} testId="back">
              <Icon name="back" /> <Bi m={COMMON.back} />
            </Button>
          ) : null}
          {onHome ? (
            <Button variant="ghost" size="large" onClick={onHome} testId="home">
              <Icon name="home" /> <Bi m={COMMON.home} />
            </Button>
          ) : null}
        </nav>
      ) : null}
      <main className="k-main">{children}</main>
      {footer ? <footer className="k-footer">{footer}</footer> : null}
    </div>
  );
}

/** What the kiosk says above a screen: the printer's fault, the server's refusal, a notice. */
export function Banners({
  fault,
  stopMode,
  refusal,
  notice,
}: {
  fault: Bilingual | null;
  stopMode: boolean;
  refusal: Bilingual | null;
  notice: Bilingual | null;
}) {
  return (
    <>
      {fault ? (
        <Banner
          tone={stopMode ? 'danger' : 'warning'}
          title={fault}
          detail={stopMode ? M.printerStopMode : M.printerScreenMode}
          testId="printer-banner"
        />
      ) : null}
      {refusal ? <Banner tone="danger" title={M.errorTitle} detail={refusal} testId="refusal" /> : null}
      {notice ? <Banner tone="info" title={notice} testId="notice" /> : null}
    </>
  );
}
