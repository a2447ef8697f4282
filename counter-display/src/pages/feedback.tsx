import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FEEDBACK_ORIGINS, type FeedbackOrigin } from '@layso/protocol/feedback-input';
import { LanguageProvider } from '@layso/ui-kit/components';
import '@layso/ui-kit/tokens.css';
import '../phone/ticket-page.css';
import '../phone/booking/booking.css';
import '../phone/feedback/feedback.css';
import { FeedbackForm } from '../phone/feedback/FeedbackForm.js';

// The feedback form /pa: `?t=<ticket code>` names the ticket it is about, `&from=` where it was opened from (a
// ticket's page, the counter-top after "Không hài lòng", a poster); a ticket alone counts as from its page.
const query = new URLSearchParams(window.location.search);
const ticketCode = query.get('t') || null;
const from = query.get('from');
const origin: FeedbackOrigin | null =
  FEEDBACK_ORIGINS.find((o) => o === from) ?? (ticketCode ? 'ticket' : null);
const root = document.getElementById('root');
if (root) {
  root.textContent = '';
  createRoot(root).render(
    <StrictMode>
      <LanguageProvider value="vi">
        <FeedbackForm ticketCode={ticketCode} origin={origin} />
      </LanguageProvider>
    </StrictMode>,
  );
}
