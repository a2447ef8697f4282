import type { ReactNode } from 'react';
import { Bi, Button, COMMON, formatClock, Icon, useNow } from '@layso/ui-kit';

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
