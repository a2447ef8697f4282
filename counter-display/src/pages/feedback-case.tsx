import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { normalizeFeedbackCode } from '@layso/protocol/feedback-input';
import { LanguageProvider } from '@layso/ui-kit/components';
import '@layso/ui-kit/tokens.css';
import '../phone/ticket-page.css';
import '../phone/booking/booking.css';
import '../phone/feedback/feedback.css';
import { CasePage } from '../phone/feedback/CasePage.js';

// The page answers /pa/<case code> (the receipt's link and QR); the code is read from the address, typed forms allowed.
const typed = decodeURIComponent(window.location.pathname.split('/')[2] ?? '');
const code = normalizeFeedbackCode(typed) ?? typed;
const root = document.getElementById('root');
if (root) {
  root.textContent = '';
  createRoot(root).render(
    <StrictMode>
      <LanguageProvider value="vi">
        <CasePage code={code} />
      </LanguageProvider>
    </StrictMode>,
  );
}
