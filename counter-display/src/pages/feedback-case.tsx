import { normalizeFeedbackCode } from '@layso/protocol/feedback-input';
import '@layso/ui-kit/tokens.css';
import '../phone/ticket-page.css';
import '../phone/booking/booking.css';
import '../phone/feedback/feedback.css';
import { CasePage } from '../phone/feedback/CasePage.js';
import { codeFromPath, mountPhonePage } from '../phone/mount.js';

// The page answers /pa/<case code> (the receipt's link and QR).
mountPhonePage(<CasePage code={codeFromPath(normalizeFeedbackCode)} />);
