import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { normalizeBookingCode } from '@layso/protocol/booking-input';
import { LanguageProvider } from '@layso/ui-kit/components';
import '@layso/ui-kit/tokens.css';
import '../phone/ticket-page.css';
import '../phone/booking/booking.css';
import { BookingPage } from '../phone/booking/BookingPage.js';

// The page answers /b/<booking code> (the booking's QR); the code is read from the address, typed forms allowed.
const typed = decodeURIComponent(window.location.pathname.split('/')[2] ?? '');
const code = normalizeBookingCode(typed) ?? typed;
const root = document.getElementById('root');
if (root) {
  root.textContent = '';
  createRoot(root).render(
    <StrictMode>
      <LanguageProvider value="vi">
        <BookingPage code={code} />
      </LanguageProvider>
    </StrictMode>,
  );
}
