import { FEEDBACK_ORIGINS, type FeedbackOrigin } from '@layso/protocol/feedback-input';
import '@layso/ui-kit/tokens.css';
import '../phone/ticket-page.css';
import '../phone/booking/booking.css';
import '../phone/feedback/feedback.css';
import { FeedbackForm } from '../phone/feedback/FeedbackForm.js';
import { mountPhonePage } from '../phone/mount.js';

// The feedback form /pa: `?t=<ticket code>` names the ticket it is about, `&from=` where it was opened from (a
// ticket's page, the counter-top after "Không hài lòng", a poster); a ticket alone counts as from its page.
const query = new URLSearchParams(window.location.search);
const ticketCode = query.get('t') || null;
const from = query.get('from');
const origin: FeedbackOrigin | null =
  FEEDBACK_ORIGINS.find((o) => o === from) ?? (ticketCode ? 'ticket' : null);
mountPhonePage(<FeedbackForm ticketCode={ticketCode} origin={origin} />);
