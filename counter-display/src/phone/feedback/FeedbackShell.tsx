import type { ReactNode } from 'react';
import { Bi } from '@layso/ui-kit/components';
import { F } from './texts.js';

/** The feedback pages' frame: the center's name and the page's title above, one column below. */
export function FeedbackShell({ center, children }: { center: string; children: ReactNode }) {
  return (
    <main className="ph bk fb">
      <header className="ph-head">
        <span className="ph-center" data-testid="fb-center">
          {center}
        </span>
        <Bi m={F.title} className="ph-service" />
      </header>
      {children}
    </main>
  );
}
