import { useEffect, useState } from 'react';
import { Bi } from '@layso/ui-kit';
import { F } from './feedback-messages.js';
import { feedbackRoute, type FeedbackRoute } from './feedback-view.js';
import { FeedbackCasePage } from './FeedbackCasePage.js';
import { FeedbackNew } from './FeedbackNew.js';
import { FeedbackRegister } from './FeedbackRegister.js';
import { FeedbackReportPage } from './FeedbackReport.js';
import { FeedbackSettingsPage } from './FeedbackSettings.js';
import { Page } from './parts.js';

const TABS = [
  { id: 'register', hash: '#feedback', m: F.tabRegister },
  { id: 'new', hash: '#feedback/new', m: F.tabNew },
  { id: 'report', hash: '#feedback/report', m: F.tabReport },
  { id: 'settings', hash: '#feedback/settings', m: F.tabSettings },
] as const;

/**
 * "Phản ánh, kiến nghị" (issue 22): the register and a case (`#feedback/<id>`), a case recorded for a citizen, the
 * report with the register's XLSX, the settings. The whole admin of the feedback desk (role `reception`).
 */
export function Feedback() {
  const [route, setRoute] = useState<FeedbackRoute>(() => feedbackRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(feedbackRoute(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const tab = route.view === 'case' ? 'register' : route.view;
  return (
    <Page title={F.nav} testId="page-feedback">
      <nav className="ad-tabs" aria-label={F.nav.vi}>
        {TABS.map((t) => (
          <a
            key={t.id}
            href={t.hash}
            className={t.id === tab ? 'ad-tab ad-tab-on' : 'ad-tab'}
            aria-current={t.id === tab ? 'page' : undefined}
            data-testid={`feedback-tab-${t.id}`}
          >
            <Bi m={t.m} />
          </a>
        ))}
      </nav>
      {route.view === 'register' ? (
        <FeedbackRegister key={route.due ?? ''} due={route.due} />
      ) : route.view === 'case' ? (
        <FeedbackCasePage key={route.id} id={route.id} />
      ) : route.view === 'new' ? (
        <FeedbackNew />
      ) : route.view === 'report' ? (
        <FeedbackReportPage />
      ) : (
        <FeedbackSettingsPage />
      )}
    </Page>
  );
}
