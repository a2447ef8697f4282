import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LanguageProvider } from '@layso/ui-kit/components';
import '@layso/ui-kit/tokens.css';
import '../phone/ticket-page.css';
import '../phone/booking/booking.css';
import { BookPage } from '../phone/booking/BookPage.js';

// The booking page /dat-lich (the center's site and its QR poster link here).
const root = document.getElementById('root');
if (root) {
  root.textContent = '';
  createRoot(root).render(
    <StrictMode>
      <LanguageProvider value="vi">
        <BookPage />
      </LanguageProvider>
    </StrictMode>,
  );
}
